/**
 * Cost anomalies, found locally in daily figures the cockpit already holds (never with an extra request): a day on
 * which one series — a service, or one value of a tag key — spent far above its own trailing baseline. Consecutive
 * flagged days make one anomaly, so a runaway week is one line naming the service, not seven.
 *
 * The rules (also in docs/cost.md):
 * - baseline: the median of the series' previous BASELINE_DAYS days, leaving out the days of the run being judged
 *   (a runaway week must not raise its own baseline) and the days before the series first spent anything (a new
 *   service has no history yet);
 * - no judgement with fewer than MIN_HISTORY_DAYS such days, or a zero baseline;
 * - a day is flagged when it spent at least RATIO × the baseline AND at least the floor more than it: the larger of
 *   MIN_EXCESS and MIN_EXCESS_SHARE of the account's median daily total, so pennies never alarm;
 * - the 1st of a month is not flagged when the 1st of the month before spent at least a third as much: monthly
 *   charges (hosted zones, support plans, upfront fees) land on the 1st every month;
 * - a new level that lasts becomes the new normal: once fewer than MIN_HISTORY_DAYS of the window are left outside
 *   the run, the run ends (after at most BASELINE_DAYS − MIN_HISTORY_DAYS + 1 days).
 */
import { type CostAnomaly, type CostGroupBy, type CostSeries } from '../../shared/model/cost';
import { type IsoDay, addMonths, dayOfMonth, daysBetween, monthOf } from './dates';
import { type Dec, ZERO, amount, dec, formatMoney } from './money';

export const BASELINE_DAYS = 14;
export const MIN_HISTORY_DAYS = 7;
export const RATIO = 3;
/** In the account's currency. */
export const MIN_EXCESS = '1';
export const MIN_EXCESS_SHARE = 0.01;

export interface AnomalyOptions {
  /** Today (UTC): an anomaly whose last day is today or yesterday is ongoing. */
  today: IsoDay;
}

/**
 * An amount with its value as a number: the median is chosen by sorting numbers (a decimal comparison per step made
 * the Cost screen's 14 months several times slower), while the amounts themselves stay exact decimals.
 */
interface Valued {
  amount: Dec;
  n: number;
}

function valued(amount: Dec): Valued {
  return { amount, n: amount.toNumber() };
}

function median(values: readonly Valued[]): Dec {
  const sorted = [...values].sort((a, b) => a.n - b.n);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle]?.amount ?? ZERO;
  if (sorted.length % 2 === 1) return upper;
  return (sorted[middle - 1]?.amount ?? ZERO).plus(upper).div(2);
}

/** "Amazon EC2", "env=production", "env untagged": how a message names the series. */
function seriesName(groupBy: CostGroupBy, key: string): string {
  if (groupBy.kind === 'service') return key;
  return key === '' ? `Spend without the tag ${groupBy.key}` : `${groupBy.key}=${key}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 to 9 Nov", "28 Oct to 2 Nov", "on 4 Nov". */
export function dayRangeText(from: IsoDay, to: IsoDay): string {
  const day = (d: IsoDay) => `${dayOfMonth(d)} ${monthNames[Number(d.slice(5, 7)) - 1] ?? ''}`;
  if (from === to) return `on ${day(from)}`;
  const sameMonth = monthOf(from) === monthOf(to);
  return `from ${sameMonth ? String(dayOfMonth(from)) : day(from)} to ${day(to)}`;
}

function anomalyId(groupBy: CostGroupBy, key: string, from: IsoDay): string {
  return `${groupBy.kind}:${groupBy.kind === 'tag' ? groupBy.key : ''}:${key}:${from}`;
}

interface Run {
  from: number;
  to: number;
  baseline: Dec;
  worst: Dec;
}

/** The floor a day's excess must reach: MIN_EXCESS, or MIN_EXCESS_SHARE of the median daily total if larger. */
function excessFloor(series: CostSeries): Dec {
  const typical = median(series.days.map((d) => valued(dec(d.total))));
  const share = typical.times(MIN_EXCESS_SHARE);
  const floor = dec(MIN_EXCESS);
  return share.gt(floor) ? share : floor;
}

/** Runs of flagged days of one series (indexes into `values`, which has one amount per day of the series). */
function flaggedRuns(days: readonly IsoDay[], values: readonly Dec[], floor: Dec): Run[] {
  const runs: Run[] = [];
  const start = values.findIndex((v) => !v.isZero());
  if (start < 0) return runs;
  const byDay = new Map(days.map((d, i) => [d, i]));
  const numbered = values.map(valued);
  let current: Run | undefined;
  for (let i = start; i < values.length; i++) {
    const value = values[i] ?? ZERO;
    const day = days[i] ?? '';
    const history: Valued[] = [];
    for (let j = Math.max(start, i - BASELINE_DAYS); j < i; j++) {
      if (current && j >= current.from) continue;
      const past = numbered[j];
      if (past) history.push(past);
    }
    let flagged = false;
    if (history.length >= MIN_HISTORY_DAYS) {
      // A run's days are all judged against the baseline it started from.
      const baseline = current?.baseline ?? median(history);
      flagged = !baseline.isZero() && value.gte(baseline.times(RATIO)) && value.minus(baseline).gte(floor);
      if (flagged && dayOfMonth(day) === 1) {
        const lastFirst = byDay.get(`${addMonths(monthOf(day), -1)}-01`);
        if (lastFirst !== undefined && (values[lastFirst] ?? ZERO).times(RATIO).gte(value)) flagged = false;
      }
      if (flagged) {
        if (current) {
          current.to = i;
          if (value.gt(current.worst)) current.worst = value;
        } else {
          current = { from: i, to: i, baseline, worst: value };
        }
      }
    }
    if (!flagged && current) {
      runs.push(current);
      current = undefined;
    }
  }
  if (current) runs.push(current);
  return runs;
}

/** Worst excess first, then the earliest. */
export function byExcess(a: CostAnomaly, b: CostAnomaly): number {
  const order = dec(b.excess).comparedTo(dec(a.excess));
  if (order !== 0) return order;
  return a.from < b.from ? -1 : a.from > b.from ? 1 : a.key.localeCompare(b.key);
}

/**
 * Every anomaly of every series of a daily CostSeries (one entry per day of its period, as toSeries builds it),
 * worst excess first.
 */
export function findAnomalies(series: CostSeries, options: AnomalyOptions): CostAnomaly[] {
  const floor = excessFloor(series);
  const days = series.days.map((d) => d.date);
  const anomalies: CostAnomaly[] = [];
  for (const key of series.keys) {
    const values = series.days.map((d) => dec(d.values[key]));
    for (const run of flaggedRuns(days, values, floor)) {
      const from = days[run.from] ?? '';
      const to = days[run.to] ?? '';
      const count = run.to - run.from + 1;
      let spent = ZERO;
      for (let i = run.from; i <= run.to; i++) spent = spent.plus(values[i] ?? ZERO);
      const expected = run.baseline.times(count);
      const ratio = run.worst.div(run.baseline).toDecimalPlaces(1).toNumber();
      const money = (v: Dec) => formatMoney(v, series.currency);
      anomalies.push({
        id: anomalyId(series.groupBy, key, from),
        groupBy: series.groupBy,
        key,
        from,
        to,
        amount: amount(spent),
        expected: amount(expected),
        excess: amount(spent.minus(expected)),
        baselineDaily: amount(run.baseline),
        ratio,
        currency: series.currency,
        ongoing: daysBetween(to, options.today) <= 1,
        message:
          `${seriesName(series.groupBy, key)} spent ${money(spent)} ${dayRangeText(from, to)}, ` +
          `${ratio.toFixed(1)}× its usual ${money(run.baseline)} a day.`,
      });
    }
  }
  return anomalies.sort(byExcess);
}

/** Anomalies with at least one day in [start, end). */
export function anomaliesWithin(anomalies: readonly CostAnomaly[], start: IsoDay, end: IsoDay): CostAnomaly[] {
  return anomalies.filter((a) => a.to >= start && a.from < end);
}
