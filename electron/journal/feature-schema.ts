/**
 * Tables a feature owns, migrated by the feature itself: the journal knows no feature (a lower floor never imports
 * an upper one). Each owner has its own version track in `feature_migrations`, 1, 2, 3 … like the journal's own
 * list, and each step runs in its own IMMEDIATE transaction with its bookkeeping row, so a crash leaves the
 * previous version and two processes opening the same file cannot both apply a step.
 */
import { type Database } from './database';
import { checkMigrationList } from './migrations';
import { type Migration } from './migrations/types';

export interface FeatureSchema {
  /** kebab-case, stable forever: it keys the version track. */
  owner: string;
  migrations: readonly Migration[];
}

export function featureSchemaVersion(db: Database, owner: string): number {
  const row = db.prepare('SELECT max(version) AS version FROM feature_migrations WHERE owner = ?').get(owner) as {
    version: number | null;
  };
  return row.version ?? 0;
}

/** Brings the owner's tables up to date; returns the steps applied ("backups 1-verifications"). */
export function applyFeatureSchema(db: Database, schema: FeatureSchema): string[] {
  checkMigrationList(schema.migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS feature_migrations (
    owner      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (owner, version)
  ) STRICT`);
  const current = featureSchemaVersion(db, schema.owner);
  if (current > schema.migrations.length) {
    throw new Error(
      `The journal's ${schema.owner} tables were made by a newer Cockpit (version ${current}; this version knows up to ${schema.migrations.length}). Update Reliability Cockpit to use them.`,
    );
  }
  const applied: string[] = [];
  for (const migration of schema.migrations.slice(current)) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have applied it while we waited.
      if (featureSchemaVersion(db, schema.owner) >= migration.version) return false;
      migration.up(db);
      db.prepare('INSERT INTO feature_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)').run(
        schema.owner,
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      return true;
    });
    try {
      if (step.immediate()) applied.push(`${schema.owner} ${migration.version}-${migration.name}`);
    } catch (error) {
      throw new Error(
        `Could not update the journal's ${schema.owner} tables to version ${migration.version} (${migration.name}): ${
          error instanceof Error ? error.message : String(error)
        }. They were left at the previous version.`,
        { cause: error },
      );
    }
  }
  return applied;
}
