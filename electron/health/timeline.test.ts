import { afterEach, describe, expect, it } from 'vitest';
import { type Alert, type HealthStatus } from '../../shared/model/health';
import { journalAlert } from '../alerts/journal';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { HealthStore } from './store';
import { healthTimeline } from './timeline';

const clock = useClockJournal(afterEach);
const range = { from: T0, to: T0 + HOUR };
const planned = [
  { key: 'checkout/ready@production', critical: true },
  { key: 'checkout/latency@production', critical: false },
  { key: 'auth/live@staging', critical: true },
];

function transitions(...list: Array<[string, number, HealthStatus, HealthStatus, string?]>) {
  const store = new HealthStore(clock.journal().db);
  for (const [key, minutes, from, to, reason] of list) {
    store.insertTransition({ key, at: T0 + minutes * MIN, from, to, reason: reason ?? to, flapping: false });
  }
}

const source = () => healthTimeline({ db: clock.journal().db, planned: () => planned });

describe('health on the timeline', () => {
  it('shows when a service went down, degraded and recovered — its status changes, not each check’s', async () => {
    transitions(
      ['checkout/ready@production', -90, 'unknown', 'up'],
      ['checkout/latency@production', -90, 'unknown', 'up'],
      // Learning at start-up (unknown → up) is not news.
      ['auth/live@staging', 2, 'unknown', 'up'],
      ['checkout/latency@production', 5, 'up', 'degraded', 'p95 1.8 s over 1 s'],
      ['checkout/ready@production', 10, 'up', 'down', 'HTTP 503 from /health/ready'],
      // Already down: a second check failing adds nothing.
      ['checkout/latency@production', 11, 'degraded', 'down', 'timed out'],
      ['checkout/ready@production', 20, 'down', 'up', 'HTTP 200'],
      ['checkout/latency@production', 25, 'down', 'up', 'HTTP 200'],
      ['checkout/ready@production', 70, 'up', 'down', 'after the range'],
    );
    const entries = await source()(range);
    expect(entries.map((e) => [e.at, e.title, e.tone, e.detail])).toEqual([
      [new Date(T0 + 5 * MIN).toISOString(), 'checkout degraded in production', 'warn', 'latency: p95 1.8 s over 1 s'],
      [
        new Date(T0 + 10 * MIN).toISOString(),
        'checkout down in production',
        'bad',
        'ready: HTTP 503 from /health/ready',
      ],
      // ready passes again, latency (not critical) still fails: degraded, not recovered.
      [new Date(T0 + 20 * MIN).toISOString(), 'checkout degraded in production', 'warn', 'ready passing again'],
      [new Date(T0 + 25 * MIN).toISOString(), 'checkout recovered in production', 'ok', 'latency passing again'],
    ]);
    expect(entries[1]).toMatchObject({
      kind: 'health',
      service: 'checkout',
      environment: 'production',
      endAt: null,
      link: { route: 'health', id: 'checkout/ready@production' },
    });
  });

  it('starts from where each check stood before the range, and names the host of a per-host check', async () => {
    transitions(
      ['checkout/ready@production#demo-prod-1', -30, 'up', 'down', 'HTTP 503'],
      ['checkout/ready@production#demo-prod-2', 15, 'up', 'down', 'HTTP 503'],
      ['checkout/ready@production#demo-prod-1', 30, 'down', 'up', 'HTTP 200'],
      ['checkout/ready@production#demo-prod-2', 31, 'down', 'up', 'HTTP 200'],
    );
    const entries = await source()(range);
    // Down since before the range: the second host failing is no change; both passing is the recovery.
    expect(entries.map((e) => [e.title, e.detail])).toEqual([
      ['checkout recovered in production', 'ready on demo-prod-2 passing again'],
    ]);
  });

  it('shows alerts as recorded: who was told, what failed to send, practice ones marked', async () => {
    const alert = (id: string, at: number, extra: Partial<Alert> = {}): Alert => ({
      id,
      at,
      service: 'checkout',
      environment: 'production',
      kind: 'down',
      severity: 'critical',
      status: 'down',
      title: 'checkout is down in production',
      body: 'checkout: /health/ready 503',
      reason: 'checkout: /health/ready 503',
      recentChange: null,
      delayed: false,
      ...extra,
    });
    clock.at(T0 + 11 * MIN);
    journalAlert(clock.journal(), alert('a1', T0 + 11 * MIN), { told: ['desktop'], failed: [] });
    clock.at(T0 + 21 * MIN);
    journalAlert(
      clock.journal(),
      alert('a2', T0 + 21 * MIN, { kind: 'recovered', status: 'up', title: 'checkout recovered in production' }),
      { told: [], failed: [{ notifier: 'slack', message: 'HTTP 404 from the webhook' }] },
    );
    clock.at(T0 + 40 * MIN);
    journalAlert(clock.journal(), alert('a3', T0 + 40 * MIN, { practice: { drillId: 'd1', delivered: false } }), {
      told: [],
      failed: [],
    });
    const alerts = (await source()(range)).filter((e) => e.kind === 'alert');
    expect(alerts.map((e) => [e.title, e.tone, e.practice])).toEqual([
      ['Alert: checkout is down in production', 'bad', false],
      ['Alert: checkout recovered in production (not sent to everyone)', 'bad', false],
      ['Alert: checkout is down in production', 'bad', true],
    ]);
    expect(alerts[0]?.detail).toContain('Told: desktop');
    expect(alerts[1]?.detail).toContain('Slack: HTTP 404 from the webhook');
    expect(alerts[0]).toMatchObject({
      service: 'checkout',
      environment: 'production',
      at: new Date(T0 + 11 * MIN).toISOString(),
    });
  });
});
