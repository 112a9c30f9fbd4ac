import { describe, expect, it } from 'vitest';
import { costSchema, parseBudgetThreshold } from './cost';

describe('the cost section of the workspace file', () => {
  it('defaults to the standard credential chain in us-east-1, no tags, no budgets', () => {
    expect(costSchema.parse({})).toEqual({ aws: { region: 'us-east-1' }, tags: [], budgets: [] });
  });

  it('reads budgets with money, filters and thresholds', () => {
    const cost = costSchema.parse({
      aws: { profile: 'acme-billing' },
      tags: ['env', 'team'],
      budgets: [
        { name: 'All of AWS', monthly: '400 USD' },
        {
          name: 'Production',
          filter: { tag: 'env=production' },
          monthly: '250 USD',
          alerts: ['actual 50%', 'forecasted 100%', 'actual 300 USD'],
        },
        { name: 'Untagged', filter: { tag: 'env=' }, monthly: 20 },
      ],
    });
    expect(cost.budgets[0]?.alerts).toEqual([
      { kind: 'actual', percent: 80 },
      { kind: 'actual', percent: 100 },
      { kind: 'forecast', percent: 100 },
    ]);
    expect(cost.budgets[1]?.alerts).toEqual([
      { kind: 'actual', percent: 50 },
      { kind: 'forecast', percent: 100 },
      { kind: 'actual', amount: '300', currency: 'USD' },
    ]);
    expect(cost.budgets[2]).toMatchObject({ monthly: { amount: '20', currency: 'USD' }, filter: { tag: 'env=' } });
  });

  it.each(['actual', 'actual 80', 'forecast -5%', 'half 80%', 'actual 0%'])('rejects the threshold "%s"', (text) => {
    expect(parseBudgetThreshold(text)).toBeUndefined();
  });

  it('says what a bad threshold should look like', () => {
    const result = costSchema.safeParse({ budgets: [{ name: 'x', monthly: '1 USD', alerts: ['actual eighty'] }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['budgets', 0, 'alerts', 0],
      message: expect.stringMatching(/actual 80%/),
    });
  });

  it('rejects a threshold in another currency than its budget', () => {
    const result = costSchema.safeParse({ budgets: [{ name: 'x', monthly: '100 USD', alerts: ['actual 90 EUR'] }] });
    expect(result.error?.issues[0]?.message).toMatch(/in EUR but the budget is in USD/);
  });

  it('rejects two budgets with one name (alerts are kept per name)', () => {
    const result = costSchema.safeParse({
      budgets: [
        { name: 'a', monthly: '1 USD' },
        { name: 'a', monthly: '2 USD' },
      ],
    });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['budgets', 1, 'name'],
      message: 'budget "a" is declared twice',
    });
  });

  it('rejects a filter that filters nothing and a tag without "="', () => {
    expect(costSchema.safeParse({ budgets: [{ name: 'a', monthly: '1 USD', filter: {} }] }).success).toBe(false);
    expect(
      costSchema.safeParse({ budgets: [{ name: 'a', monthly: '1 USD', filter: { tag: 'production' } }] }).success,
    ).toBe(false);
  });

  it('never takes keys in the file', () => {
    expect(costSchema.safeParse({ aws: { accessKeyId: 'AKIA…' } }).success).toBe(false);
  });
});
