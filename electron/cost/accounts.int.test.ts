/**
 * Two AWS accounts end to end: the real SDK, one loopback Cost Explorer double per account (each its own endpoint
 * and request counter), SQLite in memory. Totals are checked against sums the doubles' rows give independently;
 * each account's requests go to its own double and are billed to it in the ledger; one account failing leaves the
 * other's figures shown with a problem naming the account that failed.
 */
import { Database } from '../journal/sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { costSchema } from '../../shared/workspace/cost';
import {
  type CostExplorerDouble,
  type CostRow,
  fromUnits,
  makeRows,
  startCostExplorerDouble,
  sumRows,
  testCredentials,
} from '../../test/support/cost-explorer-double';
import { createCostFeature } from './create';
import { reviewToCsv } from './export-csv';
import { reviewToMarkdown } from './export-markdown';
import { createCostTables } from './schema';

const NOW = new Date('2026-11-20T10:00:00Z');
const shopRows = makeRows({ from: '2026-09-01', to: '2026-11-21', services: ['Amazon S3', 'AWS Lambda'], seed: 5 });
const dataRows = makeRows({
  from: '2026-09-01',
  to: '2026-11-21',
  services: ['Amazon Redshift', 'Amazon S3'],
  seed: 9,
});

const config = costSchema.parse({
  accounts: [
    { name: 'shop', aws: { profile: 'acme-shop' } },
    { name: 'data', aws: { profile: 'acme-data' } },
  ],
  budgets: [
    { name: 'Everything', monthly: '100000 USD' },
    { name: 'Data', monthly: '100000 USD', account: 'data' },
  ],
});

const inMonth = (month: string) => (r: CostRow) => r.date.startsWith(month);
const both = (keep: (r: CostRow) => boolean) => fromUnits(sumRows(shopRows, keep) + sumRows(dataRows, keep));

let doubles: Record<'shop' | 'data', CostExplorerDouble>;
const dbs: Database[] = [];

beforeAll(async () => {
  doubles = {
    shop: await startCostExplorerDouble({ rows: shopRows, today: '2026-11-20' }),
    data: await startCostExplorerDouble({ rows: dataRows, today: '2026-11-20' }),
  };
});
afterAll(async () => {
  await doubles.shop.close();
  await doubles.data.close();
});
afterEach(() => {
  for (const double of Object.values(doubles)) {
    double.resetCounts();
    double.clearFailures();
  }
  for (const db of dbs.splice(0)) db.close();
});

function feature() {
  const db = createCostTables(new Database(':memory:'));
  dbs.push(db);
  return createCostFeature({
    config,
    db,
    workspaceDir: '/',
    now: () => NOW,
    client: (account) => ({
      endpoint: doubles[account as 'shop' | 'data'].endpoint,
      credentials: testCredentials,
      maxAttempts: 1,
    }),
  });
}

describe('several AWS accounts', () => {
  it('adds the accounts up exactly, shows each, and bills each account its own requests', async () => {
    const cost = feature();
    const overview = await cost.service.overview();
    expect(overview.accounts).toEqual(['shop', 'data']);
    expect(overview.account).toBeNull();
    expect(overview.monthToDate).toBe(both(inMonth('2026-11')));
    expect(overview.byAccount).toEqual([
      { account: 'shop', amount: fromUnits(sumRows(shopRows, inMonth('2026-11'))) },
      { account: 'data', amount: fromUnits(sumRows(dataRows, inMonth('2026-11'))) },
    ]);
    const shopSent = doubles.shop.served();
    const dataSent = doubles.data.served();
    expect(shopSent).toBeGreaterThan(0);
    // The data budget's figures are the data account's part of the total: no request of their own.
    expect(dataSent).toBe(shopSent);
    const { budgets } = await cost.service.checkBudgets();
    expect(budgets.map((b) => [b.name, b.account, b.actual])).toEqual([
      ['Everything', null, both(inMonth('2026-11'))],
      ['Data', 'data', fromUnits(sumRows(dataRows, inMonth('2026-11')))],
    ]);
    expect(overview.apiSpend.requests).toBe(shopSent + dataSent);
    expect(overview.apiSpend.accounts).toEqual([
      { account: 'shop', requests: shopSent, replayed: 0, cost: fromUnits(BigInt(shopSent) * 10n ** 8n) },
      { account: 'data', requests: dataSent, replayed: 0, cost: fromUnits(BigInt(dataSent) * 10n ** 8n) },
    ]);

    // One account at a time, from the same cache: nothing more is sent.
    const shopOnly = await cost.service.overview({ account: 'shop' });
    expect(shopOnly.monthToDate).toBe(fromUnits(sumRows(shopRows, inMonth('2026-11'))));
    expect(shopOnly.byAccount).toEqual([]);
    expect(shopOnly.worstBudget).toBeNull();
    const dataOnly = await cost.service.overview({ account: 'data' });
    expect(dataOnly.totalBudget).toMatchObject({ name: 'Data', account: 'data' });
    expect(doubles.shop.served() + doubles.data.served()).toBe(shopSent + dataSent);

    await expect(cost.service.overview({ account: 'web' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'no account "web" in this workspace (accounts: shop, data)',
    });
    cost.close();
  });

  it('reviews all accounts with a subtotal for each, and one account alone', async () => {
    const cost = feature();
    const review = await cost.review();
    expect(review.total).toMatchObject({ current: both(inMonth('2026-10')), previous: both(inMonth('2026-09')) });
    expect(review.byAccount).toEqual([
      {
        account: 'shop',
        total: expect.objectContaining({
          current: fromUnits(sumRows(shopRows, inMonth('2026-10'))),
          previous: fromUnits(sumRows(shopRows, inMonth('2026-09'))),
        }),
      },
      {
        account: 'data',
        total: expect.objectContaining({
          current: fromUnits(sumRows(dataRows, inMonth('2026-10'))),
          previous: fromUnits(sumRows(dataRows, inMonth('2026-09'))),
        }),
      },
    ]);
    const s3 = review.byService.find((l) => l.key === 'Amazon S3');
    expect(s3?.current).toBe(both((r) => inMonth('2026-10')(r) && r.service === 'Amazon S3'));
    // Two closed months per account, one page each.
    expect([doubles.shop.served(), doubles.data.served()]).toEqual([2, 2]);

    expect(reviewToMarkdown(review)).toMatch(/\| shop \|/);
    expect(reviewToCsv(review)).toMatch(/\r\naccount,shop,/);

    const dataOnly = await cost.review({ account: 'data' });
    expect(dataOnly.total.current).toBe(fromUnits(sumRows(dataRows, inMonth('2026-10'))));
    expect(dataOnly.byAccount).toEqual([]);
    expect(dataOnly.budgets.map((b) => b.name)).toEqual(['Data']);
    expect([doubles.shop.served(), doubles.data.served()]).toEqual([2, 2]);
    cost.close();
  });

  it("keeps showing one account's figures when the other's credentials have expired", async () => {
    const cost = feature();
    doubles.data.failNext(
      '*',
      { type: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
      100,
    );
    const overview = await cost.service.overview();
    expect(overview.monthToDate).toBe(fromUnits(sumRows(shopRows, inMonth('2026-11'))));
    expect(overview.byAccount).toEqual([
      { account: 'shop', amount: fromUnits(sumRows(shopRows, inMonth('2026-11'))) },
      { account: 'data', amount: null },
    ]);
    expect(overview.problems).toEqual([
      expect.objectContaining({
        kind: 'credentials',
        account: 'data',
        message: 'Account "data": The AWS credentials for profile "acme-data" have expired.',
        hint: expect.stringContaining('aws sso login --profile acme-data'),
      }),
    ]);
    const review = await cost.review();
    expect(review.total.current).toBe(fromUnits(sumRows(shopRows, inMonth('2026-10'))));
    expect(review.problems.map((p) => p.account)).toEqual(['data']);
    cost.close();
  });
});
