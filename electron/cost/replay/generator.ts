/**
 * Generates the sample account's spend for any day, deterministically: the same seed and day always give the same
 * amounts, so the demo's history does not change between launches, yet it is always relative to today (UTC), so
 * the demo always shows a current month. Spend is made of cells — one per day, service and combination of tag
 * values — in whole units of 1e-10 USD; every answer (grouped, filtered, by tag or service) is a sum of cells, so
 * the figures agree with each other to the last digit, as AWS's do.
 */
import { type IsoDay, addMonths, dayOfMonth, monthOf, utcDay } from '../dates';
import { type ReplayAccount, type ReplayService } from './account';

/** 1e-10 of the currency: Cost Explorer's amounts have ten decimals. */
export const UNITS_PER_DOLLAR = 1e10;

export interface Cell {
  service: string;
  /** Tag key → value; "" is untagged. */
  tags: Record<string, string>;
  units: number;
}

/** A 32-bit FNV-1a hash turned into [0, 1): deterministic noise without a dependency. */
export function unitNoise(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // One more mixing round: FNV's low bits alone are poorly spread for similar inputs.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash / 0x100000000;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export class SampleAccount {
  readonly tagKeys: string[];

  constructor(
    readonly account: ReplayAccount,
    private readonly now: () => Date,
  ) {
    this.tagKeys = [...new Set(account.services.flatMap((s) => Object.keys(s.tags)))].sort();
  }

  today(): IsoDay {
    return utcDay(this.now());
  }

  serviceNames(): string[] {
    return this.account.services.map((s) => s.name);
  }

  tagValues(key: string): string[] {
    return [...new Set(this.account.services.flatMap((s) => Object.keys(s.tags[key] ?? {})))].sort();
  }

  /** Whether the service had started by this day. */
  private active(service: ReplayService, offset: number, day: IsoDay): boolean {
    if (service.sinceMonthOffset === undefined) return true;
    if (offset !== service.sinceMonthOffset) return offset > service.sinceMonthOffset;
    return dayOfMonth(day) >= service.sinceDay;
  }

  /**
   * Spend of one service on one day, in units. `expected` leaves out the noise and today's partial day: what a
   * forecast would predict.
   */
  serviceUnits(service: ReplayService, day: IsoDay, expected = false): number {
    const today = this.today();
    if (day > today && !expected) return 0;
    const offset = monthIndex(monthOf(day)) - monthIndex(monthOf(today));
    if (!this.active(service, offset, day)) return 0;

    const growth = service.monthlyGrowth ?? this.account.monthlyGrowth;
    let amount = service.daily * Math.pow(1 + growth, offset);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) amount *= service.weekend;
    for (const change of this.account.changes) {
      if (change.service !== service.name) continue;
      const inMonth = offset === change.monthOffset && dayOfMonth(day) >= change.fromDay;
      if (inMonth || (change.sticky && offset > change.monthOffset)) amount *= change.factor;
    }
    for (const spike of this.account.spikes) {
      if (spike.service !== service.name || offset !== spike.monthOffset) continue;
      const day0 = dayOfMonth(day) - spike.fromDay;
      if (day0 >= 0 && day0 < spike.days) amount *= spike.factor;
    }
    if (!expected) amount *= 1 + service.noise * (2 * unitNoise(`${this.account.seed}|${service.name}|${day}`) - 1);
    if (dayOfMonth(day) === 1) amount += service.monthly;
    if (day === today && !expected) {
      // Today is still being billed: AWS shows the hours so far.
      const now = this.now();
      amount *= Math.max(0.05, (now.getUTCHours() * 60 + now.getUTCMinutes()) / 1440);
    }
    return Math.max(0, Math.round(amount * UNITS_PER_DOLLAR));
  }

  /** The day's cells: each service split over every combination of its tag values (untagged included). */
  cells(day: IsoDay, expected = false): Cell[] {
    const cells: Cell[] = [];
    for (const service of this.account.services) {
      const units = this.serviceUnits(service, day, expected);
      if (units === 0) continue;
      let combos: { tags: Record<string, string>; share: number }[] = [{ tags: {}, share: 1 }];
      for (const key of this.tagKeys) {
        const shares = Object.entries(service.tags[key] ?? {});
        const untagged = Math.max(0, 1 - shares.reduce((sum, [, s]) => sum + s, 0));
        const values: [string, number][] = [...shares, ['', untagged]];
        combos = combos.flatMap((combo) =>
          values
            .filter(([, s]) => s > 0)
            .map(([value, s]) => ({ tags: { ...combo.tags, [key]: value }, share: combo.share * s })),
        );
      }
      let given = 0;
      combos.forEach((combo, index) => {
        // Rounding remainders go to the last cell, so a service's cells add up to its spend exactly.
        const cellUnits = index === combos.length - 1 ? units - given : Math.floor(units * combo.share);
        given += cellUnits;
        if (cellUnits > 0) cells.push({ service: service.name, tags: combo.tags, units: cellUnits });
      });
    }
    return cells;
  }

  /** The oldest day Cost Explorer would still answer for: the first of the month 13 months ago. */
  oldestDay(): IsoDay {
    return `${addMonths(monthOf(this.today()), -13)}-01`;
  }
}

/** Units as Cost Explorer writes amounts: a decimal string with ten fractional digits. */
export function formatUnits(units: number): string {
  const negative = units < 0;
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNITS_PER_DOLLAR);
  const fraction = String(abs - whole * UNITS_PER_DOLLAR).padStart(10, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
