/**
 * The health tables. Sizes matter here (Uptime Kuma's users watched their SQLite file grow to gigabytes), so:
 * integer check ids instead of repeated keys, WITHOUT ROWID tables clustered on (check, time) so the primary key
 * is the only index, and history packed one row per check per hour (see hour-codec.ts): `health_samples` holds only
 * the samples not packed yet (about the current hour), `health_hours` the 5-minute aggregates of every hour before,
 * `health_hour_samples` the raw samples of the last 48 h (see HEALTH_HOURS_SQL in hours-migration.ts).
 *
 * The journal's migrations 003 and 006 (electron/journal/migrations/) create them in the app's file.
 * `migrateHealth` runs the same steps on a bare database (tests and benchmarks that use SQLite without the journal).
 */
import { type Database } from '../journal/sqlite';
import { packBucketsIntoHours } from './hours-migration';

export { HEALTH_HOURS_SQL } from './hours-migration';

export type { Database };

/**
 * The tables as migration 003 created them, kept word for word because that released migration runs this text;
 * `health_buckets` is converted into `health_hours` and dropped by migration 006.
 */
export const HEALTH_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS health_checks (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE              -- service/check@environment
) STRICT;

-- One row per check run. status: 0 up, 1 degraded, 2 down. cover_ms: the time this sample speaks for.
-- Latencies are integer microseconds: 2-3 bytes on disk where a REAL always takes 8.
CREATE TABLE IF NOT EXISTS health_samples (
  check_id   INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  status     INTEGER NOT NULL,
  latency_us INTEGER,
  cover_ms   INTEGER NOT NULL,
  reason     TEXT,
  metrics    TEXT,
  PRIMARY KEY (check_id, at)
) STRICT, WITHOUT ROWID;

-- 5-minute aggregates: counts and covered time by status (the sample count is up + degraded + down), and
-- latency min/avg (sum/n)/max/p95 in microseconds.
CREATE TABLE IF NOT EXISTS health_buckets (
  check_id    INTEGER NOT NULL,
  bucket      INTEGER NOT NULL,
  up          INTEGER NOT NULL,
  degraded    INTEGER NOT NULL,
  down        INTEGER NOT NULL,
  up_ms       INTEGER NOT NULL,
  degraded_ms INTEGER NOT NULL,
  down_ms     INTEGER NOT NULL,
  lat_n       INTEGER NOT NULL,
  lat_sum_us  INTEGER NOT NULL,
  lat_min_us  INTEGER,
  lat_max_us  INTEGER,
  lat_p95_us  INTEGER,
  PRIMARY KEY (check_id, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS health_transitions (
  id          INTEGER PRIMARY KEY,
  check_id    INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  flapping    INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS health_transitions_by_check ON health_transitions (check_id, at);

-- Stretches nobody watched (asleep, not running); uptime leaves them out and charts show them.
CREATE TABLE IF NOT EXISTS health_gaps (
  start  INTEGER NOT NULL PRIMARY KEY,
  end    INTEGER NOT NULL,
  reason TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS health_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

/** Creates the health tables in a database that is not a journal (tests, benchmarks); idempotent. */
export function migrateHealth(db: Database): void {
  db.transaction(() => {
    db.exec(HEALTH_SCHEMA_SQL);
    packBucketsIntoHours(db);
  })();
}

/** True when the health tables exist (the journal's migrations ran, or migrateHealth did). */
export function hasHealthTables(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'health_hours'").get() !== undefined;
}
