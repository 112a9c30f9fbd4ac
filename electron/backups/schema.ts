/**
 * The backups feature's own tables in the journal file, on their own version track (electron/journal/feature-schema):
 * - backup_verifications: one row per verification (the history charts and the last result after a restart);
 * - backup_copies: every copy ever listed, once, so the size median and sparkline survive retention removing it;
 * - backup_listings: the copies the last verification listed, for the Backups screen;
 * - backup_alerts: which alert episodes have fired; the INSERT that wins the key is the one that notifies.
 */
import { type Database } from '../journal/database';
import { applyFeatureSchema } from '../journal/feature-schema';
import { type Migration } from '../journal/migrations/types';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'verifications-copies-alerts',
    up(db) {
      db.exec(`
        CREATE TABLE backup_verifications (
          id          INTEGER PRIMARY KEY,
          workspace   TEXT NOT NULL,
          service     TEXT NOT NULL,
          backup      TEXT NOT NULL,
          at          TEXT NOT NULL,
          status      TEXT NOT NULL,
          duration_ms INTEGER NOT NULL,
          age_ms      INTEGER,
          newest_id   TEXT,
          newest_time TEXT,
          newest_size INTEGER,
          copies      INTEGER NOT NULL,
          checks_json TEXT NOT NULL
        ) STRICT;
        CREATE INDEX backup_verifications_by_backup ON backup_verifications (workspace, service, backup, at);
        CREATE TABLE backup_copies (
          workspace TEXT NOT NULL,
          service   TEXT NOT NULL,
          backup    TEXT NOT NULL,
          copy_id   TEXT NOT NULL,
          time      TEXT NOT NULL,
          size      INTEGER,
          PRIMARY KEY (workspace, service, backup, copy_id)
        ) STRICT;
        CREATE INDEX backup_copies_by_time ON backup_copies (workspace, service, backup, time);
        CREATE TABLE backup_listings (
          workspace   TEXT NOT NULL,
          service     TEXT NOT NULL,
          backup      TEXT NOT NULL,
          at          TEXT NOT NULL,
          copies_json TEXT NOT NULL,
          PRIMARY KEY (workspace, service, backup)
        ) STRICT;
        CREATE TABLE backup_alerts (
          workspace TEXT NOT NULL,
          service   TEXT NOT NULL,
          backup    TEXT NOT NULL,
          kind      TEXT NOT NULL,
          episode   TEXT NOT NULL,
          fired_at  TEXT NOT NULL,
          PRIMARY KEY (workspace, service, backup, kind, episode)
        ) STRICT;
      `);
    },
  },
];

export function migrateBackups(db: Database): string[] {
  return applyFeatureSchema(db, { owner: 'backups', migrations });
}
