import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthSample } from '../../shared/model/health';
import { firstFailure } from './first-failure';
import { HealthStore } from './store';
import { migrateHealth } from './store-schema';
import { scheduledHttp } from './testing/checks';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
const S = 1_000;

const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function storeWith(samples: Array<[key: string, atSeconds: number, status: HealthSample['status']]>): HealthStore {
  const db = new Database(':memory:');
  dbs.push(db);
  migrateHealth(db);
  const store = new HealthStore(db);
  for (const [key, at, status] of samples) {
    store.insertSample({ key, at: T0 + at * S, status, latencyMs: 1, reason: status, coverMs: 5_000 });
  }
  return store;
}

const ready = scheduledHttp('ready', { critical: true, environment: 'staging' });
const latency = scheduledHttp('latency', { environment: 'staging' });
const readyOn = (host: string) => ({ ...ready, key: `${ready.key}#${host}`, host });
const ask = { service: 'checkout', environment: 'staging', from: T0, to: T0 + 600 * S };

describe('the first failing sample', () => {
  it('is the start of the streak going on now, not of an earlier failure that recovered', () => {
    const store = storeWith([
      [ready.key, 0, 'up'],
      [ready.key, 10, 'down'],
      [ready.key, 20, 'up'],
      [ready.key, 100, 'up'],
      [ready.key, 110, 'degraded'],
      [ready.key, 115, 'down'],
      [ready.key, 120, 'down'],
    ]);
    expect(firstFailure(store, [ready, latency], ask)).toBe(T0 + 110 * S);
  });

  it("follows the service's critical checks by default, and the named ones when asked", () => {
    const store = storeWith([
      [ready.key, 0, 'up'],
      [latency.key, 5, 'degraded'],
      [ready.key, 30, 'down'],
    ]);
    expect(firstFailure(store, [ready, latency], ask)).toBe(T0 + 30 * S);
    expect(firstFailure(store, [ready, latency], { ...ask, checkIds: ['latency'] })).toBe(T0 + 5 * S);
  });

  it('counts each host of a per-host check: the streak lasts until every host is up again', () => {
    const a = readyOn('web-1');
    const b = readyOn('web-2');
    const store = storeWith([
      [a.key, 0, 'up'],
      [b.key, 0, 'up'],
      [a.key, 10, 'down'],
      [b.key, 20, 'down'],
      [a.key, 30, 'up'], // web-2 still down: the streak goes on
      [a.key, 40, 'up'],
    ]);
    expect(firstFailure(store, [a, b], ask)).toBe(T0 + 10 * S);
    expect(firstFailure(store, [a, b], { ...ask, to: T0 + 25 * S })).toBe(T0 + 10 * S);
  });

  it('is null when everything is up at the end, or nothing was sampled', () => {
    const store = storeWith([
      [ready.key, 0, 'down'],
      [ready.key, 10, 'up'],
    ]);
    expect(firstFailure(store, [ready], ask)).toBeNull();
    expect(firstFailure(storeWith([]), [ready], ask)).toBeNull();
    expect(firstFailure(store, [ready], { ...ask, service: 'auth' })).toBeNull();
  });
});
