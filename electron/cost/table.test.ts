import { describe, expect, it } from 'vitest';
import { amount } from './money';
import { tableTotal, tagValue, toCostTable, totalsByKey } from './table';

const usd = (a: string) => ({ UnblendedCost: { Amount: a, Unit: 'USD' } });

describe('a Cost Explorer answer as exact daily figures', () => {
  it('sums the groups when the per-day Total is empty (GroupBy)', () => {
    const table = toCostTable({
      GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-10-01', End: '2026-10-02' },
          Total: {},
          Estimated: false,
          Groups: [
            { Keys: ['EC2'], Metrics: usd('0.1') },
            { Keys: ['S3'], Metrics: usd('0.2') },
          ],
        },
        { TimePeriod: { Start: '2026-10-02', End: '2026-10-03' }, Total: {}, Estimated: true, Groups: [] },
      ],
    });
    expect(table.unit).toBe('USD');
    expect(table.days.map((d) => [d.date, amount(d.total), d.estimated])).toEqual([
      ['2026-10-01', '0.3', false],
      ['2026-10-02', '0', true],
    ]);
  });

  it('reads Total when there is no GroupBy', () => {
    const table = toCostTable({
      GroupDefinitions: [],
      ResultsByTime: [
        { TimePeriod: { Start: '2026-10-01', End: '2026-10-02' }, Total: usd('12.3456789012'), Groups: [] },
      ],
    });
    expect(amount(tableTotal(table))).toBe('12.3456789012');
  });

  it('turns tag keys into values, "" for untagged', () => {
    expect(tagValue('env$production')).toBe('production');
    expect(tagValue('env$')).toBe('');
    expect(tagValue('team$a$b')).toBe('a$b');
    const table = toCostTable({
      GroupDefinitions: [{ Type: 'TAG', Key: 'env' }],
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-10-01', End: '2026-10-02' },
          Total: {},
          Groups: [
            { Keys: ['env$production'], Metrics: usd('3') },
            { Keys: ['env$'], Metrics: usd('1') },
          ],
        },
      ],
    });
    expect(Object.fromEntries([...totalsByKey(table)].map(([k, v]) => [k, amount(v)]))).toEqual({
      production: '3',
      '': '1',
    });
  });

  it('adds up a day split across pages', () => {
    const table = toCostTable({
      GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      ResultsByTime: [
        { TimePeriod: { Start: '2026-10-01', End: '2026-10-02' }, Groups: [{ Keys: ['EC2'], Metrics: usd('1') }] },
        {
          TimePeriod: { Start: '2026-10-01', End: '2026-10-02' },
          Estimated: true,
          Groups: [{ Keys: ['S3'], Metrics: usd('2') }],
        },
      ],
    });
    expect(table.days).toHaveLength(1);
    expect(amount(table.days[0]?.total ?? tableTotal(table))).toBe('3');
    expect(table.days[0]?.estimated).toBe(true);
  });
});
