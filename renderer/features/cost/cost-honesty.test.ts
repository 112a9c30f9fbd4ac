/**
 * The Cost screen tells the truth: a failure never reads as a zero, a runaway series never hides in "Other", the
 * worst budget is said in money, one group can be shown alone (and linked to), and a failed refresh says so.
 */
import { describe, expect, it } from 'vitest';
import { type BudgetStatus, type CostAnomaly, type CostSeries, type CostScreen } from '../../../shared/model/cost';
import { OTHER_KEY } from '../../components/charts/CostChartTypes';
import { notAvailable, unavailableReason } from './availability';
import { budgetOutlook, reviewOutcome } from './budget-words';
import { onlyKey, toChartData } from './chart-data';
import { formatCostHash, fullCostView, parseCostHash } from './hash-view';
import { defaultService, draftChoices } from './picker-choices';
import { refreshNoteText } from './refresh-note';

const keys = Array.from({ length: 11 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);

function series(): CostSeries {
  const days = ['2026-10-01', '2026-10-02', '2026-10-03'].map((date, d) => {
    const values = Object.fromEntries(keys.map((k, i) => [k, String(11 - i)]));
    // S11, the smallest, runs away on the last two days.
    if (d > 0) values.S11 = '9';
    const total = String(Object.values(values).reduce((a, b) => a + Number(b), 0));
    return { date, estimated: false, total, values };
  });
  const totals = Object.fromEntries(keys.map((k) => [k, String(days.reduce((s, d) => s + Number(d.values[k]), 0))]));
  return {
    groupBy: { kind: 'service' },
    currency: 'USD',
    from: '2026-10-01',
    to: '2026-10-04',
    keys,
    totals,
    total: String(Object.values(totals).reduce((a, b) => a + Number(b), 0)),
    days,
  };
}

const runaway: CostAnomaly = {
  id: 'service::S11:2026-10-02',
  groupBy: { kind: 'service' },
  key: 'S11',
  from: '2026-10-02',
  to: '2026-10-03',
  amount: '18',
  expected: '2',
  excess: '16',
  baselineDaily: '1',
  ratio: 9,
  currency: 'USD',
  ongoing: false,
  message: 'S11 spent $18.00 from 2 to 3 Oct, 9.0× its usual $1.00 a day.',
};

describe('a series with unusual spend', () => {
  it('keeps its own series instead of disappearing into Other, and is banded over its days', () => {
    const plain = toChartData(series());
    expect(plain.series.at(-1)?.keys).toContain('S11');
    const flagged = toChartData(series(), [], [runaway]);
    expect(flagged.series.filter((s) => s.dataKey !== OTHER_KEY).map((s) => s.label)).toEqual([
      ...keys.slice(0, 7),
      'S11',
    ]);
    expect(flagged.series.find((s) => s.dataKey === OTHER_KEY)?.label).toBe('Other (3)');
    expect(flagged.anomalies).toEqual([
      { id: runaway.id, from: '2026-10-02', to: '2026-10-03', label: 'S11', text: runaway.message },
    ]);
    // Each day still adds up: nothing is counted twice or lost.
    const row = flagged.rows[1];
    const sum = flagged.series.reduce((s, x) => s + Number(row?.[x.dataKey] ?? 0), 0);
    expect(sum).toBe(flagged.rows[1]?.total);
  });

  it('is clipped to the days the chart shows', () => {
    const early = { ...runaway, from: '2026-09-28', to: '2026-10-01' };
    expect(toChartData(series(), [], [early]).anomalies[0]).toMatchObject({ from: '2026-10-01', to: '2026-10-01' });
    expect(toChartData(series(), [], [{ ...runaway, from: '2026-11-01', to: '2026-11-02' }]).anomalies).toEqual([]);
  });
});

describe('showing one group alone', () => {
  it('keeps only that group, with its own total', () => {
    const one = toChartData(onlyKey(series(), 'S11'));
    expect(one.series.map((s) => s.label)).toEqual(['S11']);
    expect(one.total).toBe(19);
    expect(one.rows.map((r) => r.total)).toEqual([1, 9, 9]);
    expect(toChartData(onlyKey(series(), 'Nope')).series).toEqual([]);
  });

  it('is kept in the address, and an edited address replaces the whole view', () => {
    const view = { tab: 'daily' as const, groupBy: { kind: 'service' as const }, months: 3, month: null };
    const hash = formatCostHash({ ...view, filter: 'Amazon EC2' });
    expect(hash).toBe('#/cost?months=3&service=Amazon+EC2');
    expect(parseCostHash(hash)).toEqual({ months: 3, filter: 'Amazon EC2' });
    const untagged = formatCostHash({ ...view, groupBy: { kind: 'tag', key: 'env' }, filter: '' });
    expect(untagged).toBe('#/cost?split=tag:env&months=3&value=%28untagged%29');
    expect(parseCostHash(untagged).filter).toBe('');
    expect(fullCostView('#/cost/review')).toEqual({
      tab: 'review',
      groupBy: { kind: 'service' },
      months: 1,
      month: null,
      filter: null,
    });
    expect(fullCostView('#/cost?months=3')).toMatchObject({ tab: 'daily', months: 3, filter: null });
  });
});

function budget(over: Partial<BudgetStatus>): BudgetStatus {
  return {
    name: 'All of AWS',
    account: null,
    scope: 'all of AWS',
    month: '2026-11',
    budget: '400',
    currency: 'USD',
    actual: '300',
    actualPercent: 75,
    forecast: '380',
    forecastPercent: 95,
    thresholds: [],
    state: 'ok',
    overrun: null,
    ...over,
  };
}

describe('the worst budget in money', () => {
  it('says the overrun spent, the overrun forecast, or the headroom', () => {
    expect(budgetOutlook(budget({ actual: '712', forecast: '900', overrun: '500' }))).toBe('Over budget by $500.00');
    expect(budgetOutlook(budget({ forecast: '1640', overrun: '1240' }))).toBe(
      'Forecast $1,240.00 over budget by month end',
    );
    expect(budgetOutlook(budget({}))).toBe('$20.00 under budget by month end');
    expect(budgetOutlook(budget({ forecast: null }))).toBe('$100.00 left');
  });

  it('says in the review how far over or under a month ended', () => {
    const line = { name: 'B', scope: 'all', budget: '400', actual: '712', actualPercent: 178, crossed: [] };
    expect(reviewOutcome({ ...line, outcome: 'over', overrun: '312' }, 'USD')).toBe('over by $312.00');
    expect(reviewOutcome({ ...line, actual: '360', outcome: 'under', overrun: null }, 'USD')).toBe('under by $40.00');
  });
});

describe('a failure never looks like a zero', () => {
  const denied = {
    kind: 'access-denied' as const,
    message: 'No permission to read Cost Explorer.',
    hint: 'Allow ce:GetCostAndUsage.',
  };
  const fresh = { fetchedAt: null, fromCache: false, stale: false, replay: false };

  it('names what failed when nothing could be read', () => {
    const reason = unavailableReason({ problems: [denied], freshness: fresh, monthToDate: null });
    expect(reason).toBe('no permission to read Cost Explorer');
    expect(notAvailable(reason ?? '')).toBe('Not available — no permission to read Cost Explorer');
  });

  it('keeps cached figures (marked stale elsewhere) and real zeros as they are', () => {
    const cached = { ...fresh, fetchedAt: '2026-11-20T10:00:00Z', stale: true };
    expect(unavailableReason({ problems: [denied], freshness: cached, monthToDate: '12.5' })).toBeNull();
    expect(unavailableReason({ problems: [], freshness: fresh, monthToDate: '0' })).toBeNull();
  });

  it('says a refresh failed, and what it sent, instead of "everything was fresh"', () => {
    const at = '2026-11-20T10:00:00Z';
    expect(refreshNoteText({ requests: 0, at, failed: 'No permission to read Cost Explorer. Allow it.' })).toBe(
      'Refresh failed (nothing was sent): No permission to read Cost Explorer. Allow it.',
    );
    expect(refreshNoteText({ requests: 3, at, failed: 'Throttled' })).toBe(
      'Refresh failed (3 requests were sent): Throttled.',
    );
    expect(refreshNoteText({ requests: null, at, failed: 'Connection lost.' })).toBe(
      'Refresh failed: Connection lost.',
    );
    expect(refreshNoteText({ requests: 0, at })).toBe('Refreshed: everything was fresh in the cache, nothing sent.');
    expect(refreshNoteText({ requests: 2, at })).toBe('Refreshed: 2 requests sent.');
  });
});

describe('drafting a budget', () => {
  it('offers the largest spender first, not the alphabetically first service', () => {
    const screen = { series: { ...series(), keys: ['Zeta DB', 'Alpha Queue'] } } as Pick<CostScreen, 'series'>;
    // A partial screen: draftChoices and defaultService read only its series.
    const partial = screen as CostScreen;
    const choices = draftChoices(null, partial, []);
    expect(choices.services).toEqual(['Alpha Queue', 'Zeta DB']);
    expect(defaultService(choices, partial)).toBe('Zeta DB');
    expect(defaultService({ services: ['B', 'A'], tagKeys: [], tagValues: {} }, null)).toBe('B');
  });
});
