import { describe, expect, it, vi } from 'vitest';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorMessage: (error: unknown) => String(error),
}));

const { chartDays, dayInWords, dayRange } = await import('./activity-days');

const count = (start: Date, over: Partial<Record<'ok' | 'warn' | 'bad' | 'info' | 'running', number>> = {}) => {
  const tones = { ok: 0, warn: 0, bad: 0, info: 0, running: 0, ...over };
  return { start: start.toISOString(), total: Object.values(tones).reduce((a, b) => a + b, 0), ...tones };
};

describe('the Activity chart’s 14 days', () => {
  it('are today and the 13 days before, each from its local midnight, ending at tomorrow’s', () => {
    const range = dayRange(new Date(2025, 2, 12, 15, 30));
    expect(range.starts).toHaveLength(14);
    expect(range.starts[0]).toEqual(new Date(2025, 1, 27));
    expect(range.starts[13]).toEqual(new Date(2025, 2, 12));
    expect(range.end).toEqual(new Date(2025, 2, 13));
    // Every day starts at a midnight and follows the one before: none skipped, none repeated.
    for (const [i, start] of range.starts.entries()) {
      expect([start.getHours(), start.getMinutes()]).toEqual([0, 0]);
      if (i > 0) expect(start.getDate()).not.toBe(range.starts[i - 1]?.getDate());
    }
  });

  it('keeps 14 distinct calendar days across a daylight-saving change', () => {
    // Late March and late October hold the change in most zones that have one; in UTC this simply passes.
    for (const now of [new Date(2025, 3, 2, 1), new Date(2025, 10, 2, 23)]) {
      const { starts } = dayRange(now);
      expect(new Set(starts.map((d) => d.toDateString())).size).toBe(14);
    }
  });

  it('shows every day with its date, empty ones included, and today as the last', () => {
    const range = dayRange(new Date(2025, 2, 12, 9));
    const counts = range.starts.map((start, i) => (i === 3 ? count(start, { ok: 2, bad: 1 }) : count(start)));
    const days = chartDays(range, counts);
    expect(days).toHaveLength(14);
    expect(days.filter((d) => d.total === 0)).toHaveLength(13);
    expect(days[3]).toMatchObject({ total: 3, ok: 2, bad: 1 });
    expect(days.map((d) => d.today)).toEqual([...Array(13).fill(false), true]);
    expect(new Set(days.map((d) => d.label)).size).toBe(14);
    // A journal that answered fewer days than asked still gives 14 (the missing ones empty), never fewer bars.
    expect(chartDays(range, counts.slice(0, 2))).toHaveLength(14);
  });

  it('says each day in words for screen readers and the tooltip', () => {
    const start = new Date(2025, 2, 12);
    expect(dayInWords(count(start))).toBe('no actions');
    expect(dayInWords(count(start, { ok: 3, bad: 2 }))).toBe('5 actions: 2 failed or bad news, 3 went fine');
    expect(dayInWords(count(start, { warn: 1 }))).toBe('1 action: 1 needing a look');
  });
});
