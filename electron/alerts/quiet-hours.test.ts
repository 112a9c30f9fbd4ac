import { describe, expect, it } from 'vitest';
import { isQuiet, parseQuietHours, quietEnds } from './quiet-hours';

// Local times: quiet hours are the user's wall clock, whatever the machine's time zone.
const at = (day: number, h: number, m = 0) => new Date(2026, 0, day, h, m).getTime();

describe('quiet hours', () => {
  it('spans midnight when the start is after the end', () => {
    const night = parseQuietHours('22:00-07:00');
    expect(isQuiet(night, at(5, 21, 59))).toBe(false);
    expect(isQuiet(night, at(5, 22, 0))).toBe(true);
    expect(isQuiet(night, at(6, 3, 30))).toBe(true);
    expect(isQuiet(night, at(6, 6, 59))).toBe(true);
    expect(isQuiet(night, at(6, 7, 0))).toBe(false);
  });

  it('works within a day, and an empty window is never quiet', () => {
    const lunch = parseQuietHours('12:00-13:30');
    expect(isQuiet(lunch, at(5, 12, 45))).toBe(true);
    expect(isQuiet(lunch, at(5, 13, 30))).toBe(false);
    expect(isQuiet(parseQuietHours('08:00-08:00'), at(5, 8, 0))).toBe(false);
  });

  it('knows when the window ends: the same morning, or the next one', () => {
    const night = parseQuietHours('22:00-07:00');
    expect(quietEnds(night, at(5, 23, 10))).toBe(at(6, 7, 0));
    expect(quietEnds(night, at(6, 2, 0))).toBe(at(6, 7, 0));
  });

  it('rejects what is not HH:MM-HH:MM', () => {
    expect(() => parseQuietHours('22-07')).toThrow(/HH:MM-HH:MM/);
    expect(() => parseQuietHours('25:00-07:00')).toThrow(/HH:MM-HH:MM/);
  });
});
