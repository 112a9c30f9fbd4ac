import { describe, expect, it } from 'vitest';
import { type CostGroupBy, type CostSeries } from '../../shared/model/cost';
import { BASELINE_DAYS, MIN_HISTORY_DAYS, findAnomalies } from './anomalies';
import { addDays } from './dates';

/** A daily series from `from`, one record of amounts per day (absent keys spent nothing). */
function series(from: string, days: Record<string, number>[], groupBy: CostGroupBy = { kind: 'service' }): CostSeries {
  const keys = [...new Set(days.flatMap((d) => Object.keys(d)))];
  return {
    groupBy,
    currency: 'USD',
    from,
    to: addDays(from, days.length),
    keys,
    totals: {},
    total: '0',
    days: days.map((values, i) => ({
      date: addDays(from, i),
      estimated: false,
      total: String(Object.values(values).reduce((a, b) => a + b, 0)),
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
    })),
  };
}

const EC2 = 'Amazon EC2';
const S3 = 'Amazon S3';
/** 28 ordinary days of EC2 around $12.90 with a little noise, and S3 spending pennies. */
const ordinary = (n: number, start = 0) =>
  Array.from({ length: n }, (_, i) => ({ [EC2]: 12.9 + (((i + start) * 7) % 5) * 0.1 - 0.2, [S3]: 0.03 }));

describe('cost anomalies', () => {
  it('flags a runaway week as one anomaly naming the service, its days, its spend and how far above usual', () => {
    const runaway = Array.from({ length: 7 }, () => ({ [EC2]: 116.06, [S3]: 0.03 }));
    const data = series('2026-10-13', [...ordinary(21), ...runaway, ...ordinary(5, 28)]);
    const found = findAnomalies(data, { today: '2026-11-20' });
    expect(found).toHaveLength(1);
    const [spike] = found;
    expect(spike).toMatchObject({
      id: 'service::Amazon EC2:2026-11-03',
      key: EC2,
      from: '2026-11-03',
      to: '2026-11-09',
      amount: '812.42',
      ongoing: false,
      currency: 'USD',
    });
    // The baseline is the median of the 14 days before the run: the run's own days never raise it.
    expect(spike?.baselineDaily).toBe('12.9');
    expect(spike?.expected).toBe('90.3');
    expect(spike?.excess).toBe('722.12');
    expect(spike?.ratio).toBe(9);
    expect(spike?.message).toBe('Amazon EC2 spent 812.42 USD from 3 to 9 Nov, 9.0× its usual 12.90 USD a day.');
  });

  it('a run still going on yesterday is ongoing, and spanning a month end says both months', () => {
    const runaway = Array.from({ length: 4 }, () => ({ [EC2]: 60 }));
    const data = series('2026-10-06', [...ordinary(23), ...runaway]);
    const [spike] = findAnomalies(data, { today: '2026-11-02' });
    expect(spike).toMatchObject({ from: '2026-10-29', to: '2026-11-01', ongoing: true });
    expect(spike?.message).toMatch(/from 29 Oct to 1 Nov/);
  });

  it('leaves noise, weekends and pennies alone', () => {
    const weekly = Array.from({ length: 42 }, (_, i) => ({
      [EC2]: i % 7 >= 5 ? 6 : 12.9 * (1 + ((i * 13) % 7) / 30),
      // Ten times its usual pennies: far above in ratio, but not worth anyone's attention.
      [S3]: i === 30 ? 0.3 : 0.03,
    }));
    expect(findAnomalies(series('2026-10-01', weekly), { today: '2026-11-20' })).toEqual([]);
  });

  it(`judges nothing before ${MIN_HISTORY_DAYS} days of history, and a new service has none yet`, () => {
    const early = [...ordinary(MIN_HISTORY_DAYS - 1), { [EC2]: 200 }];
    expect(findAnomalies(series('2026-11-01', early), { today: '2026-11-20' })).toEqual([]);
    // Bedrock starts spending on day 10: its first days are not "infinitely above" the zeros before them.
    const newService = ordinary(20).map((d, i) => (i >= 10 ? { ...d, Bedrock: 1.1 + (i % 3) * 0.4 } : d));
    expect(findAnomalies(series('2026-11-01', newService), { today: '2026-11-25' })).toEqual([]);
  });

  it('a new level that lasts becomes the normal after a week or so, instead of alarming forever', () => {
    const shifted = [...ordinary(14), ...Array.from({ length: 30 }, () => ({ [EC2]: 50 }))];
    const found = findAnomalies(series('2026-09-01', shifted), { today: '2026-12-01' });
    expect(found).toHaveLength(1);
    expect(found[0]?.from).toBe('2026-09-15');
    const days = BASELINE_DAYS - MIN_HISTORY_DAYS + 1;
    expect(found[0]?.to).toBe(addDays('2026-09-15', days - 1));
  });

  it('does not take a monthly charge on the 1st for a spike', () => {
    const days = Array.from({ length: 45 }, (_, i) => ({
      [EC2]: 12.9,
      'Amazon Route 53': i === 0 || i === 31 ? 2.52 : 0.02,
    }));
    expect(findAnomalies(series('2026-10-01', days), { today: '2026-11-20' })).toEqual([]);
  });

  it('flags a tag value and names it with its key', () => {
    const tagged = [...Array.from({ length: 14 }, () => ({ production: 10, '': 2 })), { production: 10, '': 20 }];
    const [spike] = findAnomalies(series('2026-11-01', tagged, { kind: 'tag', key: 'env' }), {
      today: '2026-11-20',
    });
    expect(spike).toMatchObject({ id: 'tag:env::2026-11-15', key: '' });
    expect(spike?.message).toMatch(/^Spend without the tag env spent 20\.00 USD on 15 Nov, 10\.0× its usual 2\.00 USD/);
  });
});
