/**
 * The cost feature's tables. For now `migrateCost` applies them on its own (idempotent, versioned in
 * `cost_schema`); when the journal's migration list takes them over, `costTablesSql` becomes the body of that
 * migration unchanged.
 */
import type BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;

export const costTablesSql = `
  -- One Cost Explorer answer per canonical request. closed = a month that ended and has no estimated day: it
  -- never changes again, so it never expires.
  CREATE TABLE IF NOT EXISTS cost_cache (
    key        TEXT PRIMARY KEY,
    account    TEXT NOT NULL,
    operation  TEXT NOT NULL,
    request    TEXT NOT NULL,
    response   TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    closed     INTEGER NOT NULL CHECK (closed IN (0, 1)),
    pages      INTEGER NOT NULL
  ) STRICT;

  -- Every request sent (each page is one, each costs $0.01 unless replayed): the API spend shown to the user.
  CREATE TABLE IF NOT EXISTS cost_requests (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    account   TEXT NOT NULL,
    operation TEXT NOT NULL,
    replayed  INTEGER NOT NULL CHECK (replayed IN (0, 1))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS cost_requests_at ON cost_requests (at);

  -- A budget threshold that fired in a month: it fires once per month, whatever happens after.
  CREATE TABLE IF NOT EXISTS cost_budget_alerts (
    budget    TEXT NOT NULL,
    month     TEXT NOT NULL,
    threshold TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')),
    amount    TEXT NOT NULL,
    lim       TEXT NOT NULL,
    fired_at  TEXT NOT NULL,
    PRIMARY KEY (budget, month, threshold)
  ) STRICT;
`;

const COST_SCHEMA_VERSION = 1;

export function migrateCost(db: Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS cost_schema (version INTEGER NOT NULL) STRICT');
    const row = db.prepare('SELECT max(version) AS version FROM cost_schema').get() as { version: number | null };
    const version = row.version ?? 0;
    if (version > COST_SCHEMA_VERSION) {
      throw new Error(`the cost tables are from a newer Cockpit (version ${version}); update the app`);
    }
    if (version < COST_SCHEMA_VERSION) {
      db.exec(costTablesSql);
      db.prepare('INSERT INTO cost_schema (version) VALUES (?)').run(COST_SCHEMA_VERSION);
    }
  }).immediate();
}
