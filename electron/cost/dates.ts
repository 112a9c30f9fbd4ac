/**
 * Calendar arithmetic for cost data. Cost Explorer counts days and months in UTC, whatever the user's time zone:
 * a day is YYYY-MM-DD in UTC and a month starts at 00:00 UTC on its first. So "today" here is the UTC date, which
 * is tomorrow for someone in Auckland in the morning and yesterday for someone in California in the evening. Every
 * helper works on UTC fields only, so the machine's TZ never changes a result. Periods are half-open [start, end),
 * like Cost Explorer's TimePeriod (End is exclusive).
 */

/** A day as Cost Explorer writes it: YYYY-MM-DD (UTC). */
export type IsoDay = string;
/** A month: YYYY-MM (UTC). */
export type IsoMonth = string;

export interface Period {
  start: IsoDay;
  /** Exclusive. */
  end: IsoDay;
}

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The UTC calendar day of an instant. */
export function utcDay(at: Date): IsoDay {
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

export function monthOf(day: IsoDay): IsoMonth {
  return day.slice(0, 7);
}

function parseDay(day: IsoDay): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day: "${day}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function parseMonth(month: IsoMonth): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`not a month: "${month}"`);
  const m = Number(match[2]);
  if (m < 1 || m > 12) throw new Error(`not a month: "${month}"`);
  return { year: Number(match[1]), month: m };
}

export function isIsoMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return utcDay(new Date(parseDay(day) + days * DAY_MS));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS);
}

export function addMonths(month: IsoMonth, months: number): IsoMonth {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

export function firstDay(month: IsoMonth): IsoDay {
  parseMonth(month);
  return `${month}-01`;
}

export function daysInMonth(month: IsoMonth): number {
  const { year, month: m } = parseMonth(month);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** The whole month as a half-open period: [first of month, first of next month). */
export function monthPeriod(month: IsoMonth): Period {
  return { start: firstDay(month), end: firstDay(addMonths(month, 1)) };
}

/** Every day of a period, in order. */
export function eachDay(period: Period): IsoDay[] {
  const days: IsoDay[] = [];
  for (let day = period.start; day < period.end; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Day of the month, 1-based. */
export function dayOfMonth(day: IsoDay): number {
  return Number(day.slice(8, 10));
}

/**
 * The same days in another month: days 1..n of `month`, clamped to its length (the 1st–31st of March compares
 * with the 1st–28th of February). Used for "vs the same days of last month".
 */
export function sameDaysIn(month: IsoMonth, dayCount: number): Period {
  const days = Math.min(Math.max(dayCount, 0), daysInMonth(month));
  const start = firstDay(month);
  return { start, end: addDays(start, days) };
}

/** Months from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** What "now" means for cost data: the UTC day and month, and what is left of the month. */
export interface CostCalendar {
  today: IsoDay;
  month: IsoMonth;
  daysInMonth: number;
  /** Days from today to the month's last day, both included (1 on the last day). */
  daysLeft: number;
  /** Days of the month before today (0 on the 1st). */
  daysElapsed: number;
  lastMonth: IsoMonth;
}

export function costCalendar(now: Date): CostCalendar {
  const today = utcDay(now);
  const month = monthOf(today);
  const total = daysInMonth(month);
  const elapsed = dayOfMonth(today) - 1;
  return {
    today,
    month,
    daysInMonth: total,
    daysLeft: total - elapsed,
    daysElapsed: elapsed,
    lastMonth: addMonths(month, -1),
  };
}
