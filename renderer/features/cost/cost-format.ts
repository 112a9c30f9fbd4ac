/**
 * How the cost screens write amounts, changes, months and freshness. Amounts arrive as exact decimal strings; they
 * become numbers only here, to be rounded to cents for display (the sums were done exactly on the Node side).
 * Months and days are UTC, as Cost Explorer counts them, so they are formatted in UTC too. Pure and unit-tested.
 */
import { type CostFreshness, type CostProblem, type RefreshEstimate } from '../../../shared/model/cost';

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat | null {
  const key = `${currency}|${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        ...(compact
          ? { notation: 'compact', maximumFractionDigits: 1 }
          : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      });
    } catch {
      return null;
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * "284.675" → 284.68: rounds a decimal string to cents on its digits, half away from zero like the backend's
 * exports (decimal.js ROUND_HALF_UP). Number("1.005") is 1.00499…, which Intl would round down, so the screen
 * and a downloaded CSV could disagree by a cent.
 */
export function centsOf(amount: string): number {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return Number(amount);
  const [, sign = '', whole = '', fraction = ''] = match;
  let value = Number(`${whole || '0'}${fraction.padEnd(2, '0').slice(0, 2)}`);
  if ((fraction[2] ?? '0') >= '5') value += 1;
  return (sign ? -value : value) / 100;
}

/** "$1,234.56": always two decimals. An unknown currency code reads "1234.56 XYZ". */
export function money(amount: string | number, currency: string): string {
  const n = typeof amount === 'number' ? amount : centsOf(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency}`;
  const format = moneyFormat(currency, false);
  // -0.004 rounds to "-$0.00"; a change that small is no change.
  const value = Math.abs(n) < 0.005 ? 0 : n;
  return format ? format.format(value) : `${value.toFixed(2)} ${currency}`;
}

/** Axis ticks: "$1.2K", "$40". */
export function moneyCompact(amount: number, currency: string): string {
  const format = moneyFormat(currency, true);
  return format ? format.format(amount) : `${amount.toFixed(0)} ${currency}`;
}

/** A change with its sign: "+$12.30", "−$4.00" (a real minus sign), "$0.00". */
export function signedMoney(amount: string, currency: string): string {
  const n = centsOf(amount);
  if (!Number.isFinite(n) || Math.abs(n) < 0.005) return money(0, currency);
  return `${n > 0 ? '+' : '−'}${money(Math.abs(n), currency)}`;
}

/** "+12.5 %", "−3.0 %", "new" (nothing spent before). */
export function signedPercent(percent: number | null): string {
  if (percent === null) return 'new';
  if (percent === 0) return '0.0 %';
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent).toFixed(1)} %`;
}

/** "71.1 %" for shares and budget use. */
export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${value.toFixed(digits)} %`;
}

/** 0.127 → "12.7 %". */
export function share(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function utc(day: string): Date {
  return new Date(`${day.length === 7 ? `${day}-01` : day}T00:00:00Z`);
}

/** "2026-10" → "October 2026". */
export function monthLabel(month: string): string {
  return utc(month).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-10-05" → "Oct 5" (or "Oct 5, 2026" with the year). */
export function dayLabel(day: string, withYear = false): string {
  return utc(day).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** "2026-10-01" → "Oct" (or "Oct 2026" with the year). */
export function monthShort(day: string, withYear = false): string {
  return utc(day).toLocaleDateString(undefined, {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** "2026-10-05" → "Mon, Oct 5, 2026". */
export function longDayLabel(day: string): string {
  return utc(day).toLocaleDateString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** YYYY-MM plus n months. */
export function addMonths(month: string, n: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months a review can cover: the 13 closed months Cost Explorer keeps, newest first. */
export function reviewableMonths(currentMonth: string): string[] {
  return Array.from({ length: 13 }, (_, i) => addMonths(currentMonth, -(i + 1)));
}

/** The current UTC month when the backend has not said yet. */
export function utcMonth(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** "≈ 6 requests · $0.06" — what pressing Force refresh will cost, before it is pressed. */
export function estimateText(estimate: RefreshEstimate): string {
  const what = `≈ ${estimate.requests} request${estimate.requests === 1 ? '' : 's'}`;
  if (estimate.requests === 0) return 'nothing to ask: all cached for good';
  return estimate.replayed ? `${what} · free (sample data)` : `${what} · ${money(estimate.cost, 'USD')}`;
}

/** The freshness line: "as of 14:05 · cached", "stale: AWS is throttling…", "sample data". */
export function freshnessParts(
  freshness: CostFreshness,
  problems: readonly CostProblem[],
): { tone: 'ok' | 'warn' | 'idle'; text: string } {
  if (freshness.stale) {
    return { tone: 'warn', text: `stale: ${problems[0]?.message ?? 'the last refresh failed'}` };
  }
  // Nothing read and a problem: the figures are missing because of it, not because there are none yet.
  if (!freshness.fetchedAt && problems[0]) return { tone: 'warn', text: `not available: ${problems[0].message}` };
  if (!freshness.fetchedAt) return { tone: 'idle', text: 'no data yet' };
  const source = freshness.replay ? 'replayed sample data' : freshness.fromCache ? 'cached' : 'just fetched';
  return { tone: 'ok', text: source };
}

/** A tag value as a label: the untagged group ("") reads "(untagged)". */
export function groupLabel(key: string): string {
  return key === '' ? '(untagged)' : key;
}

/**
 * What listing the account's services and tag keys costs, before it is asked: one request for the services, one
 * for the tag keys and one per tag key for its values (each page one more). The account's keys are unknown until
 * listed, so the declared ones give a floor: "≈ 3+ requests · from $0.03".
 */
export function pickersEstimateText(declaredTagKeys: number, replayed: boolean): string {
  const requests = 2 + declaredTagKeys;
  const what = `≈ ${requests}+ requests`;
  return replayed ? `${what} · free (sample data)` : `${what} · from ${money(requests / 100, 'USD')}`;
}
