import { describe, expect, it } from 'vitest';
import { type CheckRow, type HealthStatus } from '../../../shared/model/health';
import { groupInstances } from './instance-groups';

const uptime = { windowMs: 1, percent: 100, watchedMs: 1, downMs: 0, notWatchedMs: 0 };

function row(checkId: string, status: HealthStatus, host?: string, reason: string | null = null): CheckRow {
  return {
    key: `shop/${checkId}@production${host ? `#${host}` : ''}`,
    service: 'shop',
    environment: 'production',
    checkId,
    ...(host ? { host } : {}),
    kind: 'ssh',
    subject: 'curl -fsS localhost:8080/health',
    critical: false,
    status,
    since: null,
    reason,
    headline: null,
    latencyMs: null,
    lastRunAt: null,
    nextRunAt: null,
    consecutiveFailures: 0,
    flapping: false,
    everyMs: 30_000,
    everyFailingMs: 10_000,
    timeoutMs: 10_000,
    retries: 2,
    uptime: { day: uptime, week: uptime, month: uptime },
  };
}

describe('per-host instances on the Health screen', () => {
  it('shows one row per check, its hosts under it, and the worst host as the check status', () => {
    const entries = groupInstances([
      row('site', 'up'),
      row('ready', 'up', 'web-2'),
      row('ready', 'down', 'web-3', 'exit 7: curl: (7) Failed to connect'),
      row('ready', 'up', 'web-1'),
      row('disk', 'degraded'),
    ]);
    expect(
      entries.map((e) => (e.kind === 'single' ? e.check.checkId : `${e.checkId} (${e.instances.length})`)),
    ).toEqual(['site', 'ready (3)', 'disk']);
    const ready = entries[1];
    expect(ready?.kind === 'per-host' && ready.instances.map((c) => c.host)).toEqual(['web-1', 'web-2', 'web-3']);
    expect(ready).toMatchObject({
      status: 'down',
      summary: '2 of 3 hosts up · web-3: exit 7: curl: (7) Failed to connect',
    });
  });

  it('says when every host passes, or which are not checked yet', () => {
    expect(groupInstances([row('ready', 'up', 'a'), row('ready', 'up', 'b')])[0]).toMatchObject({
      status: 'up',
      summary: 'all 2 hosts up',
    });
    expect(groupInstances([row('ready', 'up', 'a'), row('ready', 'unknown', 'b')])[0]).toMatchObject({
      status: 'unknown',
      summary: '1 of 2 hosts up, 1 not checked yet',
    });
  });
});
