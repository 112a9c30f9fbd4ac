/**
 * `dir`: the copies are files in one folder, on a host (over SSH) or on this machine. One command lists them with
 * size and modification time: GNU find's -printf where it exists, else BSD `stat -f` per file (macOS, the BSDs).
 * Only regular files directly in the folder count (no sub-folders, no symlinks). Names are NUL-terminated so a
 * space or tab in a name cannot break a line; a name with a newline in it is skipped (no command could take it).
 */
import { type BackupCopy } from '../../../shared/model/backups';
import { type BackupSourceConfig } from '../../../shared/workspace/backups';
import { quote, quotePath } from '../../remote/quote';
import { LIST_TIMEOUT_MS, newestFirst, runForSource, tail, where } from './run';
import { SourceError, type SourceKind } from './types';

export type DirSource = Extract<BackupSourceConfig, { dir: string }>;

/** Printed instead of a listing when the folder is not there, so it is told apart from an empty one. */
const NO_FOLDER = 'cockpit: no such folder';
/** Hashing reads the whole copy: a dump of tens of GB takes minutes on a slow disk. */
const CHECKSUM_TIMEOUT_MS = 30 * 60_000;

/**
 * The one listing command. It prints the folder as the host's shell resolved it (`~/` expanded: {file} must be a
 * path any command can take, and a quoted `~` is not expanded), then `size TAB mtime-seconds TAB name` per
 * matching file, each record ending in NUL.
 */
export function listCommand(source: DirSource): string {
  const name = quote(source.match);
  return [
    `d=${quotePath(source.dir)}`,
    `if [ ! -d "$d" ]; then echo ${quote(NO_FOLDER)}; exit 3; fi`,
    `printf '%s\\0' "$d"`,
    `if find "$d" -maxdepth 0 -printf '' 2>/dev/null; then`,
    `  find "$d" -mindepth 1 -maxdepth 1 -type f -name ${name} -printf '%s\\t%T@\\t%f\\0'`,
    'else',
    `  find "$d" -mindepth 1 -maxdepth 1 -type f -name ${name} -exec sh -c ` +
      quote(`for f; do printf '%s\\t%s\\t%s\\0' "$(stat -f %z "$f")" "$(stat -f %m "$f")" "\${f##*/}"; done`) +
      ' sh {} +',
    'fi',
  ].join('\n');
}

function pathOf(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

export function parseListing(source: DirSource, stdout: string): BackupCopy[] {
  const [resolved, ...records] = stdout.split('\0');
  const folder = resolved || source.dir;
  const copies: BackupCopy[] = [];
  for (const record of records) {
    if (record.trim() === '' || record.includes('\n')) continue;
    const [size, mtime, ...rest] = record.split('\t');
    const name = rest.join('\t');
    const bytes = Number(size);
    const seconds = Number(mtime);
    if (!name || !Number.isFinite(bytes) || !Number.isFinite(seconds) || size === '' || mtime === '') continue;
    copies.push({
      id: name,
      time: new Date(Math.round(seconds * 1000)).toISOString(),
      size: bytes,
      location: pathOf(folder, name),
    });
  }
  return newestFirst(copies);
}

export const dirKind: SourceKind<DirSource> & Required<Pick<SourceKind<DirSource>, 'checksum'>> = {
  kind: 'dir',
  accepts: (source): source is DirSource => 'dir' in source,
  hostOf: (source) => source.host,
  listProves: {
    proves: 'the folder holds these matching files, with the sizes and modification times listed',
    doesNotProve: 'that any file is readable, complete or restorable',
  },

  async list(source, ctx) {
    const command = listCommand(source);
    const result = await runForSource(ctx, source.host, command, `listing ${source.dir}`, {
      timeoutMs: LIST_TIMEOUT_MS,
      batch: true,
    });
    if (result.stdout.startsWith(NO_FOLDER)) {
      throw new SourceError(
        `The folder ${source.dir} does not exist ${where(source.host)}. Check \`dir\` in cockpit.yaml, or that the ` +
          'backup job still writes its copies there.',
        { command, exitCode: result.exitCode },
      );
    }
    if (result.exitCode !== 0) {
      throw new SourceError(
        `Could not list ${source.dir} ${where(source.host)}: ${tail(result.stderr, 3) || `exit code ${result.exitCode}`}. ` +
          'Check that the SSH user may read that folder.',
        { command, exitCode: result.exitCode, output: tail(result.stderr) },
      );
    }
    return parseListing(source, result.stdout);
  },

  async checksum(source, copy, ctx) {
    const file = quotePath(copy.location);
    const command =
      `if command -v sha256sum >/dev/null 2>&1; then sha256sum -- ${file}; ` + `else shasum -a 256 -- ${file}; fi`;
    const result = await runForSource(ctx, source.host, command, `reading ${copy.location}`, {
      timeoutMs: CHECKSUM_TIMEOUT_MS,
    });
    const hex = /^([0-9a-f]{64})\b/.exec(result.stdout.trim())?.[1];
    return result.exitCode === 0 && hex ? `sha256:${hex}` : null;
  },
};
