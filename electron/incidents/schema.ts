/**
 * The incidents feature's own tables in the journal file, on their own version track (electron/journal/feature-schema).
 * One row per incident: the columns the lists filter on, the rest as one JSON document (timeline, post-mortem,
 * action items) that only this feature reads. At most one open incident per service × environment: two processes
 * (the app and the CLI) that both see a service go down join one incident instead of opening two.
 */
import { type Database } from '../journal/database';
import { applyFeatureSchema } from '../journal/feature-schema';
import { type Migration } from '../journal/migrations/types';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'incidents',
    up(db) {
      db.exec(`
        CREATE TABLE incidents (
          id          TEXT PRIMARY KEY,
          service     TEXT NOT NULL,
          environment TEXT NOT NULL,
          status      TEXT NOT NULL,
          opened_at   TEXT NOT NULL,
          drill_id    TEXT,
          doc         TEXT NOT NULL
        ) STRICT;
        CREATE INDEX incidents_by_opened ON incidents (opened_at);
        CREATE UNIQUE INDEX incidents_one_open ON incidents (service, environment) WHERE status = 'open';
      `);
    },
  },
];

export function migrateIncidents(db: Database): string[] {
  return applyFeatureSchema(db, { owner: 'incidents', migrations });
}
