/**
 * The real AWS SDK against the loopback Cost Explorer double: pagination, sums, retries and every failure the
 * user must understand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CostExplorerDouble,
  fromUnits,
  makeRows,
  startCostExplorerDouble,
  sumRows,
  testCredentials,
} from '../../test/support/cost-explorer-double';
import { type CostOperation, createCostClient } from './client';
import { CostExplorerError } from './problems';
import { amount } from './money';
import { tableTotal, totalsByKey, toCostTable } from './table';

const services = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Simple Storage Service',
  'AWS Lambda',
  'Amazon "Quoted", Service',
];
const rows = makeRows({ from: '2026-10-01', to: '2026-11-01', services, seed: 7 });
const october = { Start: '2026-10-01', End: '2026-11-01' };

let double: CostExplorerDouble;
const requests: CostOperation[] = [];

beforeAll(async () => {
  double = await startCostExplorerDouble({ rows, today: '2026-11-20', pageSize: 4 });
});
afterAll(async () => {
  await double.close();
});
afterEach(() => {
  double.resetCounts();
  double.clearFailures();
  requests.length = 0;
});

function client(extra: Parameters<typeof createCostClient>[0] = {}) {
  return createCostClient({
    endpoint: double.endpoint,
    credentials: testCredentials,
    onRequest: (operation) => requests.push(operation),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<CostExplorerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CostExplorerError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('GetCostAndUsage through the real SDK', () => {
  it('reads every page, counts each as a request, and sums exactly', async () => {
    const c = client();
    const answer = await c.getCostAndUsage({
      TimePeriod: october,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    // 31 days at 4 per page.
    expect(answer.pages).toBe(8);
    expect(requests).toEqual(Array(8).fill('GetCostAndUsage'));
    expect(double.count('GetCostAndUsage')).toBe(8);
    expect(double.requests.every((r) => r.authorized)).toBe(true);
    expect(answer.ResultsByTime).toHaveLength(31);
    // Every grouped day came with an empty Total; some days came with no groups at all.
    expect(answer.ResultsByTime.every((r) => Object.keys(r.Total ?? {}).length === 0)).toBe(true);
    expect(answer.ResultsByTime.some((r) => (r.Groups ?? []).length === 0)).toBe(true);

    const table = toCostTable(answer);
    expect(amount(tableTotal(table))).toBe(fromUnits(sumRows(rows)));
    for (const service of services) {
      expect(amount(totalsByKey(table).get(service) ?? tableTotal({ unit: 'USD', days: [] }))).toBe(
        fromUnits(sumRows(rows, (r) => r.service === service)),
      );
    }
    c.destroy();
  });

  it('groups by tag with untagged spend as "env$"', async () => {
    const c = client();
    const answer = await c.getCostAndUsage({
      TimePeriod: october,
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'env' }],
    });
    const keys = answer.ResultsByTime[0]?.Groups?.map((g) => g.Keys?.[0]).sort();
    expect(keys).toEqual(['env$', 'env$production', 'env$staging']);
    const untagged = totalsByKey(toCostTable(answer)).get('');
    expect(untagged && amount(untagged)).toBe(fromUnits(sumRows(rows, (r) => !r.tags?.env)));
    c.destroy();
  });

  it('restarts from the first page once when a page token is refused', async () => {
    const c = client();
    double.failNext('GetCostAndUsage', { type: 'InvalidNextTokenException', message: 'The token is invalid' });
    // The first request fails: the read restarts and completes.
    const answer = await c.getCostAndUsage({ TimePeriod: october, Granularity: 'DAILY', Metrics: ['UnblendedCost'] });
    expect(amount(tableTotal(toCostTable(answer)))).toBe(fromUnits(sumRows(rows)));
    expect(double.count('GetCostAndUsage')).toBe(9);

    double.failNext('GetCostAndUsage', { type: 'RequestChangedException', message: 'changed' }, 2);
    const error = await failure(
      c.getCostAndUsage({ TimePeriod: october, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
    );
    expect(error.problem.kind).toBe('page-token');
    c.destroy();
  });
});

describe('forecasts and pickers', () => {
  it('asks for a forecast from today with an exclusive end', async () => {
    const c = client();
    const answer = await c.getCostForecast({
      TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
      PredictionIntervalLevel: 80,
    });
    expect(answer.Total?.Amount).toBe('100');
    expect(answer.ForecastResultsByTime?.[0]).toMatchObject({
      PredictionIntervalLowerBound: '90',
      PredictionIntervalUpperBound: '110',
    });
    expect(requests).toEqual(['GetCostForecast']);

    const past = await failure(
      c.getCostForecast({
        TimePeriod: { Start: '2026-11-19', End: '2026-12-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
      }),
    );
    expect(past.problem.kind).toBe('invalid-request');
    c.destroy();
  });

  it('lists services and tags across pages', async () => {
    const c = client();
    expect(await c.getDimensionValues({ TimePeriod: october, Dimension: 'SERVICE' })).toEqual([...services].sort());
    expect(await c.getTags({ TimePeriod: october })).toEqual(['env', 'team']);
    expect(await c.getTags({ TimePeriod: october, TagKey: 'env' })).toEqual(['production', 'staging']);
    // Four services at four per page: one page, plus the tag lists.
    expect(requests).toEqual(['GetDimensionValues', 'GetTags', 'GetTags']);
    c.destroy();
  });
});

describe('failures', () => {
  const input = { TimePeriod: october, Granularity: 'MONTHLY' as const, Metrics: ['UnblendedCost'] };

  it('retries throttling with backoff, then succeeds; only the answered request is billed', async () => {
    const c = client();
    double.failNext('GetCostAndUsage', { type: 'LimitExceededException', message: 'Rate exceeded' }, 2);
    const answer = await c.getCostAndUsage(input);
    expect(amount(tableTotal(toCostTable(answer)))).toBe(fromUnits(sumRows(rows)));
    expect(double.count('GetCostAndUsage')).toBe(3);
    expect(requests).toEqual(['GetCostAndUsage']);
    c.destroy();
  });

  it('says so when throttling outlasts the retries', async () => {
    const c = client({ maxAttempts: 2 });
    double.failNext('*', { type: 'LimitExceededException', message: 'Rate exceeded' }, 5);
    const error = await failure(c.getCostAndUsage(input));
    expect(error.problem).toMatchObject({
      kind: 'throttled',
      message: 'AWS is throttling Cost Explorer requests (gave up after 2 attempts).',
    });
    expect(error.toJSON().code).toBe('UNAVAILABLE');
    expect(double.count()).toBe(2);
    expect(requests).toEqual([]);
    c.destroy();
  });

  it.each([
    ['DataUnavailableException', 'not-enabled'],
    ['BillExpirationException', 'bill-expired'],
    ['AccessDeniedException', 'access-denied'],
    ['ExpiredTokenException', 'credentials'],
    ['UnrecognizedClientException', 'credentials'],
  ])('maps %s to %s', async (type, kind) => {
    const c = client();
    double.failNext('GetCostAndUsage', { type, message: `${type} from the double` });
    expect((await failure(c.getCostAndUsage(input))).problem.kind).toBe(kind);
    c.destroy();
  });

  it('says "no network" when nothing listens', async () => {
    const c = createCostClient({ endpoint: 'http://127.0.0.1:9', credentials: testCredentials, maxAttempts: 1 });
    const error = await failure(c.getCostAndUsage(input));
    expect(error.problem).toMatchObject({
      kind: 'network',
      message: 'No network: the connection failed (ECONNREFUSED).',
    });
    c.destroy();
  });

  describe('with a profile that does not exist', () => {
    const saved = { ...process.env };
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cockpit-aws-'));
      writeFileSync(join(dir, 'config'), '[profile other]\nregion = us-east-1\n');
      writeFileSync(join(dir, 'credentials'), '');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      // No instance metadata lookups from a test machine.
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_SESSION_TOKEN;
      delete process.env.AWS_PROFILE;
    });
    afterAll(() => {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    });

    it('names the profile and how to add it, and sends nothing', async () => {
      const c = createCostClient({ endpoint: double.endpoint, profile: 'acme-billing', maxAttempts: 1 });
      const error = await failure(c.getCostAndUsage(input));
      expect(error.problem).toMatchObject({
        kind: 'credentials',
        message: 'No AWS credentials found for profile "acme-billing".',
      });
      expect(error.problem.hint).toMatch(/aws configure sso --profile acme-billing/);
      expect(double.count()).toBe(0);
      c.destroy();
    });
  });
});
