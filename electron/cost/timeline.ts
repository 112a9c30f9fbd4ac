/**
 * Cost's part of the one timeline: each budget threshold the first time it was crossed in a month (actual spend
 * or the month-end forecast), as budget alerts record it. Budgets are about the account, not a service: they have
 * no service or environment, so a timeline filtered to one service leaves them out.
 */
import { type TimelineEntry } from '../../shared/model/timeline';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { type TimelineSource } from '../features/types';
import { type Database } from '../journal/sqlite';
import { formatMoney } from './money';

interface Row {
  account: string;
  budget: string;
  month: string;
  threshold: string;
  kind: 'actual' | 'forecast';
  amount: string;
  lim: string;
  fired_at: string;
}

export interface CostTimelineOptions {
  db: Database;
  /** The workspace state: its budgets, and its file (budget alerts are kept per workspace file). */
  state: () => WorkspaceState;
}

export function budgetEntry(row: Row, budget: { amount: string; currency: string } | null): TimelineEntry {
  const currency = budget?.currency ?? null;
  const money = (value: string) => (currency ? formatMoney(value, currency) : value);
  const limit = row.threshold.replace(/^\w+ /, '');
  const what =
    row.kind === 'actual' ? `actual spend ${money(row.amount)}` : `forecast ${money(row.amount)} for the month's end`;
  return {
    id: `budget:${row.account}:${row.budget}:${row.month}:${row.threshold}`,
    kind: 'budget',
    at: row.fired_at,
    endAt: null,
    service: null,
    environment: null,
    title: `${row.budget} passed ${limit}${row.kind === 'forecast' ? ' (forecast)' : ''}`,
    detail: `${what} in ${row.month}, over ${money(row.lim)}${row.account ? ` · account ${row.account}` : ''}`,
    // Actual spend past the whole budget is a breach; a forecast or a lower threshold is a warning.
    tone: row.kind === 'actual' && budget && Number(row.lim) >= Number(budget.amount) ? 'bad' : 'warn',
    practice: false,
    link: { route: 'cost', id: null },
  };
}

export function costTimeline(options: CostTimelineOptions): TimelineSource {
  const statement = options.db.prepare<Row>(
    `SELECT account, budget, month, threshold, kind, amount, lim, fired_at FROM cost_budget_alerts
     WHERE workspace IN (?, '') AND fired_at >= ? AND fired_at < ? ORDER BY fired_at`,
  );
  return function budgets(range) {
    // Budgets belong to no service: a filtered timeline has none of them.
    if (range.service !== undefined || range.environment !== undefined) return [];
    const { workspace, loadedFrom } = options.state();
    if (!workspace || !loadedFrom) return [];
    const budgets = new Map((workspace.cost?.budgets ?? []).map((b) => [b.name, b.monthly]));
    return statement
      .all(loadedFrom.path, new Date(range.from).toISOString(), new Date(range.to).toISOString())
      .map((row) => budgetEntry(row, budgets.get(row.budget) ?? null));
  };
}
