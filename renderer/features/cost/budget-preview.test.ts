/**
 * What the budget draft offers and previews from figures already on screen: exact sums, where a drafted budget
 * would stand this month (or why it cannot say), the tag keys Split by adds from Cost Explorer's lists, and the
 * draft's services and tag values.
 */
import { describe, expect, it } from 'vitest';
import { type CostGroupBy, type CostPickers, type CostScreen } from '../../../shared/model/cost';
import { previewBudget, sumAmounts } from './budget-preview';
import { type BudgetDraft, defaultDraftThresholds } from './budget-snippet';
import { draftChoices, otherTagKeys } from './picker-choices';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';

function screen(groupBy: CostGroupBy, days: { date: string; values: Record<string, string> }[]): CostScreen {
  const keys = [...new Set(days.flatMap((d) => Object.keys(d.values)))];
  return {
    overview: {
      accounts: ['default'],
      account: null,
      byAccount: [],
      month: '2026-11',
      today: '2026-11-03',
      daysLeft: 27,
      daysInMonth: 30,
      currency: 'USD',
      monthToDate: '212.3456',
      totalBudget: null,
      forecast: null,
      worstBudget: null,
      freshness: { fetchedAt: null, fromCache: true, stale: false, replay: true },
      apiSpend: { month: '2026-11', requests: 0, cost: '0', replayed: 0 },
      problems: [],
    },
    series: {
      groupBy,
      currency: 'USD',
      from: days[0]?.date ?? '2026-11-01',
      to: '2026-11-04',
      keys,
      totals: {},
      total: '0',
      days: days.map((d) => ({ ...d, estimated: false, total: '0' })),
    },
    movers: [],
    untagged: [],
    budgets: [],
    markers: [],
    forceRefresh: { requests: 0, cost: '0', replayed: true },
    anomalies: [],
  };
}

const byService = screen({ kind: 'service' }, [
  // Last month's day is in a 2-month chart but not in this month's figures.
  { date: '2026-10-31', values: { [EC2]: '99' } },
  { date: '2026-11-01', values: { [EC2]: '40.1', [RDS]: '0.1' } },
  { date: '2026-11-02', values: { [EC2]: '39.95', [RDS]: '0.2' } },
]);
const byEnv = screen({ kind: 'tag', key: 'env' }, [
  { date: '2026-11-01', values: { production: '100', '': '7.5' } },
  { date: '2026-11-02', values: { production: '101.25', staging: '3' } },
]);

function draft(overrides: Partial<BudgetDraft>): BudgetDraft {
  return {
    name: 'B',
    amount: '100',
    currency: 'USD',
    scope: { kind: 'all' },
    account: null,
    thresholds: defaultDraftThresholds(),
    ...overrides,
  };
}

describe('sums of amounts', () => {
  it('are exact decimals, at the finest scale given', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
    expect(sumAmounts(['40.3543773134', '1', '-0.0000000004'])).toBe('41.3543773130');
    expect(sumAmounts(['-3.5', '1.25'])).toBe('-2.25');
    expect(sumAmounts([])).toBe('0');
  });
});

describe('where a drafted budget would stand this month', () => {
  it('takes the month to date for a whole-account budget, with the actual thresholds it crossed', () => {
    expect(previewBudget(draft({ amount: '250' }), byService, null)).toEqual({
      kind: 'figures',
      actual: '212.3456',
      currency: 'USD',
      percent: (212.35 / 250) * 100,
      crossed: ['actual 80%'],
    });
  });

  it("sums this month's days of the service, or of the tag value (untagged included), from the chart", () => {
    const ec2 = previewBudget(draft({ scope: { kind: 'service', service: EC2 } }), byService, null);
    expect(ec2).toMatchObject({ kind: 'figures', actual: '80.05', crossed: ['actual 80%'] });
    const rds = previewBudget(
      draft({ amount: '0.3', scope: { kind: 'service', service: RDS }, thresholds: [] }),
      byService,
      null,
    );
    expect(rds).toMatchObject({ actual: '0.3', percent: 100 });
    const untagged = previewBudget(draft({ scope: { kind: 'tag', key: 'env', value: '' } }), byEnv, null);
    expect(untagged).toMatchObject({ actual: '7.5', crossed: [] });
    const production = previewBudget(
      draft({
        amount: '200',
        scope: { kind: 'tag', key: 'env', value: 'production' },
        thresholds: [{ kind: 'actual', value: '201', unit: 'amount' }],
      }),
      byEnv,
      null,
    );
    expect(production).toMatchObject({ actual: '201.25', crossed: ['actual 201 USD'] });
  });

  it('says what to show first when the figures on screen cannot tell', () => {
    const reason = (d: BudgetDraft, s: CostScreen | null = byService, account: string | null = null) => {
      const preview = previewBudget(d, s, account);
      return preview.kind === 'unavailable' ? preview.reason : null;
    };
    expect(reason(draft({ scope: { kind: 'tag', key: 'env', value: 'production' } }))).toBe(
      'Split the chart by tag env to see where it stands.',
    );
    expect(reason(draft({ scope: { kind: 'service', service: EC2 } }), byEnv)).toBe(
      'Split the chart by service to see where it stands.',
    );
    expect(reason(draft({ account: 'data' }))).toBe(
      'The screen shows all accounts: pick data in the Account picker to see where it stands.',
    );
    expect(reason(draft({ currency: 'EUR' }))).toBe('The figures are in USD, the budget in EUR.');
    expect(reason(draft({ amount: '' }))).toBe('Enter the monthly amount to see where it stands.');
    expect(reason(draft({}), null)).toBe('The figures are still loading.');
  });
});

describe('what the pickers add', () => {
  const pickers: CostPickers = {
    services: [RDS, 'AWS Lambda'],
    tagKeys: ['team', 'env', 'cost-center'],
    tagValues: { env: ['production'], team: ['search', 'payments'], 'cost-center': [] },
    problems: [],
  };

  it('gives Split by the account’s other tag keys, and the one shown even if nobody listed it', () => {
    expect(otherTagKeys(null, ['env'], { kind: 'service' })).toEqual([]);
    expect(otherTagKeys(pickers, ['env'], { kind: 'service' })).toEqual(['cost-center', 'team']);
    expect(otherTagKeys(null, ['env'], { kind: 'tag', key: 'owner' })).toEqual(['owner']);
    expect(otherTagKeys(null, ['env'], { kind: 'tag', key: 'env' })).toEqual([]);
  });

  it('gives the draft the listed services and values, plus the groups the chart shows, for free', () => {
    expect(draftChoices(null, byService, ['env'])).toEqual({
      services: [EC2, RDS],
      tagKeys: ['env'],
      tagValues: { env: [] },
    });
    expect(draftChoices(pickers, byEnv, ['env'])).toEqual({
      services: [RDS, 'AWS Lambda'],
      tagKeys: ['env', 'cost-center', 'team'],
      tagValues: { env: ['production', 'staging'], 'cost-center': [], team: ['payments', 'search'] },
    });
  });
});
