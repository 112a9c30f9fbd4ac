/**
 * Opens the journal's SQLite file with the settings every caller needs: WAL (readers never block the writer, and a
 * crash loses nothing already committed), NORMAL sync (safe with WAL; a power cut can lose only the last commits,
 * never corrupt the file), foreign keys on, and a busy timeout so the CLI and the app can share one file. The file
 * is private to its owner (see file-modes.ts) and its pages are checked before use (see integrity.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { JournalFileError, diskFullMessage, isDiskFull, moveAsideHint } from './errors';
import { preparePrivateJournal } from './file-modes';
import { type IntegrityOptions, checkIntegrity } from './integrity';
import { Database, SQLITE_CORRUPT, SQLITE_NOTADB, isSqliteError, sqliteCode } from './sqlite';
import { log } from '../log';

export { Database } from './sqlite';

export interface OpenDatabaseOptions {
  /** The start-up page check; false skips it (a second connection the same process already checked). */
  integrity?: IntegrityOptions | false;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = file === ':memory:';
  let db: Database;
  try {
    if (!inMemory) preparePrivateJournal(file);
    db = new Database(file);
  } catch (error) {
    throw openError(file, error);
  }

  try {
    db.pragma('busy_timeout = 5000');
    // The header is only read lazily; touch the schema so a foreign file fails here, with a clear message.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    // Before anything that writes: a damaged file is moved aside exactly as it was found.
    if (!inMemory && options.integrity !== false) {
      const verdict = checkIntegrity(db, options.integrity || {});
      if (!verdict.ok) throw damaged(file, verdict.problem);
    }
    // Must come before the first table is created to take effect; lets prune() give space back to the disk.
    // Setting it again on a file that has it rewrites the header for nothing, so only when it differs.
    if (db.pragma('auto_vacuum', { simple: true }) !== 2) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // SQLite's default page cache is 2 MiB; the journal's hot pages (recent actions, health buckets) outgrow that
    // within weeks, and every miss is a read. 16 MiB is what the earlier driver compiled in.
    db.pragma('cache_size = -16000');
  } catch (error) {
    db.close();
    throw openError(file, error);
  }
  return db;
}

/**
 * After migrations that moved data (006 packs health history into a quarter of the pages), the freed pages are
 * only reusable, not returned: when more than a quarter of the file is free, VACUUM once so it actually shrinks.
 * Outside any transaction (VACUUM cannot run in one); a failure leaves a bigger file, never a broken one.
 */
export function reclaimFreePages(db: Database): void {
  if (db.inTransaction) return;
  const pages = Number(db.pragma('page_count', { simple: true }));
  const free = Number(db.pragma('freelist_count', { simple: true }));
  if (!(pages > 0) || free / pages <= 0.25) return;
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  try {
    db.exec('VACUUM');
    const after = Number(db.pragma('page_count', { simple: true }));
    log.warn(`journal ${db.name}: compacted after the upgrade, ${mib(pages * pageSize)} → ${mib(after * pageSize)}`);
  } catch (error) {
    log.warn(`journal ${db.name}: could not compact after the upgrade (${messageOf(error)}); it will work as it is`);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Any failure while opening, as a JournalFileError that says what it means for the user. */
export function openError(file: string, error: unknown): JournalFileError {
  if (error instanceof JournalFileError) return error;
  if (isDiskFull(error)) return new JournalFileError(file, 'disk-full', diskFullMessage(file), { cause: error });
  if (isSqliteError(error) && sqliteCode(error) === SQLITE_CORRUPT && hasSqliteHeader(file)) {
    return damaged(file, error.message, error);
  }
  if (isSqliteError(error) && (sqliteCode(error) === SQLITE_NOTADB || sqliteCode(error) === SQLITE_CORRUPT)) {
    return new JournalFileError(
      file,
      'not-sqlite',
      `The journal file ${file} is not a SQLite database (or is damaged). To continue, ${moveAsideHint(file)}`,
      { cause: error },
    );
  }
  return new JournalFileError(file, 'cannot-open', `Cannot open the journal ${file}: ${messageOf(error)}`, {
    cause: error,
  });
}

function damaged(file: string, problem: string, cause?: unknown): JournalFileError {
  return new JournalFileError(file, 'damaged', `The journal ${file} is damaged (${problem}).`, { cause });
}

/**
 * Whether the file starts as every SQLite database does. Only such a file counts as a damaged journal, to be moved
 * aside; anything else may be somebody's notes saved under the wrong name, and is refused untouched.
 */
function hasSqliteHeader(file: string): boolean {
  const magic = Buffer.from('SQLite format 3\0', 'latin1');
  const head = Buffer.alloc(magic.length);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.equals(magic);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
