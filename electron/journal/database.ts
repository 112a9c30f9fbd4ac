/**
 * Opens the journal's SQLite file with the settings every caller needs: WAL (readers never block the writer, and a
 * crash loses nothing already committed), NORMAL sync (safe with WAL; a power cut can lose only the last commits,
 * never corrupt the file), foreign keys on, and a busy timeout so the CLI and the app can share one file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { JournalFileError, moveAsideHint } from './errors';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a build of better_sqlite3.node. The Electron app passes its own build (Electron's ABI differs from
   * Node's); tests and the CLI leave it out and get the Node build from node_modules.
   */
  nativeBinding?: string;
}

/** SQLite result codes that mean "this file is not a database we can read". */
const notADatabase = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });

  let db: Database;
  try {
    db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new JournalFileError(file, 'cannot-open', `Cannot open the journal ${file}: ${messageOf(error)}`, {
      cause: error,
    });
  }

  try {
    // Must come before the first table is created to take effect; lets prune() give space back to the disk.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The header is only read lazily; touch the schema so a foreign file fails here, with a clear message.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if (isSqliteError(error) && notADatabase.has(error.code)) {
      throw new JournalFileError(
        file,
        'not-sqlite',
        `The journal file ${file} is not a SQLite database (or is damaged). To continue, ${moveAsideHint(file)}`,
        { cause: error },
      );
    }
    throw new JournalFileError(file, 'cannot-open', `Cannot open the journal ${file}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return db;
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof BetterSqlite3.SqliteError;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
