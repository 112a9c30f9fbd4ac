/**
 * POSIX shell quoting. Anything that reaches a remote shell from data (release ids, paths, user text) goes
 * through here, so a value can never become code: `quote("a'b")` → `'a'\''b'`, and the `sh` template quotes
 * every interpolation. Commands the team wrote in the workspace stay code; only their `${placeholders}` are data.
 */

/** Characters that never need quoting in any POSIX shell position (no `~`: it expands at the start of a word). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell: the result is always read back as exactly `arg`. */
export function quote(arg: string | number): string {
  const text = String(arg);
  if (text.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (text === '') return "''";
  if (SAFE.test(text)) return text;
  // Inside single quotes nothing is special but the quote itself: close, add an escaped quote, reopen.
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A fragment that is already shell code (e.g. built by `sh` or `quotePath`): `sh` inserts it as is. */
export class ShellCode {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks trusted shell code for `sh`; never use it on data. */
export function raw(code: string): ShellCode {
  return new ShellCode(code);
}

type Interpolation = string | number | ShellCode | readonly (string | number | ShellCode)[];

function render(value: Interpolation): string {
  if (value instanceof ShellCode) return value.text;
  if (Array.isArray(value)) return value.map((v: string | number | ShellCode) => render(v)).join(' ');
  return quote(value as string | number);
}

/**
 * Tagged template that quotes every interpolation: sh`rm -rf ${dir}/cache` is safe whatever `dir` holds.
 * Arrays become several quoted words; `raw(...)`/ShellCode values are inserted unquoted.
 */
export function sh(strings: TemplateStringsArray, ...values: Interpolation[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return out;
}

/**
 * Quotes a path that may start with `~/` (meaning the login user's home on that host): the tilde becomes
 * "$HOME", which the remote shell expands, and the rest is quoted as data.
 */
export function quotePath(path: string): string {
  if (path === '~') return '"$HOME"';
  if (path.startsWith('~/')) return path.length === 2 ? '"$HOME"/' : `"$HOME"/${quote(path.slice(2))}`;
  return quote(path);
}

/** Sticky: matched where the scan stands, without copying the rest of the command for every `$`. */
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/y;
/** Backups' and drills' `{file}`, `{scratch}`: the form their docs use (shell code never writes a bare `{word}`). */
const BRACE_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/y;

/**
 * Fills `${name}` placeholders of a command the team wrote with quoted values. Names not in `values` are left
 * alone, so the command's own shell variables (`${HOME}`) keep working. Placeholders must not be quoted by the
 * author (`validate` rejects it), but one inside '…' or "…" is still safe: the author's quotes are closed around
 * the quoted value and reopened, so the value stays one word of data and never shell code.
 */
export function fillPlaceholders(
  template: string,
  values: Record<string, string | number>,
  options: { form?: 'dollar' | 'brace' } = {},
): string {
  const brace = options.form === 'brace';
  const pattern = brace ? BRACE_PLACEHOLDER : PLACEHOLDER;
  let out = '';
  let quoteChar: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i++) {
    const char = template.charAt(i);
    if (quoteChar !== "'" && char === '\\') {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === (brace ? '{' : '$')) {
      pattern.lastIndex = i;
      const match = pattern.exec(template);
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

/** Environment variable names a transport accepts (anything else could inject code through `export`). */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
