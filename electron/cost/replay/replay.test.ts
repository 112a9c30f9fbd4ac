/**
 * The demo's sample account, replayed through the real AWS SDK: answers in AWS's shape, consistent with each other
 * to the last digit, always current, and telling the story the demo needs (a mover last month, untagged spend,
 * budgets near their limits).
 */
import { fileURLToPath } from 'node:url';
import { Database } from '../../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { costSchema } from '../../../shared/workspace/cost';
import { createCostClient } from '../client';
import { createCostFeature } from '../create';
import { CostExplorerError } from '../problems';
import { amount } from '../money';
import { tableTotal, toCostTable, totalsByKey } from '../table';
import { loadReplayAccount, parseReplayAccount } from './account';
import { createReplayHandler } from './handler';
import { createCostTables } from '../schema';

const samples = fileURLToPath(new URL('../../../resources/demo/cost-samples', import.meta.url));
const account = loadReplayAccount(samples);
const NOW = new Date('2026-11-20T15:00:00Z');
const credentials = { accessKeyId: 'REPLAY', secretAccessKey: 'replay' };

const clients: { destroy(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

function replayClient(now = NOW) {
  const client = createCostClient({
    credentials,
    requestHandler: createReplayHandler(account, () => now),
    replayed: true,
  });
  clients.push(client);
  return client;
}

const usage = (start: string, end: string, groupBy?: { Type: 'DIMENSION' | 'TAG'; Key: string }) => ({
  TimePeriod: { Start: start, End: end },
  Granularity: 'DAILY' as const,
  Metrics: ['UnblendedCost'],
  ...(groupBy ? { GroupBy: [groupBy] } : {}),
});

describe('replayed answers through the real SDK', () => {
  it('look like AWS: string amounts with ten decimals, empty Total with a GroupBy, estimated recent days', async () => {
    const answer = await replayClient().getCostAndUsage(
      usage('2026-11-01', '2026-11-21', { Type: 'DIMENSION', Key: 'SERVICE' }),
    );
    const first = answer.ResultsByTime[0];
    expect(first?.Total).toEqual({});
    expect(first?.Groups?.[0]?.Metrics?.UnblendedCost?.Amount).toMatch(/^\d+\.\d{10}$/);
    expect(first?.Groups?.[0]?.Metrics?.UnblendedCost?.Unit).toBe('USD');
    expect(
      new Set(answer.ResultsByTime.flatMap((r) => r.Groups?.map((g) => g.Keys?.[0]) ?? [])).size,
    ).toBeGreaterThanOrEqual(12);
    expect(answer.ResultsByTime.filter((r) => r.Estimated).map((r) => r.TimePeriod?.Start)).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
  });

  it('agree with each other exactly: by service, by tag and ungrouped give one total', async () => {
    const client = replayClient();
    const totals = await Promise.all([
      client.getCostAndUsage(usage('2026-10-01', '2026-11-01')),
      client.getCostAndUsage(usage('2026-10-01', '2026-11-01', { Type: 'DIMENSION', Key: 'SERVICE' })),
      client.getCostAndUsage(usage('2026-10-01', '2026-11-01', { Type: 'TAG', Key: 'env' })),
      client.getCostAndUsage(usage('2026-10-01', '2026-11-01', { Type: 'TAG', Key: 'team' })),
    ]);
    const [plain, ...grouped] = totals.map((a) => amount(tableTotal(toCostTable(a))));
    expect(grouped).toEqual([plain, plain, plain]);
    const env = totalsByKey(toCostTable(totals[2] ?? { GroupDefinitions: [], ResultsByTime: [] }));
    expect([...env.keys()].sort()).toEqual(['', 'production', 'staging']);
  });

  it('are deterministic, and follow today so the demo is always current', async () => {
    const period = usage('2026-10-01', '2026-11-01', { Type: 'DIMENSION', Key: 'SERVICE' });
    const a = await replayClient().getCostAndUsage(period);
    const b = await replayClient().getCostAndUsage(period);
    expect(b).toEqual(a);

    // The CloudWatch spike is "last month" whenever the demo runs.
    const cloudwatch = async (now: Date, start: string, end: string) =>
      totalsByKey(
        toCostTable(await replayClient(now).getCostAndUsage(usage(start, end, { Type: 'DIMENSION', Key: 'SERVICE' }))),
      ).get('Amazon CloudWatch');
    const spikeOctober = await cloudwatch(NOW, '2026-10-01', '2026-11-01');
    const calmSeptember = await cloudwatch(NOW, '2026-09-01', '2026-10-01');
    const spikeMarch = await cloudwatch(new Date('2027-04-10T00:00:00Z'), '2027-03-01', '2027-04-01');
    expect(spikeOctober?.div(calmSeptember ?? 1).toNumber()).toBeGreaterThan(2);
    expect(spikeMarch?.div(calmSeptember ?? 1).toNumber()).toBeGreaterThan(2);
  });

  it('filter by tag (ABSENT for untagged) and by service', async () => {
    const client = replayClient();
    const base = usage('2026-10-01', '2026-11-01');
    const all = amount(tableTotal(toCostTable(await client.getCostAndUsage(base))));
    const untagged = amount(
      tableTotal(
        toCostTable(
          await client.getCostAndUsage({ ...base, Filter: { Tags: { Key: 'env', MatchOptions: ['ABSENT'] } } }),
        ),
      ),
    );
    const byEnv = totalsByKey(
      toCostTable(await client.getCostAndUsage({ ...base, GroupBy: [{ Type: 'TAG', Key: 'env' }] })),
    );
    expect(untagged).toBe(amount(byEnv.get('') ?? tableTotal({ unit: 'USD', days: [] })));
    const notEc2 = await client.getCostAndUsage({
      ...base,
      Filter: { Not: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } } },
    });
    expect(Number(amount(tableTotal(toCostTable(notEc2))))).toBeLessThan(Number(all));
  });

  it('paginate long answers, each page a (free) request in the ledger', async () => {
    const db = createCostTables(new Database(':memory:'));
    const cost = createCostFeature({
      config: costSchema.parse({ aws: { replay: samples } }),
      db,
      workspaceDir: '/',
      now: () => NOW,
    });
    const pages = (
      await cost.client.getCostAndUsage(usage('2025-10-01', '2026-11-21', { Type: 'DIMENSION', Key: 'SERVICE' }))
    ).pages;
    expect(pages).toBeGreaterThan(3);
    expect(cost.cache.apiSpend('2026-11')).toEqual({ month: '2026-11', requests: pages, replayed: pages, cost: '0' });
    cost.close();
    db.close();
  });

  it('refuse what AWS refuses: history beyond 13 months, forecasts starting in the past', async () => {
    const client = replayClient();
    const old = await client.getCostAndUsage(usage('2025-09-01', '2025-10-01')).catch((e: unknown) => e);
    expect(old).toBeInstanceOf(CostExplorerError);
    expect((old as CostExplorerError).problem).toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(/13 months/),
    });
    const past = await client
      .getCostForecast({
        TimePeriod: { Start: '2026-11-19', End: '2026-12-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
      })
      .catch((e: unknown) => e);
    expect((past as CostExplorerError).problem.kind).toBe('invalid-request');
  });

  it('forecast with a band, and less for a filter than for all', async () => {
    const client = replayClient();
    const period = {
      TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST' as const,
      Granularity: 'MONTHLY' as const,
    };
    const all = await client.getCostForecast(period);
    const production = await client.getCostForecast({
      ...period,
      Filter: { Tags: { Key: 'env', Values: ['production'] } },
    });
    const band = all.ForecastResultsByTime?.[0];
    expect(Number(band?.PredictionIntervalLowerBound)).toBeLessThan(Number(band?.MeanValue));
    expect(Number(band?.PredictionIntervalUpperBound)).toBeGreaterThan(Number(band?.MeanValue));
    expect(Number(production.Total?.Amount)).toBeLessThan(Number(all.Total?.Amount));
  });
});

describe('the demo tells a story', () => {
  const demo = costSchema.parse({
    aws: { replay: './cost-samples' },
    tags: ['env', 'team'],
    budgets: [
      { name: 'All of AWS', monthly: '400 USD' },
      { name: 'Production', filter: { tag: 'env=production' }, monthly: '250 USD' },
    ],
  });

  it('a review with a spike, a saving and a new service; budgets near their limits; some spend untagged', async () => {
    const db = createCostTables(new Database(':memory:'));
    const cost = createCostFeature({
      config: demo,
      db,
      workspaceDir: fileURLToPath(new URL('../../../resources/demo', import.meta.url)),
      now: () => NOW,
    });
    const review = await cost.review();
    // The runaway week of the load balancers grew most; CloudWatch's debug logging next.
    expect(review.topIncreases.slice(0, 2).map((l) => l.key)).toEqual(['Elastic Load Balancing', 'Amazon CloudWatch']);
    expect(review.anomalies).toHaveLength(1);
    expect(review.anomalies[0]).toMatchObject({ key: 'Elastic Load Balancing', from: '2026-10-10', to: '2026-10-16' });
    expect(review.anomalies[0]?.ratio).toBeGreaterThan(8);
    expect(review.anomalies[0]?.message).toMatch(
      /^Elastic Load Balancing spent [\d.]+ USD from 10 to 16 Oct, [89]\.\d× its usual/,
    );
    expect(review.topDecreases[0]?.key).toBe('Amazon Relational Database Service');
    expect(review.byService.find((l) => l.key === 'Amazon Bedrock')?.percent).toBeNull();
    expect(review.untagged.map((u) => u.share).every((s) => s > 0.05 && s < 0.3)).toBe(true);

    const screen = await cost.service.screen();
    expect(screen.overview.freshness.replay).toBe(true);
    expect(screen.overview.forecast).not.toBeNull();
    expect(Number(screen.overview.totalBudget?.forecastPercent)).toBeGreaterThan(85);
    expect(screen.movers.length).toBeGreaterThan(3);
    expect(screen.series.days.some((d) => d.estimated)).toBe(true);
    // This month has no runaway: nothing flagged (DynamoDB's re-indexing is 2.3×, below the 3× rule).
    expect(screen.anomalies).toEqual([]);
    const threeMonths = await cost.service.screen({ months: 3 });
    expect(threeMonths.anomalies.map((a) => a.key)).toEqual(['Elastic Load Balancing']);
    cost.close();
    db.close();
  });
});

describe('the sample account file', () => {
  it('says which field is wrong', () => {
    expect(() => parseReplayAccount({ seed: 'x', accountId: '1', services: [] }, 'account.json')).toThrow(
      /^account\.json: accountId/,
    );
    expect(() =>
      parseReplayAccount({
        seed: 'x',
        accountId: '123456789012',
        services: [{ name: 'S3', daily: 1, tags: { env: { a: 0.7, b: 0.5 } } }],
      }),
    ).toThrow(/add up to more than 1/);
  });

  it('says where it looked, and what to change, when the folder has no samples', () => {
    expect(() => loadReplayAccount('/nonexistent-cost-samples')).toThrow(
      /^cannot read the replayed cost samples \/nonexistent-cost-samples\/account\.json: there is no such file\. Point cost\.aws\.replay at a folder/,
    );
  });
});
