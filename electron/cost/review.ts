/**
 * The monthly cost review: a full month against the one before, by service and by each configured tag, the
 * biggest increases and decreases, how each budget ended the month, the untagged spend, and what the cockpit spent
 * on Cost Explorer requests during the month. Both months are closed, so their tables come from the cache once
 * read: a second review of the same month sends no request at all. With several accounts it covers all of them
 * (or the one asked for) and adds each account's subtotal; an account that cannot be read is named in `problems`
 * and the review covers the others.
 */
import {
  type CostAnomaly,
  type CostComparison,
  type CostGroupBy,
  type CostReview,
  type ReviewBudget,
  type ThresholdCrossing,
  type UntaggedSpend,
} from '../../shared/model/cost';
import { CockpitError } from '../../shared/rpc';
import { type BudgetConfig, formatBudgetThreshold } from '../../shared/workspace/cost';
import { comparison, compareTotals, increasesAndDecreases, toSeries, untaggedSpend } from './analysis';
import { anomaliesWithin, byExcess, findAnomalies } from './anomalies';
import { budgetScope, isOverBudget, thresholdLimit } from './budgets';
import { apiSpendOf } from './api-spend';
import {
  type IsoMonth,
  type Period,
  addDays,
  addMonths,
  costCalendar,
  eachDay,
  isIsoMonth,
  monthPeriod,
} from './dates';
import { Gather } from './gather';
import { ZERO, amount, dec, percentOf } from './money';
import { scopeSpend, scopeTable } from './scope';
import { type CostContext } from './context';
import { viewFetch } from './source';
import { type CostTable, concatTables, tableTotal, totalsByKey } from './table';

export interface ReviewOptions {
  /** Ask AWS again for data that may still change (a closed month never does). */
  force?: boolean;
  /** YYYY-MM; default: the last full month (UTC). */
  month?: string;
  /** How many lines the increases and decreases lists keep. */
  top?: number;
  /** One account by name; default: all accounts together. */
  account?: string | null;
}

/** Closed months Cost Explorer keeps besides the current one. */
export const HISTORY_MONTHS = 13;

/** The oldest month Cost Explorer still holds (UTC): 13 months before this one. */
export function oldestReviewMonth(now: Date): IsoMonth {
  return addMonths(costCalendar(now).month, -HISTORY_MONTHS);
}

/** The review's month: given, or last month; it must have ended (UTC) and Cost Explorer must still hold it. */
export function reviewMonth(now: Date, month: string | undefined): IsoMonth {
  const calendar = costCalendar(now);
  if (month === undefined) return calendar.lastMonth;
  if (!isIsoMonth(month))
    throw new CockpitError('BAD_REQUEST', `expected a month such as ${calendar.lastMonth}, got "${month}"`);
  const oldest = oldestReviewMonth(now);
  if (month < oldest) {
    throw new CockpitError(
      'NOT_FOUND',
      `Cost Explorer no longer holds ${month}: it keeps the last ${HISTORY_MONTHS} months and this one, so the ` +
        `oldest month to review is ${oldest}. Nothing was sent to AWS.`,
    );
  }
  if (month >= calendar.month) {
    throw new CockpitError(
      'BAD_REQUEST',
      `${month} has not ended yet (in UTC, as Cost Explorer counts); the latest month to review is ${calendar.lastMonth}`,
    );
  }
  return month;
}

/** Amount first, then name: the way a reader scans a bill. */
function byCurrent(a: CostComparison, b: CostComparison): number {
  const order = dec(b.current).comparedTo(dec(a.current));
  if (order !== 0) return order;
  const previous = dec(b.previous).comparedTo(dec(a.previous));
  return previous !== 0 ? previous : a.key.localeCompare(b.key);
}

function compareMonths(current: CostTable, previous: CostTable): CostComparison[] {
  return compareTotals(totalsByKey(current), totalsByKey(previous));
}

export async function buildReview(context: CostContext, options: ReviewOptions = {}): Promise<CostReview> {
  const { config, cache, accounts } = context;
  const account = options.account ?? null;
  const source = context.sourceFor(account);
  const fetch = viewFetch(options);
  const month = reviewMonth(context.now(), options.month);
  const previousMonth = addMonths(month, -1);
  const gather = new Gather(source.replayed);

  const [current, previous] = await Promise.all([
    gather.need(source.usage({ month, groupBy: { kind: 'service' } }, fetch)),
    gather.need(source.usage({ month: previousMonth, groupBy: { kind: 'service' } }, fetch)),
  ]);

  const byServiceByChange = compareMonths(current, previous);
  const { increases, decreases } = increasesAndDecreases(byServiceByChange, options.top ?? 5);

  const period = monthPeriod(month);
  const today = costCalendar(context.now()).today;
  const currency = current.unit ?? previous.unit ?? config.budgets[0]?.monthly.currency ?? 'USD';
  // The month before lends its days as history, so the month's first days can be judged too.
  const anomaliesOf = (groupBy: CostGroupBy, now: CostTable, before: CostTable): CostAnomaly[] => {
    const both = toSeries(
      concatTables([before, now]),
      groupBy,
      { start: monthPeriod(previousMonth).start, end: period.end },
      currency,
    );
    return anomaliesWithin(findAnomalies(both, { today }), period.start, period.end);
  };
  const anomalies = anomaliesOf({ kind: 'service' }, current, previous);

  const byTag: CostReview['byTag'] = [];
  const untagged: UntaggedSpend[] = [];
  const estimatedTables = [current];
  for (const tagKey of config.tags) {
    const groupBy = { kind: 'tag' as const, key: tagKey };
    const [now, before] = await Promise.all([
      gather.need(source.usage({ month, groupBy }, fetch)),
      gather.need(source.usage({ month: previousMonth, groupBy }, fetch)),
    ]);
    estimatedTables.push(now);
    byTag.push({ tagKey, lines: compareMonths(now, before).sort(byCurrent) });
    anomalies.push(...anomaliesOf(groupBy, now, before));
    untagged.push(untaggedSpend(tagKey, now));
  }

  const budgets: ReviewBudget[] = [];
  const crossings: ThresholdCrossing[] = [];
  for (const budget of config.budgets) {
    if (account !== null && budget.account !== account) continue;
    const own = (budget.account ?? null) === account;
    const scope = scopeTable(own ? source : context.sourceFor(budget.account), month, budget.filter, fetch);
    // With several accounts, a budget of an account that cannot be read is left out (its problem is listed).
    const table = accounts.length > 1 ? await gather.use(scope.fetching) : await gather.need(scope.fetching);
    if (table === undefined) continue;
    const actual = scopeSpend(table, scope.key);
    const limit = dec(budget.monthly.amount);
    const over = isOverBudget(actual, limit);
    budgets.push({
      name: budget.name,
      scope: budgetScope(budget),
      budget: amount(limit),
      actual: amount(actual),
      actualPercent: percentOf(actual, limit) ?? 0,
      outcome: over ? 'over' : 'under',
      crossed: budget.alerts
        .filter((t) => t.kind === 'actual' && actual.gte(thresholdLimit(budget, t)))
        .map(formatBudgetThreshold),
      overrun: over && actual.gt(limit) ? amount(actual.minus(limit)) : null,
    });
    crossings.push(...actualCrossings(budget, table, scope.key, period));
  }
  // Forecast thresholds are not in the daily figures: the day the alert fired is the day the forecast crossed.
  const reviewed = new Set(budgets.map((b) => b.name));
  for (const fired of context.alerts.forecastAlertsIn(month)) {
    if (!reviewed.has(fired.budget)) continue;
    crossings.push({
      budget: fired.budget,
      kind: 'forecast',
      label: fired.label,
      limit: fired.limit,
      date: fired.firedAt.slice(0, 10),
    });
  }
  crossings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // Each account's subtotal, from the tables the total was summed from (cached: no extra request).
  const byAccount: CostReview['byAccount'] = [];
  if (account === null && accounts.length > 1) {
    for (const { name, source: own } of accounts) {
      const quiet = new Gather(own.replayed);
      const [now, before] = await Promise.all([
        quiet.use(own.usage({ month, groupBy: { kind: 'service' } }, fetch)),
        quiet.use(own.usage({ month: previousMonth, groupBy: { kind: 'service' } }, fetch)),
      ]);
      if (now && before)
        byAccount.push({ account: name, total: comparison(name, tableTotal(now), tableTotal(before)) });
    }
  }

  return {
    accounts: accounts.map((a) => a.name),
    account,
    byAccount,
    problems: [...gather.problems],
    month,
    previousMonth,
    currency,
    total: comparison('total', tableTotal(current), tableTotal(previous)),
    byService: [...byServiceByChange].sort(byCurrent),
    byTag,
    topIncreases: increases,
    topDecreases: decreases,
    budgets,
    untagged,
    daily: toSeries(current, { kind: 'service' }, period, currency),
    anomalies: anomalies.sort(byExcess),
    crossings,
    apiSpend: apiSpendOf(cache, accounts, month),
    estimated: estimatedTables.some((t) => t.days.some((d) => d.estimated)),
    generatedAt: context.now().toISOString(),
    freshness: gather.freshness(),
  };
}

/**
 * The day the month's spend within a budget's scope reached each ACTUAL threshold, from the daily figures: the
 * first day whose running total is at or above the threshold's amount.
 */
export function actualCrossings(
  budget: BudgetConfig,
  table: CostTable,
  key: string | undefined,
  period: Period,
): ThresholdCrossing[] {
  const pending = budget.alerts
    .filter((t) => t.kind === 'actual')
    .map((t) => ({ label: formatBudgetThreshold(t), limit: thresholdLimit(budget, t) }));
  const crossings: ThresholdCrossing[] = [];
  let total = ZERO;
  for (const day of eachDay(period)) {
    total = total.plus(scopeSpend(table, key, day, addDays(day, 1)));
    for (const threshold of pending.splice(0)) {
      if (total.gte(threshold.limit)) {
        crossings.push({
          budget: budget.name,
          kind: 'actual',
          label: threshold.label,
          limit: amount(threshold.limit),
          date: day,
        });
      } else {
        pending.push(threshold);
      }
    }
  }
  return crossings;
}
