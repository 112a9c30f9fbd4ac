import { Database } from '../journal/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CostCache, FRESH_FOR_MS } from './cache';
import { type CostOperation } from './client';
import { forecastInput, queryKey, usageInput } from './query';
import { createCostTables } from './schema';

let db: Database;
let cache: CostCache;

beforeEach(() => {
  db = createCostTables(new Database(':memory:'));
  cache = new CostCache(db);
});
afterEach(() => db.close());

const put = (key: string, fetchedAt: string, closed: boolean) =>
  cache.put(key, {
    account: 'a',
    operation: 'GetCostAndUsage',
    request: { q: key },
    response: { key },
    fetchedAt: new Date(fetchedAt),
    closed,
    pages: 1,
  });

describe('the cost cache', () => {
  it('keeps answers by key and replaces them on refresh', () => {
    put('k', '2026-11-20T08:00:00Z', false);
    expect(cache.get('k')).toMatchObject({
      response: { key: 'k' },
      fetchedAt: '2026-11-20T08:00:00.000Z',
      closed: false,
    });
    put('k', '2026-11-20T17:00:00Z', true);
    expect(cache.get('k')).toMatchObject({ fetchedAt: '2026-11-20T17:00:00.000Z', closed: true });
    expect(cache.get('other')).toBeUndefined();
  });

  it('serves the current month for 8 hours (AWS refreshes up to 3 times a day)', () => {
    put('k', '2026-11-20T08:00:00Z', false);
    const entry = cache.get('k');
    if (!entry) throw new Error('missing');
    expect(FRESH_FOR_MS).toBe(8 * 3600 * 1000);
    expect(cache.isFresh(entry, new Date('2026-11-20T15:59:59Z'))).toBe(true);
    expect(cache.isFresh(entry, new Date('2026-11-20T16:00:00Z'))).toBe(false);
  });

  it('never expires a closed month', () => {
    put('k', '2025-01-01T00:00:00Z', true);
    const entry = cache.get('k');
    if (!entry) throw new Error('missing');
    expect(cache.isFresh(entry, new Date('2026-11-20T00:00:00Z'))).toBe(true);
    expect(cache.prune(new Date('2026-11-20T00:00:00Z'))).toBe(0);
  });

  it('prices the requests of a UTC month at $0.01 each, replays free', () => {
    for (let i = 0; i < 7; i++) cache.recordRequest(new Date('2026-11-03T10:00:00Z'), 'a', 'GetCostAndUsage', false);
    cache.recordRequest(new Date('2026-11-30T23:59:59Z'), 'a', 'GetCostForecast', false);
    cache.recordRequest(new Date('2026-11-10T00:00:00Z'), 'demo', 'GetCostAndUsage', true);
    cache.recordRequest(new Date('2026-12-01T00:00:00Z'), 'a', 'GetCostAndUsage', false);
    cache.recordRequest(new Date('2026-10-31T23:59:59Z'), 'a', 'GetCostAndUsage', false);
    expect(cache.apiSpend('2026-11')).toEqual({ month: '2026-11', requests: 9, replayed: 1, cost: '0.08' });
    expect(cache.apiSpend('2027-01')).toEqual({ month: '2027-01', requests: 0, replayed: 0, cost: '0' });
  });

  it("prunes what no view can ask for again: yesterday's current month, forecast and pickers", () => {
    const keep = (operation: CostOperation, request: unknown, closed = false) => {
      const key = queryKey('a', operation, request);
      cache.put(key, { account: 'a', operation, request, response: {}, fetchedAt: new Date(), closed, pages: 1 });
      return key;
    };
    const service = { kind: 'service' } as const;
    // Asked on November 19th and 20th: the current month up to tomorrow, the rest of the month's forecast.
    const novemberOn19 = keep('GetCostAndUsage', usageInput({ month: '2026-11', groupBy: service }, '2026-11-19'));
    const novemberOn20 = keep('GetCostAndUsage', usageInput({ month: '2026-11', groupBy: service }, '2026-11-20'));
    const forecastOn19 = keep('GetCostForecast', forecastInput({ start: '2026-11-19', end: '2026-12-01' }));
    const forecastOn20 = keep('GetCostForecast', forecastInput({ start: '2026-11-20', end: '2026-12-01' }));
    const pickersOn19 = keep('GetDimensionValues', { TimePeriod: { Start: '2026-09-01', End: '2026-11-20' } });
    // October still marked estimated (its request never changes), September closed.
    const october = keep('GetCostAndUsage', usageInput({ month: '2026-10', groupBy: service }, '2026-11-20'));
    const september = keep('GetCostAndUsage', usageInput({ month: '2026-09', groupBy: service }, '2026-11-20'), true);
    // Asked on the last day of a month: the whole month, the same request it is asked with once it has ended.
    const augustOn31 = keep('GetCostAndUsage', usageInput({ month: '2026-08', groupBy: service }, '2026-08-31'));

    expect(cache.prune(new Date('2026-11-20T23:59:00Z'))).toBe(3);
    for (const gone of [novemberOn19, forecastOn19, pickersOn19]) expect(cache.get(gone)).toBeUndefined();
    for (const kept of [novemberOn20, forecastOn20, october, september, augustOn31])
      expect(cache.get(kept)).toBeDefined();
    expect(cache.prune(new Date('2026-11-20T23:59:00Z'))).toBe(0);
  });
});
