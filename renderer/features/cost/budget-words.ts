/**
 * A budget's outlook in money, the way the Overview card and the Cost screen say it: how far over it is (or the
 * forecast says it will end), or how much room is left. Pure and unit-tested.
 */
import { type BudgetStatus, type ReviewBudget } from '../../../shared/model/cost';
import { money } from './cost-format';

/** The month's end as the budget knows it: the forecast when there is one and it is higher than the spend so far. */
function monthEnd(budget: BudgetStatus): number {
  const actual = Number(budget.actual);
  return budget.forecast === null ? actual : Math.max(actual, Number(budget.forecast));
}

/**
 * "Over budget by $312.00" (spent already), "Forecast $1,240.00 over budget by month end", or the headroom:
 * "$88.00 under budget by month end" ("$88.00 left" without a forecast).
 */
export function budgetOutlook(budget: BudgetStatus): string {
  const { currency } = budget;
  const limit = Number(budget.budget);
  const actual = Number(budget.actual);
  const overrun = budget.overrun !== null && Number(budget.overrun) > 0 ? budget.overrun : null;
  if (actual >= limit && limit > 0) return `Over budget by ${money(overrun ?? actual - limit, currency)}`;
  if (overrun !== null) return `Forecast ${money(overrun, currency)} over budget by month end`;
  const room = limit - monthEnd(budget);
  return budget.forecast === null
    ? `${money(room, currency)} left`
    : `${money(room, currency)} under budget by month end`;
}

/** The review's word for a closed month: "over by $312.00", or "under by $40.00". */
export function reviewOutcome(budget: ReviewBudget, currency: string): string {
  if (budget.outcome === 'over') {
    const over = budget.overrun ?? String(Number(budget.actual) - Number(budget.budget));
    return `over by ${money(over, currency)}`;
  }
  return `under by ${money(Number(budget.budget) - Number(budget.actual), currency)}`;
}
