/**
 * Opens the journal's SQLite file with the settings every caller needs: WAL (readers never block the writer, and a
 * crash loses nothing already committed), NORMAL sync (safe with WAL; a power cut can lose only the last commits,
 * never corrupt the file), foreign keys on, and a busy timeout so the CLI and the app can share one file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { JournalFileError, moveAsideHint } from './errors';
import { Database, SQLITE_CORRUPT, SQLITE_NOTADB, isSqliteError, sqliteCode } from './sqlite';

export { Database } from './sqlite';

/** SQLite result codes that mean "this file is not a database we can read". */
const notADatabase = new Set([SQLITE_NOTADB, SQLITE_CORRUPT]);

export function openDatabase(file: string): Database {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });

  let db: Database;
  try {
    db = new Database(file);
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
    // SQLite's default page cache is 2 MiB; the journal's hot pages (recent actions, health buckets) outgrow that
    // within weeks, and every miss is a read. 16 MiB is what the earlier driver compiled in.
    db.pragma('cache_size = -16000');
    // The header is only read lazily; touch the schema so a foreign file fails here, with a clear message.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if (isSqliteError(error) && notADatabase.has(sqliteCode(error))) {
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
