/**
 * The engine boundary for release names a person types: they are filled into the team's own commands (see
 * fillPlaceholders in remote/quote.ts, which quotes them wherever they stand).
 */
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
