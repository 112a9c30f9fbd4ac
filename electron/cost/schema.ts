/**
 * The cost feature's tables. The app creates them through the journal's versioned migrations
 * (electron/journal/migrations/002-cost.ts runs `costTablesSql`, 005-cost-alert-scope.ts `costAlertScopeSql`);
 * tests and benchmarks that use a bare in-memory database call `createCostTables`, which runs the same steps.
 * Released SQL is never edited (users' journals already ran it): a change is a new step.
 */
import { type Database } from '../journal/sqlite';

export type { Database };

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

/**
 * Budget alert state scoped to the workspace file and the account a budget covers: two workspaces (or two accounts)
 * with a budget of the same name used to share one row and so silence each other. Rows from before carry the
 * workspace '' (unknown); the alert log treats them as fired for every workspace, so upgrading mid-month does not
 * notify a threshold a second time.
 */
export const costAlertScopeSql = `
  CREATE TABLE cost_budget_alerts_scoped (
    workspace TEXT NOT NULL,
    account   TEXT NOT NULL,
    budget    TEXT NOT NULL,
    month     TEXT NOT NULL,
    threshold TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')),
    amount    TEXT NOT NULL,
    lim       TEXT NOT NULL,
    fired_at  TEXT NOT NULL,
    PRIMARY KEY (workspace, account, budget, month, threshold)
  ) STRICT;
  INSERT INTO cost_budget_alerts_scoped (workspace, account, budget, month, threshold, kind, amount, lim, fired_at)
    SELECT '', '', budget, month, threshold, kind, amount, lim, fired_at FROM cost_budget_alerts;
  DROP TABLE cost_budget_alerts;
  ALTER TABLE cost_budget_alerts_scoped RENAME TO cost_budget_alerts;
`;

/** The tables on a bare database (tests, benchmarks); the app's journal gets them from migrations 002 and 005. */
export function createCostTables(db: Database): Database {
  db.exec(costTablesSql);
  db.exec(costAlertScopeSql);
  return db;
}
