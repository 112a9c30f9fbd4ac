import { describe, expect, it } from 'vitest';
import { describeExpect, judgeOutput, parseDataTime, parseNumber } from './expect';

const now = new Date('2026-12-06T12:00:00Z');
const judge = (output: string, e: Parameters<typeof judgeOutput>[1]['expect'], dataTime = false) =>
  judgeOutput(output, { expect: e, dataTime }, now);

describe('smoke check expectations', () => {
  it('reads the number from the last non-empty line and says what it printed against what was expected', () => {
    expect(judge('NOTICE: hi\n100000\n\n', { atLeast: 100000 })).toMatchObject({ ok: true, detail: null });
    expect(judge('99000\n', { atLeast: 100000 })).toMatchObject({
      ok: false,
      expected: 'at least 100000',
      detail: 'printed 99000, expected at least 100000',
    });
    expect(judge('12\n', { atMost: 10 }).detail).toBe('printed 12, expected at most 10');
    expect(judge('1,250\n', { atLeast: 1000, atMost: 2000 }).ok).toBe(true);
  });

  it('says so when the output is not a number at all', () => {
    expect(judge('ERROR: relation "orders" does not exist', { atLeast: 1 }).detail).toBe(
      'printed "ERROR: relation "orders" does not exist", expected a number at least 1',
    );
    expect(judge('', { atLeast: 1 }).detail).toBe('printed nothing, expected a number at least 1');
  });

  it('judges equals on the last line, contains and match on the whole output', () => {
    expect(judge('header\nok\n', { equals: 'ok' }).ok).toBe(true);
    expect(judge('nope\n', { equals: 'ok' }).detail).toBe('printed "nope", expected "ok"');
    expect(judge('a\nall tables present\nz', { contains: 'tables present' }).ok).toBe(true);
    expect(judge('a', { contains: 'b' }).detail).toBe('the output does not contain "b"');
    expect(judge('rows: 42\nend', { match: '^rows: \\d+$' }).ok).toBe(true);
    expect(judge('rows: x', { match: '^rows: \\d+$' }).detail).toBe('the output does not match /^rows: \\d+$/');
  });

  it('reports every failed expectation, not just the first', () => {
    const j = judge('5\n', { atLeast: 10, equals: '10' });
    expect(j.detail).toBe('printed 5, expected at least 10; printed "5", expected "10"');
    expect(j.expected).toBe('at least 10 and equal to "10"');
  });

  it('reads the newest data time for RPO, and fails newerThan when the data is too old', () => {
    const fresh = judge('2026-12-06 09:00:00+00\n', { newerThan: 26 * 3_600_000 }, true);
    expect(fresh).toMatchObject({ ok: true, dataTime: '2026-12-06T09:00:00.000Z', expected: 'a time within 26 h' });
    const stale = judge('2026-12-04 09:00:00+00\n', { newerThan: 26 * 3_600_000 }, true);
    expect(stale.ok).toBe(false);
    expect(stale.detail).toBe('the newest data is 2 days old (2026-12-04T09:00:00.000Z), expected within 26 h');
    expect(judge('not a time', undefined, true).detail).toMatch(/printed "not a time", expected a time such as/);
    expect(describeExpect(undefined, true)).toBe('a time (the newest data)');
    expect(describeExpect(undefined, false)).toBeNull();
  });
});

describe('parsing what tools print', () => {
  it('reads times as ISO, PostgreSQL and epoch seconds', () => {
    expect(parseDataTime('2026-12-05T21:14:03Z')?.toISOString()).toBe('2026-12-05T21:14:03.000Z');
    expect(parseDataTime('2026-12-05 21:14:03+00')?.toISOString()).toBe('2026-12-05T21:14:03.000Z');
    expect(parseDataTime('2026-12-05 22:14:03.123456+01')?.toISOString()).toBe('2026-12-05T21:14:03.123Z');
    expect(parseDataTime('2026-12-05 21:14:03+05:30')?.toISOString()).toBe('2026-12-05T15:44:03.000Z');
    expect(parseDataTime('2026-12-05 21:14:03')?.toISOString()).toBe('2026-12-05T21:14:03.000Z');
    expect(parseDataTime('1796532502')?.toISOString()).toBe('2026-12-06T04:48:22.000Z');
    expect(parseDataTime('1796532502000')?.toISOString()).toBe('2026-12-06T04:48:22.000Z');
    expect(parseDataTime('yesterday')).toBeNull();
  });

  it('reads numbers with thousands separators and nothing else', () => {
    expect(parseNumber('100 000')).toBe(100000);
    expect(parseNumber('-3.5')).toBe(-3.5);
    expect(parseNumber('12 rows')).toBeNaN();
  });
});
