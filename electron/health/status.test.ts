import { describe, expect, it } from 'vitest';
import { type CheckView } from '../../shared/model/health';
import { ServiceBoard, serviceStatus } from './status';
import { ago, humanDuration, humanLatency } from './words';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

function check(overrides: Partial<CheckView>): CheckView {
  return {
    key: 'checkout/ready@production',
    service: 'checkout',
    environment: 'production',
    checkId: 'ready',
    kind: 'http',
    subject: '/health/ready',
    critical: false,
    status: 'up',
    since: T0,
    reason: '200 in 12 ms',
    headline: '/health/ready: 200 in 12 ms',
    latencyMs: 12,
    lastRunAt: T0,
    nextRunAt: null,
    consecutiveFailures: 0,
    flapping: false,
    ...overrides,
  };
}

describe('reason wording', () => {
  it('says durations the way people do', () => {
    expect(humanDuration(800)).toBe('800 ms');
    expect(humanDuration(10_000)).toBe('10 s');
    expect(humanDuration(2_500)).toBe('2.5 s');
    expect(humanDuration(3 * 60_000 + 20_000)).toBe('3 min');
    expect(humanDuration(2 * 3_600_000)).toBe('2 h');
    expect(humanDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(humanDuration(5 * 86_400_000)).toBe('5 days');
    expect(ago(12 * 60_000)).toBe('12 min ago');
    expect(ago(3_000)).toBe('just now');
    expect(humanLatency(1_234)).toBe('1.2 s');
    expect(humanLatency(45.3)).toBe('45 ms');
  });

  it('names the service, what failed and for how long: "checkout: /health/ready 503 for 3 min"', () => {
    const ready = check({ critical: true, status: 'down', since: T0, headline: '/health/ready 503' });
    const status = serviceStatus('checkout', 'production', [ready, check({ key: 'other' })], T0 + 3 * 60_000);
    expect(status.status).toBe('down');
    expect(status.reason).toBe('checkout: /health/ready 503 for 3 min');
  });

  it('counts the other failing checks without listing them all', () => {
    const a = check({ key: 'a', critical: true, status: 'down', since: T0, headline: '/health/ready 503' });
    const b = check({
      key: 'b',
      status: 'degraded',
      since: T0,
      headline: 'api.acme.com:443: certificate expires in 5 days',
    });
    const c = check({ key: 'c', status: 'down', since: T0, headline: 'db-1:5432: connection refused by db-1:5432' });
    expect(serviceStatus('checkout', 'production', [a, b, c], T0 + 60_000).reason).toBe(
      'checkout: /health/ready 503 for 1 min (and 2 more checks failing)',
    );
  });
});

describe('a service status is the worst of its checks', () => {
  it('is down only when a critical check is down', () => {
    expect(serviceStatus('s', 'e', [check({ critical: true, status: 'down' })], T0).status).toBe('down');
    expect(serviceStatus('s', 'e', [check({ critical: false, status: 'down' })], T0).status).toBe('degraded');
  });

  it('is degraded when any check is degraded, and up when all pass', () => {
    expect(serviceStatus('s', 'e', [check({}), check({ status: 'degraded', critical: true })], T0).status).toBe(
      'degraded',
    );
    const up = serviceStatus('s', 'e', [check({}), check({ key: 'x' })], T0);
    expect(up).toMatchObject({ status: 'up', reason: 'all 2 checks passing' });
  });

  it('is unknown while no check has a result', () => {
    const none = serviceStatus('s', 'e', [check({ status: 'unknown', since: null })], T0);
    expect(none).toMatchObject({ status: 'unknown', reason: 'not checked yet' });
    const partial = serviceStatus('s', 'e', [check({}), check({ key: 'x', status: 'unknown' })], T0);
    expect(partial).toMatchObject({ status: 'up', reason: 'its check passing, 1 not checked yet' });
  });

  it('keeps since-when across updates and reports only real changes', () => {
    const board = new ServiceBoard();
    expect(board.update('s', 'e', [check({ status: 'unknown' })], T0)?.next).toMatchObject({
      status: 'unknown',
      since: null,
    });
    expect(board.update('s', 'e', [check({})], T0 + 1000)?.next).toMatchObject({ status: 'up', since: T0 + 1000 });
    expect(board.update('s', 'e', [check({ latencyMs: 30 })], T0 + 2000)).toBeUndefined();
    const down = board.update('s', 'e', [check({ status: 'down', critical: true, since: T0 + 3000 })], T0 + 3000);
    expect(down?.previous?.status).toBe('up');
    expect(down?.next).toMatchObject({ status: 'down', since: T0 + 3000 });
    expect(
      board.update('s', 'e', [check({ status: 'down', critical: true, flapping: true })], T0 + 4000)?.next.flapping,
    ).toBe(true);
  });
});
