/**
 * A damaged journal is renamed, never deleted: journal.db.corrupt-<time>, with its -wal and -shm under the same new
 * name (so SQLite still pairs them if someone opens the old file to rescue what it can). The app then starts on a
 * fresh journal and says so, in the CLI, in serve mode and as the fresh journal's first action.
 */
import { existsSync, renameSync } from 'node:fs';

export interface MovedAside {
  /** The journal's own path, where a fresh journal now is. */
  file: string;
  /** Where the damaged file went. */
  movedTo: string;
  /** What the check found, in the words of JournalFileError. */
  problem: string;
  at: string;
}

export function moveAside(file: string, problem: string, at: Date): MovedAside {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let movedTo = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${movedTo}${suffix}`);
  }
  return { file, movedTo, problem, at: at.toISOString() };
}

/** The one sentence every front end shows: the CLI and serve print it, the journal records it. */
export function movedAsideNotice(moved: MovedAside): string {
  return `${moved.problem} It was moved aside to ${moved.movedTo} (nothing was deleted) and a fresh journal was started.`;
}
