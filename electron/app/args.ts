/**
 * Reads `--workspace PATH` (or `--workspace=PATH`) from a command line: ours at start, or a second instance's,
 * relayed by the single-instance lock with that instance's working directory.
 */
import { isAbsolute, resolve } from 'node:path';

export function workspaceArg(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === '--workspace') value = argv[i + 1];
    else if (arg?.startsWith('--workspace=')) value = arg.slice('--workspace='.length);
    else continue;
    // `--workspace --other-flag` is a missing value, not a file called "--other-flag".
    if (!value || value.startsWith('--')) return undefined;
    return isAbsolute(value) ? value : resolve(cwd, value);
  }
  return undefined;
}
