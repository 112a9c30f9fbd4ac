import { describe, expect, it } from 'vitest';
import { formatElapsed, formatInterval, formatMoney, formatRelative, plural } from './format';

const now = Date.parse('2025-03-12T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatRelative', () => {
  it.each([
    [10_000, 'just now'],
    [90_000, '2 min ago'],
    [59 * 60_000, '59 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [26 * 3_600_000, 'yesterday'],
    [5 * 86_400_000, '5 days ago'],
  ])('%i ms ago reads "%s"', (ms, text) => {
    expect(formatRelative(ago(ms), now)).toBe(text);
  });

  it('reads future times forward', () => {
    expect(formatRelative(ago(-5 * 60_000), now)).toBe('in 5 min');
    expect(formatRelative(ago(-10_000), now)).toBe('in a moment');
  });

  it('falls back to a date after a month', () => {
    expect(formatRelative(ago(60 * 86_400_000), now)).toMatch(/2025/);
  });

  it('shows a dash for missing or broken times', () => {
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('not a date', now)).toBe('—');
  });
});

describe('formatElapsed', () => {
  it.each([
    [840, '840 ms'],
    [4250, '4.2 s'],
    [42_000, '42 s'],
    [185_000, '3 min 05 s'],
    [2 * 3_600_000 + 4 * 60_000, '2 h 04 min'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
    [2 * 86_400_000, '2 d'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('shows a dash when there is no duration', () => {
    expect(formatElapsed(null)).toBe('—');
    expect(formatElapsed(-1)).toBe('—');
  });
});

describe('formatInterval', () => {
  it('uses the largest whole unit, as the workspace file does', () => {
    expect(formatInterval(30_000)).toBe('30 s');
    expect(formatInterval(26 * 3_600_000)).toBe('26 h');
    expect(formatInterval(90 * 86_400_000)).toBe('90 d');
    expect(formatInterval(90_000)).toBe('90 s');
    expect(formatInterval(800)).toBe('800 ms');
    expect(formatInterval(5 * 60_000)).toBe('5 min');
  });
});

describe('formatMoney and plural', () => {
  it('formats known currencies and keeps unknown ones readable', () => {
    expect(formatMoney('400', 'USD')).toMatch(/400/);
    expect(formatMoney('12.5', 'ZZZ')).toMatch(/12/);
    expect(formatMoney('abc', 'USD')).toBe('abc USD');
  });

  it('pluralises simply', () => {
    expect(plural(1, 'service')).toBe('1 service');
    expect(plural(3, 'service')).toBe('3 services');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
  });
});
