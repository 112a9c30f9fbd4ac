/**
 * Errors the journal raises when it cannot be opened. They name the file and say what to do, because the person
 * reading them is looking at a window that refused to start, not at a stack trace. We never delete or rewrite the
 * file ourselves: it is the user's record of what the app did (a damaged one is moved aside, never removed).
 */
import { SQLITE_FULL, isSqliteError, sqliteCode } from './sqlite';

/**
 * not-sqlite: not a database at all (refused: it may be someone's file); damaged: a SQLite file with broken pages
 * (moved aside by openJournal); disk-full: nothing could be written; newer-schema: made by a newer Cockpit.
 */
export type JournalFileProblem = 'not-sqlite' | 'damaged' | 'disk-full' | 'newer-schema' | 'cannot-open';

export class JournalFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: JournalFileProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JournalFileError';
  }
}

/** How to get going again without losing the old file: the app creates a fresh journal when none is there. */
export function moveAsideHint(file: string): string {
  return `move it aside (for example rename it to ${file}.old) and start the app again: a fresh journal is created and the old file is kept as it is.`;
}

/** SQLITE_FULL from SQLite, or ENOSPC (and EDQUOT, a full quota) from the file system. */
export function isDiskFull(error: unknown): boolean {
  if (isSqliteError(error)) return sqliteCode(error) === SQLITE_FULL;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function diskFullMessage(file: string): string {
  return `The disk holding the journal ${file} is full, so the cockpit cannot write to it. Free some space on that disk and start again; nothing was lost.`;
}
