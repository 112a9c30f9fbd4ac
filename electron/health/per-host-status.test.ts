import { describe, expect, it } from 'vitest';
import { type CheckView, type ServiceHealth } from '../../shared/model/health';
import { buildOverview } from './overview';
import { serviceStatus } from './status';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

function instance(host: string, overrides: Partial<CheckView> = {}): CheckView {
  return {
    key: `shop/ready@production#${host}`,
    service: 'shop',
    environment: 'production',
    checkId: 'ready',
    host,
    kind: 'ssh',
    subject: 'curl -fsS localhost:8080/health',
    critical: true,
    status: 'up',
    since: T0 - 60_000,
    reason: 'ok',
    headline: `ready on ${host}: ok`,
    latencyMs: 40,
    lastRunAt: T0,
    nextRunAt: null,
    consecutiveFailures: 0,
    flapping: false,
    ...overrides,
  };
}

describe('per-host instances in service statuses, the Overview and alerts', () => {
  it('counts a per-host check once when it passes on every host', () => {
    const status = serviceStatus('shop', 'production', [instance('web-1'), instance('web-2')], T0);
    expect(status).toMatchObject({ status: 'up', reason: 'its check passing' });
  });

  it('counts other failing hosts of the same check as hosts, and other checks as checks', () => {
    const down = (host: string, minutes: number) =>
      instance(host, { status: 'down', since: T0 - minutes * 60_000, headline: `ready on ${host}: exit 7` });
    const other: CheckView = {
      ...instance('web-1'),
      key: 'shop/orders@production',
      checkId: 'orders',
      host: undefined,
      status: 'down',
      headline: 'orders: 503',
    };
    const status = serviceStatus(
      'shop',
      'production',
      [down('web-1', 5), down('web-2', 3), down('web-3', 1), other],
      T0,
    );
    expect(status.reason).toBe('shop: ready on web-1: exit 7 for 5 min (and 2 more hosts, 1 more check failing)');
  });

  it('names the failing host in the service reason (what alerts say) and in the Overview cause', () => {
    const down = instance('web-2', {
      status: 'down',
      since: T0 - 3 * 60_000,
      reason: 'exit 7: curl: (7) Failed to connect',
      headline: 'ready on web-2: exit 7: curl: (7) Failed to connect',
    });
    const checks = [instance('web-1'), down];
    const status = serviceStatus('shop', 'production', checks, T0);
    expect(status).toMatchObject({
      status: 'down',
      reason: 'shop: ready on web-2: exit 7: curl: (7) Failed to connect for 3 min',
    });
    const service: ServiceHealth = { ...status, since: T0 - 3 * 60_000 };
    const overview = buildOverview({
      at: T0,
      services: [service],
      checksOf: () => checks,
      lastDeploy: () => null,
      watching: true,
      problems: [],
    });
    expect(overview.services[0]?.cause).toBe('ready on web-2: exit 7: curl: (7) Failed to connect');
    expect(overview.verdict.detail).toBe('ready on web-2: exit 7: curl: (7) Failed to connect for 3 min');
  });
});
