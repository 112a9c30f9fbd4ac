/**
 * Budgets held against the month's spend, the AWS Budgets way: each threshold is ACTUAL (spend so far) or
 * FORECASTED (spend expected by month end), as a % of the budget or an absolute amount. A budget's state is "over"
 * once actual spend reaches it, "at-risk" when any threshold is crossed, "unknown" when there are no figures (or
 * they are in another currency), "ok" otherwise. Months are UTC calendar months, as Cost Explorer counts them.
 */
import { type BudgetState, type BudgetStatus, type BudgetThresholdStatus } from '../../shared/model/cost';
import { type BudgetConfig, type BudgetThreshold, formatBudgetThreshold } from '../../shared/workspace/cost';
import { type IsoMonth } from './dates';
import { type Dec, amount, dec, percentOf } from './money';

export interface BudgetFigures {
  /** Month-to-date spend within the budget's scope; undefined when it could not be read. */
  actual: Dec | undefined;
  /** Expected spend by month end (actual until yesterday + forecast of the rest); undefined when unknown. */
  forecast: Dec | undefined;
  /** The currency AWS reported. */
  unit: string | undefined;
}

export function budgetScope(budget: BudgetConfig): string {
  const parts: string[] = [];
  if (budget.filter?.tag)
    parts.push(budget.filter.tag.endsWith('=') ? `${budget.filter.tag} (untagged)` : budget.filter.tag);
  if (budget.filter?.service) parts.push(`service ${budget.filter.service}`);
  const what = parts.length ? parts.join(' and ') : 'all of AWS';
  return budget.account === undefined ? what : `${what} in account ${budget.account}`;
}

/**
 * The one rule for "over budget", in the live view and the monthly review alike: spend at the budget counts as
 * having reached it, as the 100 % threshold does.
 */
export function isOverBudget(actual: Dec, budget: Dec): boolean {
  return actual.gte(budget);
}

/** The amount at which a threshold fires. */
export function thresholdLimit(budget: BudgetConfig, threshold: BudgetThreshold): Dec {
  if (threshold.percent !== undefined) return dec(budget.monthly.amount).times(threshold.percent).div(100);
  return dec(threshold.amount);
}

export function evaluateBudget(budget: BudgetConfig, month: IsoMonth, figures: BudgetFigures): BudgetStatus {
  const limit = dec(budget.monthly.amount);
  const currency = budget.monthly.currency;
  const comparable = figures.unit === undefined || figures.unit === currency;
  const actual = comparable ? figures.actual : undefined;
  const forecast = comparable ? figures.forecast : undefined;

  const thresholds: BudgetThresholdStatus[] = budget.alerts.map((threshold) => {
    const at = thresholdLimit(budget, threshold);
    const value = threshold.kind === 'actual' ? actual : forecast;
    return {
      kind: threshold.kind,
      label: formatBudgetThreshold(threshold),
      limit: amount(at),
      crossed: value !== undefined && value.gte(at),
    };
  });

  let state: BudgetState;
  if (actual === undefined) state = 'unknown';
  else if (isOverBudget(actual, limit)) state = 'over';
  else if (thresholds.some((t) => t.crossed)) state = 'at-risk';
  else state = 'ok';

  return {
    name: budget.name,
    account: budget.account ?? null,
    scope: budgetScope(budget),
    month,
    budget: amount(limit),
    currency,
    actual: amount(actual ?? dec(0)),
    actualPercent: actual ? (percentOf(actual, limit) ?? 0) : 0,
    forecast: forecast ? amount(forecast) : null,
    forecastPercent: forecast ? percentOf(forecast, limit) : null,
    thresholds,
    state,
    overrun: overrunOf(actual, forecast, limit),
  };
}

/** How far above the budget the month ends, by the larger of actual and forecast; null when it stays within. */
export function overrunOf(actual: Dec | undefined, forecast: Dec | undefined, limit: Dec): string | null {
  if (actual === undefined) return null;
  const end = forecast !== undefined && forecast.gt(actual) ? forecast : actual;
  const over = end.minus(limit);
  return over.gt(0) ? amount(over) : null;
}

/** With the same overrun: over > at-risk > unknown (figures could not be read) > ok. */
const severity: Record<BudgetState, number> = { ok: 0, unknown: 1, 'at-risk': 2, over: 3 };

/**
 * The budget that needs attention most: the largest overrun in money, then the worst state, then the largest
 * forecast share, then the largest share spent so far.
 */
export function worstBudget(statuses: readonly BudgetStatus[]): BudgetStatus | null {
  let worst: BudgetStatus | null = null;
  for (const status of statuses) if (!worst || compareWorst(status, worst) > 0) worst = status;
  return worst;
}

/** Positive when `a` is worse than `b`. */
function compareWorst(a: BudgetStatus, b: BudgetStatus): number {
  const overrun = dec(a.overrun ?? -1).comparedTo(dec(b.overrun ?? -1));
  if (overrun !== 0) return overrun;
  const state = severity[a.state] - severity[b.state];
  if (state !== 0) return state;
  const forecast = (a.forecastPercent ?? -1) - (b.forecastPercent ?? -1);
  if (forecast !== 0) return forecast;
  return a.actualPercent - b.actualPercent;
}
