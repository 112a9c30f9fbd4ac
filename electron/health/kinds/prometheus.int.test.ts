import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusCheckSchema } from '../../../shared/workspace/health';
import { testContext } from '../testing/context';
import { type Loopback, httpServer } from '../testing/loopback';
import { type SandboxProcess, startSandbox } from '../testing/sandbox-process';
import { type CheckContext, createMemory } from './types';
import { prometheusKind } from './prometheus';

describe('the prometheus check scraping the sandbox service /metrics', () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_RELEASE: 'r-test' });
  });
  afterAll(() => sandbox?.stop());

  const traffic = async (path: string, n: number) => {
    for (let i = 0; i < n; i++) await (await fetch(`${sandbox.url}${path}`)).text();
  };

  it('computes the 5xx rate and p95 between two scrapes, and goes down when errors pass the limit', async () => {
    const check = prometheusCheckSchema.parse({
      id: 'errors',
      prometheus: { scrape: `${sandbox.url}/metrics`, maxErrorRate: '5%', maxP95: '1s' },
    });
    const memory = createMemory();
    const context = (): CheckContext => ({ ...testContext(), memory });

    await traffic('/', 20);
    const first = await prometheusKind.run(check, context());
    expect(first.status).toBe('up');
    expect(first.reason).toMatch(/^5xx 0\.0% of 20 requests, p95 [\d.]+ ms$/);

    // Break it: the next 10 requests to / answer 500; 30 more healthy ones to /health.
    await sandbox.break('down');
    await traffic('/', 10);
    await sandbox.heal();
    await traffic('/health', 30);
    const second = await prometheusKind.run(check, context());
    expect(second.status).toBe('down');
    expect(second.reason).toBe('5xx 25.0% of 40 requests since the last scrape (max 5%)');
    expect(second.metrics).toMatchObject({ requests: 40, errorRate: 25 });

    // Quiet since: nothing to judge, so up.
    const third = await prometheusKind.run(check, context());
    expect(third).toMatchObject({ status: 'up', reason: 'no requests since the last scrape' });
  });

  it('is degraded when p95 latency passes its limit', async () => {
    const check = prometheusCheckSchema.parse({
      id: 'latency',
      prometheus: { scrape: `${sandbox.url}/metrics`, maxP95: '100ms' },
    });
    const memory = createMemory();
    await prometheusKind.run(check, { ...testContext(), memory });
    await sandbox.break('slow', 300);
    await traffic('/', 3);
    await sandbox.heal();
    const outcome = await prometheusKind.run(check, { ...testContext(), memory });
    expect(outcome.status).toBe('degraded');
    expect(outcome.reason).toMatch(/^p95 [\d.]+ ms \(max 100 ms\)$/);
    expect(outcome.metrics?.p95Ms).toBeGreaterThan(250);
  });
});

// A loopback stand-in answering Prometheus's HTTP query API (/api/v1/query), not a Prometheus server.
describe('the prometheus check querying a loopback double of the Prometheus query API', () => {
  let prometheus: Loopback;
  const seen: string[] = [];
  beforeAll(async () => {
    prometheus = await httpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const query = url.searchParams.get('query') ?? '';
      seen.push(`${url.pathname} ${query}`);
      const vector = (series: Array<[Record<string, string>, string]>) =>
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: series.map(([metric, v]) => ({ metric, value: [1_767_000_000, v] })) },
        });
      res.setHeader('content-type', 'application/json');
      if (query === 'error_ratio')
        return res.end(
          vector([
            [{ job: 'api' }, '0.02'],
            [{ job: 'web' }, '0.12'],
          ]),
        );
      if (query === 'up') return res.end(vector([[{ __name__: 'up', job: 'api' }, '1']]));
      if (query === 'nothing') return res.end(vector([]));
      res.statusCode = 400;
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }));
    });
  });
  afterAll(() => prometheus?.close());

  const check = (query: string, limits: { max?: number; min?: number } = {}) =>
    prometheusCheckSchema.parse({ id: 'q', prometheus: { server: `${prometheus.url}/`, query, ...limits } });

  it('sends an instant query to /api/v1/query and checks every series against the limits', async () => {
    const ok = await prometheusKind.run(check('up', { min: 1 }), testContext());
    expect(ok).toMatchObject({ status: 'up', reason: 'value 1', metrics: { value: 1 } });
    expect(seen).toContain('/api/v1/query up');
    const high = await prometheusKind.run(check('error_ratio', { max: 0.05 }), testContext());
    expect(high).toMatchObject({ status: 'down', reason: '{job="web"} 0.12 above max 0.05' });
  });

  it('is down when the query matches nothing, or Prometheus rejects it', async () => {
    expect(await prometheusKind.run(check('nothing'), testContext())).toMatchObject({
      status: 'down',
      reason: 'query returned no data',
    });
    expect(await prometheusKind.run(check('rate(('), testContext())).toMatchObject({
      status: 'down',
      reason: 'Prometheus said bad_data: parse error at char 3',
    });
  });
});
