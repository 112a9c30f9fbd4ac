/**
 * What the cost screens show, computed without a browser: the chart's rows and series (top 8 + Other, estimated
 * days, deploy markers per day, axis labels), the budget bar's geometry, and the formats of amounts and months.
 */
import { describe, expect, it } from 'vitest';
import { type CostSeries } from '../../../shared/model/cost';
import { type DeployMarker } from '../../../shared/model/markers';
import { OTHER_KEY } from '../../components/charts/CostChartTypes';
import { meterGeometry } from './BudgetMeter';
import { toChartData } from './chart-data';
import { formatCostHash, parseCostHash } from './hash-view';
import {
  addMonths,
  estimateText,
  freshnessParts,
  money,
  monthLabel,
  reviewableMonths,
  signedMoney,
  signedPercent,
} from './cost-format';

function series(
  keys: string[],
  days: { date: string; estimated?: boolean; values: Record<string, string> }[],
): CostSeries {
  const totals: Record<string, string> = {};
  for (const day of days)
    for (const [k, v] of Object.entries(day.values)) totals[k] = String(Number(totals[k] ?? 0) + Number(v));
  return {
    groupBy: { kind: 'service' },
    currency: 'USD',
    from: days[0]?.date ?? '2026-11-01',
    to: '2026-11-04',
    keys,
    totals,
    total: String(Object.values(totals).reduce((a, b) => a + Number(b), 0)),
    days: days.map((d) => ({
      date: d.date,
      estimated: d.estimated ?? false,
      total: String(Object.values(d.values).reduce((a, b) => a + Number(b), 0)),
      values: d.values,
    })),
  };
}

const marker = (at: string, kind: DeployMarker['kind'] = 'deploy', result: DeployMarker['result'] = 'healthy') => ({
  at,
  service: 'checkout',
  environment: 'production',
  kind,
  release: 'r1',
  result,
  label: `${kind} r1 by ana`,
});

describe('the cost chart', () => {
  const keys = Array.from({ length: 11 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  const values = Object.fromEntries(keys.map((k, i) => [k, String(11 - i)]));
  const data = toChartData(
    series(keys, [
      { date: '2026-11-01', values },
      { date: '2026-11-02', values: { S01: '5', S10: '1.5' } },
      { date: '2026-11-03', estimated: true, values: {} },
    ]),
    [
      marker('2026-11-02T10:00:00Z'),
      marker('2026-11-02T15:00:00Z', 'rollback', 'rolled-back'),
      marker('2026-10-30T00:00:00Z'),
    ],
  );

  it('keeps the 8 largest groups and sums the rest into Other, row by row', () => {
    expect(data.series.map((s) => s.label)).toEqual([...keys.slice(0, 8), 'Other (3)']);
    expect(data.series.at(-1)).toMatchObject({
      dataKey: OTHER_KEY,
      colour: 0,
      keys: ['S09', 'S10', 'S11'],
      total: 7.5,
    });
    expect(data.rows[0]).toMatchObject({ s0: 11, s7: 4, [OTHER_KEY]: 6, total: 66 });
    expect(data.rows[1]).toMatchObject({ s0: 5, s1: 0, [OTHER_KEY]: 1.5 });
  });

  it('marks estimated days and keeps days without spend', () => {
    expect(data.rows.map((r) => r.estimated)).toEqual([false, false, true]);
    expect(data.rows[2]).toMatchObject({ total: 0, s0: 0 });
    expect(data.estimatedDays).toBe(1);
  });

  it('folds deploy markers per day within the period; a rollback is flagged', () => {
    expect(data.markers).toEqual([{ date: '2026-11-02', label: 'Nov 2', count: 2, text: '2 deploys', bad: true }]);
  });

  it('labels days within one month by number, and names months over a long range', () => {
    expect(data.ticks).toBeUndefined();
    expect(data.tickText['2026-11-03']).toBe('3');
    const long = toChartData({
      ...series(['A'], []),
      from: '2025-10-01',
      to: '2026-11-23',
      days: Array.from({ length: 418 }, (_, i) => {
        const date = new Date(Date.UTC(2025, 9, 1 + i)).toISOString().slice(0, 10);
        return { date, estimated: false, total: '1', values: { A: '1' } };
      }),
    });
    expect(long.ticks?.length).toBe(14);
    expect(long.ticks?.slice(0, 4).map((d) => long.tickText[d])).toEqual(['Oct 2025', 'Nov', 'Dec', 'Jan 2026']);
    expect(long.rows[0]?.label).toBe('Oct 1, 2025');
  });
});

describe('the budget bar', () => {
  it('scales to the largest of budget, spend and forecast, so over-budget shows', () => {
    const g = meterGeometry({
      actual: 300,
      budget: 400,
      forecast: { mean: 520, low: 480, high: 560 },
      ticks: [320, 400],
    });
    expect(g.budget).toBeCloseTo((400 / (560 * 1.04)) * 100);
    expect(g.forecast?.high).toBeCloseTo(100 / 1.04);
    expect(g.ticks).toHaveLength(1);
    expect(g.tone).toBe('warn');
  });

  it('is ok under every threshold, bad at or over the budget, idle without a budget', () => {
    expect(
      meterGeometry({ actual: 100, budget: 400, forecast: { mean: 300, low: 280, high: 320 }, ticks: [320] }).tone,
    ).toBe('ok');
    expect(meterGeometry({ actual: 330, budget: 400, forecast: null, ticks: [320] }).tone).toBe('warn');
    expect(meterGeometry({ actual: 400, budget: 400, forecast: null }).tone).toBe('bad');
    expect(meterGeometry({ actual: 50, budget: null, forecast: null })).toMatchObject({ tone: 'idle', budget: null });
  });
});

describe('cost formats', () => {
  it('writes amounts to the cent, changes with a sign and percentages with one decimal', () => {
    expect(money('1234.5678', 'USD')).toBe('$1,234.57');
    expect(money('-0.001', 'USD')).toBe('$0.00');
    expect(money('12', 'XYZ')).toMatch(/12\.00/);
    // Rounded on the digits, as the CSV is: Number('1.005') would round down to $1.00.
    expect(money('1.005', 'USD')).toBe('$1.01');
    expect(money('284.6749999999', 'USD')).toBe('$284.67');
    expect(signedMoney('-20.705', 'USD')).toBe('−$20.71');
    expect(signedMoney('12.3', 'USD')).toBe('+$12.30');
    expect(signedMoney('-4', 'USD')).toBe('−$4.00');
    expect(signedMoney('0.001', 'USD')).toBe('$0.00');
    expect(signedPercent(12.34)).toBe('+12.3 %');
    expect(signedPercent(-3)).toBe('−3.0 %');
    expect(signedPercent(null)).toBe('new');
  });

  it('counts months in UTC: the review offers the 13 closed months, newest first', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    const months = reviewableMonths('2026-11');
    expect(months).toHaveLength(13);
    expect(months[0]).toBe('2026-10');
    expect(months.at(-1)).toBe('2025-10');
    expect(monthLabel('2026-10')).toBe('October 2026');
  });

  it('says what a forced refresh costs before it is pressed', () => {
    expect(estimateText({ requests: 6, cost: '0.06', replayed: false })).toBe('≈ 6 requests · $0.06');
    expect(estimateText({ requests: 1, cost: '0', replayed: true })).toBe('≈ 1 request · free (sample data)');
    expect(estimateText({ requests: 0, cost: '0', replayed: false })).toBe('nothing to ask: all cached for good');
  });

  it('says whether figures are cached, fresh, stale (and why) or sample data', () => {
    const base = { fetchedAt: '2026-11-20T10:00:00Z', fromCache: true, stale: false, replay: false };
    expect(freshnessParts(base, [])).toEqual({ tone: 'ok', text: 'cached' });
    expect(freshnessParts({ ...base, fromCache: false }, []).text).toBe('just fetched');
    expect(freshnessParts({ ...base, replay: true }, []).text).toBe('replayed sample data');
    expect(
      freshnessParts({ ...base, stale: true }, [{ kind: 'throttled', message: 'AWS is throttling.', hint: 'Wait.' }]),
    ).toEqual({ tone: 'warn', text: 'stale: AWS is throttling.' });
    expect(freshnessParts({ ...base, fetchedAt: null }, []).text).toBe('no data yet');
  });
});

describe('deep links into the Cost screen', () => {
  it('opens the review, a month, a split and a range; ignores what it cannot read', () => {
    expect(parseCostHash('#/cost')).toEqual({});
    expect(parseCostHash('#/cost/review')).toEqual({ tab: 'review' });
    expect(parseCostHash('#/cost/review?month=2026-10')).toEqual({ tab: 'review', month: '2026-10' });
    expect(parseCostHash('#/cost?split=tag:env&months=14')).toEqual({
      groupBy: { kind: 'tag', key: 'env' },
      months: 14,
    });
    expect(parseCostHash('#/cost?split=tag:&months=99&month=2026-13')).toEqual({});
    expect(parseCostHash('#/health?months=3')).toEqual({});
  });
});

describe('the address of a cost view', () => {
  it('says what is shown, and reads back as the same view', () => {
    const daily = { tab: 'daily' as const, groupBy: { kind: 'tag' as const, key: 'env' }, months: 14, month: null };
    expect(formatCostHash(daily)).toBe('#/cost?split=tag:env&months=14');
    expect(parseCostHash(formatCostHash(daily))).toEqual({ groupBy: daily.groupBy, months: 14 });
    expect(formatCostHash({ ...daily, groupBy: { kind: 'service' }, months: 1 })).toBe('#/cost');
    expect(formatCostHash({ ...daily, tab: 'review', month: '2026-10' })).toBe('#/cost/review?month=2026-10');
  });
});
