/**
 * Pure figures built from cost tables: the chart's series, comparisons between two periods (movers, the review),
 * untagged share. Everything stays a Dec until it becomes a string for the contract.
 */
import { type CostComparison, type CostGroupBy, type CostSeries, type UntaggedSpend } from '../../shared/model/cost';
import { type Period, eachDay } from './dates';
import { type Dec, ZERO, amount, percentOf } from './money';
import { type CostTable, tableTotal, totalsByKey } from './table';

function byAmountThenName(a: [string, Dec], b: [string, Dec]): number {
  const order = b[1].comparedTo(a[1]);
  return order !== 0 ? order : a[0].localeCompare(b[0]);
}

/** Every day of the period (days AWS left out count as zero), keys largest first. */
export function toSeries(table: CostTable, groupBy: CostGroupBy, period: Period, currency: string): CostSeries {
  const known = new Map(table.days.map((day) => [day.date, day]));
  const totals = [...totalsByKey(table, period.start, period.end)].sort(byAmountThenName);
  return {
    groupBy,
    currency,
    from: period.start,
    to: period.end,
    keys: totals.map(([key]) => key),
    totals: Object.fromEntries(totals.map(([key, value]) => [key, amount(value)])),
    total: amount(tableTotal(table, period.start, period.end)),
    days: eachDay(period).map((date) => {
      const day = known.get(date);
      return {
        date,
        estimated: day?.estimated ?? false,
        total: amount(day?.total ?? ZERO),
        values: Object.fromEntries(
          [...(day?.values ?? [])].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, amount(v)]),
        ),
      };
    }),
  };
}

export function comparison(key: string, current: Dec, previous: Dec): CostComparison {
  const delta = current.minus(previous);
  return {
    key,
    current: amount(current),
    previous: amount(previous),
    delta: amount(delta),
    percent: percentOf(delta, previous),
  };
}

/** Every key of either period, compared; largest absolute change first. */
export function compareTotals(current: Map<string, Dec>, previous: Map<string, Dec>): CostComparison[] {
  const keys = new Set([...current.keys(), ...previous.keys()]);
  return [...keys]
    .map((key) => ({ key, now: current.get(key) ?? ZERO, before: previous.get(key) ?? ZERO }))
    .sort((a, b) => {
      const order = b.now.minus(b.before).abs().comparedTo(a.now.minus(a.before).abs());
      return order !== 0 ? order : a.key.localeCompare(b.key);
    })
    .map(({ key, now, before }) => comparison(key, now, before));
}

/**
 * Month to date against the same days of last month: days [first, until) of this month's table and the same
 * count of days from the start of last month (clamped to its length). Unchanged keys are left out.
 */
export function topMovers(
  thisMonth: CostTable,
  thisPeriod: Period,
  lastMonth: CostTable,
  lastPeriod: Period,
  limit = 10,
): CostComparison[] {
  return compareTotals(
    totalsByKey(thisMonth, thisPeriod.start, thisPeriod.end),
    totalsByKey(lastMonth, lastPeriod.start, lastPeriod.end),
  )
    .filter((line) => line.delta !== '0')
    .slice(0, limit);
}

/** Spend without a value for the tag (the "" key of a tag table) against all spend. */
export function untaggedSpend(tagKey: string, table: CostTable, from?: string, to?: string): UntaggedSpend {
  const totals = totalsByKey(table, from, to);
  const untagged = totals.get('') ?? ZERO;
  const total = tableTotal(table, from, to);
  return {
    tagKey,
    amount: amount(untagged),
    total: amount(total),
    share: total.isZero() ? 0 : untagged.div(total).toDecimalPlaces(4).toNumber(),
  };
}

/** Largest increases (delta > 0) and decreases (delta < 0), each biggest first. */
export function increasesAndDecreases(
  lines: CostComparison[],
  limit = 5,
): { increases: CostComparison[]; decreases: CostComparison[] } {
  const positive = lines.filter((l) => !l.delta.startsWith('-') && l.delta !== '0');
  const negative = lines.filter((l) => l.delta.startsWith('-'));
  return { increases: positive.slice(0, limit), decreases: negative.slice(0, limit) };
}
