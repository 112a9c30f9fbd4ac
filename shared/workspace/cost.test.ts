import { describe, expect, it } from 'vitest';
import { costSchema, parseBudgetThreshold } from './cost';

describe('the cost section of the workspace file', () => {
  it('defaults to the standard credential chain in us-east-1, no tags, no budgets', () => {
    expect(costSchema.parse({})).toEqual({
      accounts: [{ name: 'default', aws: { region: 'us-east-1' } }],
      tags: [],
      budgets: [],
    });
  });

  it('reads the single `aws:` form as one account named "default"', () => {
    expect(costSchema.parse({ aws: { profile: 'acme-billing' } }).accounts).toEqual([
      { name: 'default', aws: { profile: 'acme-billing', region: 'us-east-1' } },
    ]);
  });

  it('reads several accounts by name, and budgets held to one of them', () => {
    const cost = costSchema.parse({
      accounts: [
        { name: 'shop', aws: { profile: 'acme-shop' } },
        { name: 'data', aws: { profile: 'acme-data', region: 'eu-west-1' } },
      ],
      budgets: [
        { name: 'Everything', monthly: '900 USD' },
        { name: 'Data', monthly: '300 USD', account: 'data' },
      ],
    });
    expect(cost.accounts).toEqual([
      { name: 'shop', aws: { profile: 'acme-shop', region: 'us-east-1' } },
      { name: 'data', aws: { profile: 'acme-data', region: 'eu-west-1' } },
    ]);
    expect(cost.budgets.map((b) => b.account)).toEqual([undefined, 'data']);
  });

  it('rejects a budget naming an account that is not declared, saying which are', () => {
    const result = costSchema.safeParse({
      accounts: [
        { name: 'shop', aws: { profile: 'acme-shop' } },
        { name: 'data', aws: { profile: 'acme-data' } },
      ],
      budgets: [
        { name: 'Shop', monthly: '100 USD', account: 'shop' },
        { name: 'Web', monthly: '100 USD', account: 'web' },
      ],
    });
    expect(result.error?.issues).toMatchObject([
      {
        path: ['budgets', 1, 'account'],
        message: 'budget "Web" names account "web", which is not declared (accounts: shop, data)',
      },
    ]);
    expect(
      costSchema.safeParse({ aws: { profile: 'p' }, budgets: [{ name: 'x', monthly: '1 USD', account: 'shop' }] }).error
        ?.issues[0],
    ).toMatchObject({ path: ['budgets', 0, 'account'], message: expect.stringMatching(/\(accounts: default\)$/) });
  });

  it('rejects both forms at once, an account declared twice, and one account read twice', () => {
    expect(
      costSchema.safeParse({ aws: { profile: 'p' }, accounts: [{ name: 'a', aws: { profile: 'q' } }] }).error
        ?.issues[0],
    ).toMatchObject({ path: ['accounts'], message: expect.stringMatching(/either `aws:`.*or `accounts:`/) });
    expect(
      costSchema.safeParse({
        accounts: [
          { name: 'a', aws: { profile: 'p' } },
          { name: 'a', aws: { profile: 'q' } },
        ],
      }).error?.issues[0],
    ).toMatchObject({ path: ['accounts', 1, 'name'], message: 'account "a" is declared twice' });
    expect(
      costSchema.safeParse({
        accounts: [
          { name: 'a', aws: { profile: 'p' } },
          { name: 'b', aws: { profile: 'p' } },
        ],
      }).error?.issues[0],
    ).toMatchObject({
      path: ['accounts', 1, 'aws'],
      message: 'account "b" reads profile p, like account "a": its spend would be counted twice',
    });
    expect(costSchema.safeParse({ accounts: [{ name: 'my shop', aws: {} }] }).error?.issues[0]?.path).toEqual([
      'accounts',
      0,
      'name',
    ]);
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
