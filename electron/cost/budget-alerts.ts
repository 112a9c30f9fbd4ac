/**
 * Budget alerts fire once per threshold per month: the first evaluation that finds "actual 80%" crossed in
 * November notifies; every later one in November stays quiet, even if spend dips and crosses again; December
 * starts afresh. The state is a table, so restarting the app (or running the CLI beside it) does not notify twice:
 * the INSERT that wins the primary key is the one that notifies. The state is kept per workspace file and per
 * account a budget covers: two workspaces with a budget of the same name each get their alert.
 */
import { type BudgetAlert, type BudgetStatus } from '../../shared/model/cost';
import { formatMoney } from './money';
import { type Database } from './schema';

/** Rows written before alert state was scoped (migration 005) have no workspace: they count for every one. */
const LEGACY_WORKSPACE = '';

export class BudgetAlertLog {
  /** @param workspace the workspace file's path (any stable, non-empty name of the workspace). */
  constructor(
    private readonly db: Database,
    private readonly workspace: string,
  ) {
    if (workspace === LEGACY_WORKSPACE) throw new Error('budget alerts need the workspace they belong to');
  }

  /** Records every crossed threshold of these statuses and returns the ones crossed for the first time. */
  fire(statuses: readonly BudgetStatus[], now: Date): BudgetAlert[] {
    // A legacy row already told everyone about this threshold this month (before the upgrade): stay quiet.
    const insert = this.db.prepare(
      `INSERT INTO cost_budget_alerts (workspace, account, budget, month, threshold, kind, amount, lim, fired_at)
       SELECT @workspace, @account, @budget, @month, @threshold, @kind, @amount, @lim, @firedAt
       WHERE NOT EXISTS (SELECT 1 FROM cost_budget_alerts
                         WHERE workspace = '' AND budget = @budget AND month = @month AND threshold = @threshold)
       ON CONFLICT DO NOTHING`,
    );
    const fired: BudgetAlert[] = [];
    const firedAt = now.toISOString();
    this.db.transaction(() => {
      for (const status of statuses) {
        if (status.state === 'unknown') continue;
        for (const threshold of status.thresholds) {
          if (!threshold.crossed) continue;
          const value = threshold.kind === 'actual' ? status.actual : status.forecast;
          if (value === null) continue;
          const result = insert.run({
            workspace: this.workspace,
            account: status.account ?? '',
            budget: status.name,
            month: status.month,
            threshold: threshold.label,
            kind: threshold.kind,
            amount: value,
            lim: threshold.limit,
            firedAt,
          });
          if (result.changes === 0) continue;
          fired.push({
            budget: status.name,
            account: status.account,
            month: status.month,
            kind: threshold.kind,
            label: threshold.label,
            amount: value,
            limit: threshold.limit,
            budgetAmount: status.budget,
            currency: status.currency,
            message: alertMessage(status, threshold.kind, threshold.label, value, threshold.limit),
            firedAt,
          });
        }
      }
    })();
    return fired;
  }

  /** FORECAST thresholds that fired during a month in this workspace, oldest first: when the forecast crossed them. */
  forecastAlertsIn(month: string): { budget: string; label: string; limit: string; firedAt: string }[] {
    const rows = this.db
      .prepare(
        `SELECT budget, threshold, lim, fired_at FROM cost_budget_alerts
         WHERE month = ? AND kind = 'forecast' AND workspace IN (?, ?) ORDER BY fired_at, budget`,
      )
      .all(month, this.workspace, LEGACY_WORKSPACE) as {
      budget: string;
      threshold: string;
      lim: string;
      fired_at: string;
    }[];
    return rows.map((r) => ({ budget: r.budget, label: r.threshold, limit: r.lim, firedAt: r.fired_at }));
  }

  /** Thresholds already fired for a month in this workspace, as "budget|label" keys. */
  firedIn(month: string): Set<string> {
    const rows = this.db
      .prepare('SELECT budget, threshold FROM cost_budget_alerts WHERE month = ? AND workspace IN (?, ?)')
      .all(month, this.workspace, LEGACY_WORKSPACE) as { budget: string; threshold: string }[];
    return new Set(rows.map((row) => `${row.budget}|${row.threshold}`));
  }
}

function alertMessage(
  status: BudgetStatus,
  kind: 'actual' | 'forecast',
  label: string,
  value: string,
  limit: string,
): string {
  const money = (v: string) => formatMoney(v, status.currency);
  const what =
    kind === 'actual'
      ? `actual spend ${money(value)} in ${status.month}`
      : `forecast spend ${money(value)} for the end of ${status.month}`;
  return `Budget "${status.name}" (${status.scope}): ${what} crossed ${label.replace(/^\w+ /, '')} — ${money(limit)} of ${money(status.budget)}.`;
}
