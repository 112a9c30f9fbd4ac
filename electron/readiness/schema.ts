/**
 * The readiness feature's own table in the journal file, on its own version track (electron/journal/feature-schema):
 * the scorecard's trend, one row per workspace file and UTC day holding the last score computed that day (the demo's
 * score never shows on a real workspace's trend).
 */
import { type Database } from '../journal/database';
import { applyFeatureSchema } from '../journal/feature-schema';
import { type Migration } from '../journal/migrations/types';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'readiness-trend',
    up(db) {
      db.exec(`
        CREATE TABLE readiness_trend (
          workspace   TEXT NOT NULL,
          day         TEXT NOT NULL,
          score       INTEGER NOT NULL,
          computed_at TEXT NOT NULL,
          PRIMARY KEY (workspace, day)
        ) STRICT;
      `);
    },
  },
];

export function migrateReadiness(db: Database): string[] {
  return applyFeatureSchema(db, { owner: 'readiness', migrations });
}
