/** The health history's answer before a rollback marks the release it leaves: did failing start while it was live? */
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../journal/sqlite';
import { healthEvidence } from './evidence';
import { HealthStore } from './store';
import { migrateHealth } from './store-schema';

const dbs: Database[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function newStore(): HealthStore {
  const db = new Database(':memory:');
  dbs.push(db);
  migrateHealth(db);
  return new HealthStore(db);
}

const at = (hhmmss: string) => Date.parse(`2026-03-10T${hhmmss}Z`);
const HTTP = 'checkout/http@production';
const DB = 'checkout/db@production';

function goes(store: HealthStore, key: string, when: string, to: 'up' | 'down', reason = to === 'up' ? 'ok' : '503') {
  store.insertTransition({ key, at: at(when), from: to === 'up' ? 'down' : 'up', to, reason, flapping: false });
}

const ask = (store: HealthStore, extra: { excluding?: Array<{ from: Date; to: Date }> } = {}) =>
  healthEvidence(
    store,
    { service: 'checkout', environment: 'production', since: new Date(at('10:00:00')), ...extra },
    new Date(at('10:10:00')),
  );

// v1.6.0 was live from 10:01:30 (its switch) until its gate failed and it was rolled back at 10:02:00.
const v160 = { from: new Date(at('10:01:30')), to: new Date(at('10:02:00')) };

describe('health evidence for a release being rolled away from', () => {
  it('knows nothing when the service has no checks with history', () => {
    expect(ask(newStore())).toMatchObject({ kind: 'unknown', detail: 'no health history for checkout in production' });
  });

  it('names the first check that went down after the release went live', () => {
    const store = newStore();
    goes(store, HTTP, '09:00:00', 'up');
    goes(store, DB, '10:05:00', 'down', 'connection refused');
    goes(store, HTTP, '10:03:00', 'down', '503 from /health');
    expect(ask(store)).toEqual({
      kind: 'failing-after',
      failingSince: '2026-03-10T10:03:00.000Z',
      detail: 'http: 503 from /health',
    });
  });

  it('says the service was failing already when a check was down before the release went live', () => {
    const store = newStore();
    goes(store, DB, '09:50:00', 'down', 'connection refused');
    expect(ask(store)).toMatchObject({ kind: 'failing-before', detail: 'db: connection refused' });
  });

  it('sees no failure when every check stayed up', () => {
    const store = newStore();
    goes(store, HTTP, '09:00:00', 'up');
    goes(store, DB, '09:00:00', 'up');
    expect(ask(store)).toEqual({ kind: 'no-failure', failingSince: null, detail: '2 checks watched' });
  });

  it('does not hold a failure against the release while a later release was live and then rolled back', () => {
    const store = newStore();
    goes(store, HTTP, '10:01:40', 'down', '503 from /health');
    goes(store, HTTP, '10:02:10', 'up');
    // Without the span, v1.6.0's failure reads as this release's: the bug this window fixes.
    expect(ask(store).kind).toBe('failing-after');
    expect(ask(store, { excluding: [v160] })).toEqual({
      kind: 'no-failure',
      failingSince: null,
      detail: '1 check watched',
    });
  });

  it('still blames a failure that starts after the release is current again', () => {
    const store = newStore();
    goes(store, HTTP, '10:01:40', 'down', '503');
    goes(store, HTTP, '10:02:10', 'up');
    goes(store, HTTP, '10:04:00', 'down', 'timeout');
    expect(ask(store, { excluding: [v160] })).toEqual({
      kind: 'failing-after',
      failingSince: '2026-03-10T10:04:00.000Z',
      detail: 'http: timeout',
    });
  });

  it('holds a failure first seen just after the rollback against the release that was live when it began', () => {
    const store = newStore();
    // An error-rate check reports "5xx since the last scrape": its last look before was while v1.6.0 was live.
    const sample = (when: string, status: 'up' | 'down') =>
      store.insertSample({ key: HTTP, at: at(when), status, latencyMs: 5, reason: status, coverMs: 30_000 });
    sample('10:01:00', 'up');
    sample('10:01:45', 'up');
    sample('10:02:02', 'down');
    goes(store, HTTP, '10:02:02', 'down', '5xx 33% since the last scrape');
    sample('10:02:30', 'up');
    goes(store, HTTP, '10:02:30', 'up');
    expect(ask(store, { excluding: [v160] }).kind).toBe('no-failure');
    // The same failure, seen after a look that was already back on this release, is this release's.
    sample('10:03:00', 'up');
    sample('10:04:00', 'down');
    goes(store, HTTP, '10:04:00', 'down', '5xx 40% since the last scrape');
    expect(ask(store, { excluding: [v160] })).toMatchObject({
      kind: 'failing-after',
      failingSince: '2026-03-10T10:04:00.000Z',
    });
  });

  it('says a failure that began under the later release was still on when this one came back', () => {
    const store = newStore();
    goes(store, HTTP, '10:01:40', 'down', '503');
    expect(ask(store, { excluding: [v160] })).toEqual({
      kind: 'failing-before',
      failingSince: null,
      detail: 'http: 503',
      carriedOver: { from: '2026-03-10T10:01:30.000Z', to: '2026-03-10T10:02:00.000Z' },
    });
  });
});
