import { afterEach, describe, expect, it } from 'vitest';
import { addMonths, costCalendar, daysInMonth, eachDay, monthPeriod, monthsBetween, sameDaysIn, utcDay } from './dates';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('the cost calendar is UTC, whatever the machine time zone', () => {
  // 23:30 on October 31st in California is already November 1st in UTC, the day Cost Explorer counts in.
  const californiaHalloweenNight = new Date('2026-10-31T23:30:00-07:00');
  // 09:00 on November 1st in Auckland is still October 31st in UTC.
  const aucklandNovemberMorning = new Date('2026-11-01T09:00:00+13:00');

  for (const tz of ['America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata']) {
    it(`gives the same month and day in ${tz}`, () => {
      process.env.TZ = tz;
      // The zone did take effect: local fields differ from UTC ones in the zones away from UTC.
      if (tz === 'America/Los_Angeles') expect(californiaHalloweenNight.getDate()).toBe(31);
      if (tz === 'Pacific/Auckland') expect(aucklandNovemberMorning.getDate()).toBe(1);
      expect(costCalendar(californiaHalloweenNight)).toMatchObject({
        today: '2026-11-01',
        month: '2026-11',
        lastMonth: '2026-10',
        daysElapsed: 0,
        daysLeft: 30,
      });
      expect(costCalendar(aucklandNovemberMorning)).toMatchObject({
        today: '2026-10-31',
        month: '2026-10',
        daysElapsed: 30,
        daysLeft: 1,
      });
    });
  }

  it('counts the last day of a month as one day left', () => {
    expect(costCalendar(new Date('2028-02-29T12:00:00Z'))).toMatchObject({
      month: '2028-02',
      daysInMonth: 29,
      daysLeft: 1,
      daysElapsed: 28,
    });
  });

  it('formats days in UTC', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    expect(utcDay(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });
});

describe('months and periods', () => {
  it('crosses year ends both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -13)).toBe('2025-10');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('knows month lengths, leap years included', () => {
    expect([
      daysInMonth('2026-02'),
      daysInMonth('2028-02'),
      daysInMonth('2100-02'),
      daysInMonth('2026-04'),
      daysInMonth('2026-12'),
    ]).toEqual([28, 29, 28, 30, 31]);
  });

  it('makes half-open month periods (End exclusive, like Cost Explorer)', () => {
    expect(monthPeriod('2026-12')).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(eachDay(monthPeriod('2026-02'))).toHaveLength(28);
  });

  it('clamps "the same days of last month" to its length', () => {
    // March 1st–30th against February: only 28 days exist.
    expect(sameDaysIn('2026-02', 30)).toEqual({ start: '2026-02-01', end: '2026-03-01' });
    expect(sameDaysIn('2026-10', 5)).toEqual({ start: '2026-10-01', end: '2026-10-06' });
    expect(sameDaysIn('2026-10', 0)).toEqual({ start: '2026-10-01', end: '2026-10-01' });
  });
});
