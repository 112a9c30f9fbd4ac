/**
 * Filling `${release}`, `${host}` … into the deploy commands the team wrote. Values are always shell-quoted, and
 * quoted for where they stand: a placeholder the author put inside '…' or "…" (which `validate` rejects) gets the
 * enclosing quotes closed around it, so its value is still one word of data and never shell code.
 */
import { quote } from '../remote/quote';

const PLACEHOLDER = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/;

/** Fills the placeholders named in `values`; others (`${HOME}`) are left for the shell. */
export function fillCommand(template: string, values: Record<string, string | number>): string {
  let out = '';
  let quoteChar: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i++) {
    const char = template.charAt(i);
    if (quoteChar !== "'" && char === '\\') {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '$') {
      const match = PLACEHOLDER.exec(template.slice(i));
      const name = match?.[1];
      const value = name !== undefined && Object.hasOwn(values, name) ? values[name] : undefined;
      if (match && value !== undefined) {
        const word = quote(value);
        // Close the author's quotes, add the quoted word, reopen them: the shell joins the three into one word.
        out += quoteChar ? `${quoteChar}${word}${quoteChar}` : word;
        i += match[0].length - 1;
        continue;
      }
    }
    if (quoteChar === null && (char === "'" || char === '"')) quoteChar = char;
    else if (char === quoteChar) quoteChar = null;
    out += char;
  }
  return out;
}

/**
 * Release names a person may give (`--release`, `--to`) for the script strategy: a tag, a version, a branch. Letters
 * and digits first (never `-`, which a script would read as an option), then nothing a shell treats specially.
 */
export function isSafeReleaseName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._+@:/=-]{0,199}$/.test(name);
}

export function unsafeReleaseMessage(name: string): string {
  return `The release name ${JSON.stringify(name.slice(0, 80))} is not allowed: it must start with a letter or digit and hold only letters, digits and . _ + @ : / = - (it is passed to your deploy commands).`;
}
