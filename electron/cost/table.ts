/**
 * A GetCostAndUsage answer turned into exact per-day figures. What the wire gives and this fixes:
 * - amounts are decimal strings: summed as decimals, never floats;
 * - with a GroupBy, each period's Total is `{}`: the day's total is the sum of its groups;
 * - tag groups are keyed `env$production`, and `env$` is the spend without the tag: the prefix is dropped, so a
 *   tag table's keys are values and "" means untagged;
 * - days without spend may come with an empty Groups list, and long answers may split one day across pages:
 *   every requested day appears once, with the groups of all its pieces added up.
 */
import { type CostAndUsageAnswer } from './client';
import { type IsoDay } from './dates';
import { type Dec, ZERO, dec } from './money';

/** The metric the cockpit reads: what AWS bills before credits and discounts are shared out. */
export const USAGE_METRIC = 'UnblendedCost';
export const FORECAST_METRIC = 'UNBLENDED_COST';

export interface CostTableDay {
  date: IsoDay;
  estimated: boolean;
  total: Dec;
  values: Map<string, Dec>;
}

export interface CostTable {
  /** The currency AWS reported ("USD"); undefined when no amount came back at all. */
  unit: string | undefined;
  days: CostTableDay[];
}

interface MetricValue {
  Amount?: string;
  Unit?: string;
}

function metricOf(metrics: Record<string, MetricValue> | undefined, metric: string): MetricValue | undefined {
  return metrics?.[metric];
}

export function toCostTable(
  answer: Pick<CostAndUsageAnswer, 'GroupDefinitions' | 'ResultsByTime'>,
  metric = USAGE_METRIC,
): CostTable {
  const tagPositions = answer.GroupDefinitions.map((definition) => definition.Type === 'TAG');
  const byDay = new Map<IsoDay, CostTableDay>();
  let unit: string | undefined;

  for (const result of answer.ResultsByTime) {
    const date = result.TimePeriod?.Start;
    if (!date) continue;
    let day = byDay.get(date);
    if (!day) {
      day = { date, estimated: false, total: ZERO, values: new Map() };
      byDay.set(date, day);
    }
    day.estimated ||= result.Estimated === true;

    const groups = result.Groups ?? [];
    if (answer.GroupDefinitions.length === 0) {
      const value = metricOf(result.Total, metric);
      unit ??= value?.Unit;
      day.total = day.total.plus(dec(value?.Amount));
      continue;
    }
    for (const group of groups) {
      const value = metricOf(group.Metrics, metric);
      unit ??= value?.Unit;
      const amount = dec(value?.Amount);
      const key = (group.Keys ?? []).map((k, i) => (tagPositions[i] ? tagValue(k) : k)).join(' · ');
      day.values.set(key, (day.values.get(key) ?? ZERO).plus(amount));
      day.total = day.total.plus(amount);
    }
  }

  const days = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { unit, days };
}

/** `env$production` → `production`; `env$` → "" (untagged). A key without `$` is kept as it is. */
export function tagValue(groupKey: string): string {
  const at = groupKey.indexOf('$');
  return at < 0 ? groupKey : groupKey.slice(at + 1);
}

/** The table's total, per group key, over the days in [from, to). */
export function totalsByKey(table: CostTable, from?: IsoDay, to?: IsoDay): Map<string, Dec> {
  const totals = new Map<string, Dec>();
  for (const day of table.days) {
    if ((from && day.date < from) || (to && day.date >= to)) continue;
    for (const [key, amount] of day.values) totals.set(key, (totals.get(key) ?? ZERO).plus(amount));
  }
  return totals;
}

export function tableTotal(table: CostTable, from?: IsoDay, to?: IsoDay): Dec {
  let total = ZERO;
  for (const day of table.days) {
    if ((from && day.date < from) || (to && day.date >= to)) continue;
    total = total.plus(day.total);
  }
  return total;
}

/** Several months' tables as one (months never overlap). */
export function concatTables(tables: CostTable[]): CostTable {
  return {
    unit: tables.find((t) => t.unit)?.unit,
    days: tables.flatMap((t) => t.days).sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}
