import { describe, expect, it } from 'vitest';
import { type CheckView, type ServiceHealth } from '../../shared/model/health';
import { buildOverview } from './overview';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const MIN = 60_000;

function check(service: string, environment: string, overrides: Partial<CheckView> = {}): CheckView {
  return {
    key: `${service}/ready@${environment}`,
    service,
    environment,
    checkId: 'ready',
    kind: 'http',
    subject: '/health/ready',
    critical: true,
    status: 'up',
    since: T0 - 60 * MIN,
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

function service(name: string, environment: string, overrides: Partial<ServiceHealth> = {}): ServiceHealth {
  return {
    service: name,
    environment,
    status: 'up',
    reason: 'its check passing',
    since: T0 - 60 * MIN,
    flapping: false,
    checks: [`${name}/ready@${environment}`],
    ...overrides,
  };
}

function overview(services: ServiceHealth[], checks: CheckView[], deploys: Record<string, string> = {}) {
  return buildOverview({
    at: T0,
    services,
    checksOf: (s, e) => checks.filter((c) => c.service === s && c.environment === e),
    lastDeploy: (s, e) => deploys[`${s}@${e}`] ?? null,
    watching: true,
    problems: [],
  });
}

describe('the Overview in words', () => {
  it('says "All services up" when every service passes', () => {
    const o = overview(
      [service('checkout', 'production'), service('auth', 'production')],
      [check('checkout', 'production'), check('auth', 'production')],
    );
    expect(o.verdict).toEqual({
      status: 'up',
      title: 'All services up',
      detail: '2 checks passing',
      service: null,
      environment: null,
    });
    expect(o.worst).toBe('up');
    expect(o.counts).toEqual({ up: 2, degraded: 0, down: 0, unknown: 0 });
  });

  it('puts what is broken first and says it in one line, with how long and the last deploy', () => {
    const down = check('checkout', 'production', {
      status: 'down',
      since: T0 - 3 * MIN,
      reason: '503 from /health/ready',
      headline: '/health/ready 503',
    });
    const o = overview(
      [
        service('auth', 'production'),
        service('checkout', 'staging'),
        service('checkout', 'production', {
          status: 'down',
          since: T0 - 3 * MIN,
          reason: 'checkout: /health/ready 503 for 3 min',
        }),
      ],
      [check('auth', 'production'), check('checkout', 'staging'), down],
      { 'checkout@production': 'last deploy 12 min ago: 8b71ff7 by ana' },
    );
    expect(o.services.map((s) => `${s.service}@${s.environment}`)).toEqual([
      'checkout@production',
      'auth@production',
      'checkout@staging',
    ]);
    expect(o.services[0]).toMatchObject({ cause: '503 from /health/ready', passing: 0, known: 1 });
    expect(o.verdict).toEqual({
      status: 'down',
      title: 'checkout is down in production',
      detail: '503 from /health/ready for 3 min · last deploy 12 min ago: 8b71ff7 by ana',
      service: 'checkout',
      environment: 'production',
    });
    expect(o.worst).toBe('down');
  });

  it('counts the others that fail too, and prefers down over degraded', () => {
    const o = overview(
      [
        service('auth', 'production', { status: 'degraded', reason: 'auth: slow' }),
        service('checkout', 'production', { status: 'down', since: T0, reason: 'checkout: 503' }),
        service('webhooks', 'production', { status: 'down', since: T0, reason: 'webhooks: refused' }),
      ],
      [
        check('auth', 'production', { status: 'degraded', reason: 'slow: 1.2 s (max 800 ms)' }),
        check('checkout', 'production', { status: 'down', since: T0, reason: '503 from /health/ready' }),
        check('webhooks', 'production', { status: 'down', since: T0, reason: 'connection refused by 127.0.0.1:7203' }),
      ],
    );
    expect(o.verdict.title).toBe('checkout is down in production, and 1 more service is down');
    expect(o.verdict.detail).toBe('503 from /health/ready');
  });

  it('is honest before the first results and when nothing is declared', () => {
    const waiting = overview(
      [service('checkout', 'production', { status: 'unknown', since: null, reason: 'not checked yet' })],
      [check('checkout', 'production', { status: 'unknown', since: null })],
    );
    expect(waiting.verdict).toMatchObject({ status: 'unknown', title: 'Not checked yet' });
    expect(waiting.worst).toBe('unknown');

    const partly = overview(
      [service('checkout', 'production'), service('auth', 'production', { status: 'unknown', since: null })],
      [check('checkout', 'production'), check('auth', 'production', { status: 'unknown', since: null })],
    );
    expect(partly.verdict).toMatchObject({
      status: 'unknown',
      title: 'All checked services up',
      detail: '1 check passing · 1 service not checked yet',
    });

    expect(overview([], []).verdict).toMatchObject({ status: 'unknown', title: 'No health checks declared' });
  });
});
