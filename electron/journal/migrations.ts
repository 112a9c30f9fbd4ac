/**
 * Brings a journal file up to the schema this build knows. Each migration runs in its own IMMEDIATE transaction
 * (with its schema_migrations row), so a crash or an error mid-way leaves the file at the previous version, and two
 * processes opening the same new file at once cannot both apply it. A file from a newer Cockpit is refused rather
 * than guessed at.
 */
import { type Database, reclaimFreePages } from './database';
import { JournalFileError, moveAsideHint } from './errors';
import { migrations as knownMigrations } from './migrations/index';
import { type Migration } from './migrations/types';

export { migrations } from './migrations/index';
export type { Migration } from './migrations/types';

export interface MigrationResult {
  /** Version before and after; equal when there was nothing to do. */
  from: number;
  to: number;
  applied: string[];
}

/** Throws when the list is not 1, 2, 3 … in order: a programming error, caught by the tests. */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions are 1, 2, 3 … in order)`,
      );
    }
  });
}

export function schemaVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

export function migrate(db: Database, list: readonly Migration[] = knownMigrations): MigrationResult {
  checkMigrationList(list);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);

  const from = schemaVersion(db);
  refuseNewer(db, from, list.length);

  const applied: string[] = [];
  for (const migration of list.slice(from)) {
    if (applyOne(db, migration)) applied.push(`${migration.version}-${migration.name}`);
  }
  if (applied.length > 0) reclaimFreePages(db);
  return { from, to: schemaVersion(db), applied };
}

function refuseNewer(db: Database, version: number, known: number): void {
  if (version <= known) return;
  throw new JournalFileError(
    db.name,
    'newer-schema',
    `The journal ${db.name} was made by a newer Cockpit (schema version ${version}; this version knows up to ${known}). ` +
      `Update Reliability Cockpit to use it, or ${moveAsideHint(db.name)}`,
  );
}

/** Returns false when another process applied it first. */
function applyOne(db: Database, migration: Migration): boolean {
  if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
  try {
    const run = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated while we waited for it.
      const current = schemaVersion(db);
      if (current >= migration.version) return false;
      migration.up(db);
      if (migration.foreignKeysOff) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.name} left ${broken.length} broken references`);
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      return true;
    });
    return run.immediate();
  } catch (error) {
    throw new Error(
      `Could not update the journal ${db.name} to version ${migration.version} (${migration.name}): ${
        error instanceof Error ? error.message : String(error)
      }. The file was left at the previous version.`,
      { cause: error },
    );
  } finally {
    if (migration.foreignKeysOff) db.pragma('foreign_keys = ON');
  }
}
