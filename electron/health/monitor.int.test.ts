import { Database } from '../journal/sqlite';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Alert, type ServiceHealth } from '../../shared/model/health';
import { workspaceSchema } from '../../shared/workspace';
import { HealthMonitor } from './monitor';
import { migrateHealth } from './store-schema';
import { type Loopback, httpServer } from './testing/loopback';
import { type SandboxProcess, startSandbox } from './testing/sandbox-process';

/**
 * The whole loop with real parts: the sandbox service, the scheduler on the real clock (short intervals), SQLite,
 * the alert rules, a desktop notifier and a Slack webhook received by a loopback server. Waits are event-driven
 * (poll until seen, generous limit), never fixed sleeps.
 */
describe('health monitoring end to end: break the sandbox, get told, heal it, get told once', () => {
  let sandbox: SandboxProcess;
  let slack: Loopback;
  let db: Database;
  let monitor: HealthMonitor;
  const slackTexts: string[] = [];
  const desktop: Array<{ title: string; body: string; severity: string }> = [];
  const serviceEvents: ServiceHealth[] = [];
  const alerts: Alert[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_RELEASE: '8b71ff7' });
    slack = await httpServer((_req, res, body) => {
      slackTexts.push((JSON.parse(body) as { text: string }).text);
      res.end('ok');
    });
    db = new Database(':memory:');
    migrateHealth(db);
    const deployedAt = Date.now() - 12 * 60_000;
    monitor = new HealthMonitor({
      db,
      env: { DEMO_SLACK: `${slack.url}/services/demo` },
      desktopNotify: (n) => void desktop.push(n),
      recentDeploy: (service) =>
        service === 'sandbox' ? { at: deployedAt, release: '8b71ff7', by: 'ana' } : undefined,
      initialSpreadMs: 50,
      events: { service: (s) => serviceEvents.push(s), alert: (a) => alerts.push(a) },
    });
    const problems = monitor.setWorkspace(
      workspaceSchema.parse({
        version: 1,
        name: 'Demo',
        environments: { demo: { vars: { base: sandbox.url } } },
        services: {
          sandbox: {
            health: [
              {
                id: 'ready',
                http: '${base}/health/ready',
                critical: true,
                every: '300ms',
                everyFailing: '100ms',
                retries: 1,
              },
              { id: 'live', http: '${base}/health', every: '300ms' },
            ],
          },
        },
        alerts: { desktop: true, slack: { webhook: 'env:DEMO_SLACK' } },
      }),
    );
    expect(problems).toEqual([]);
    monitor.start();
  });

  afterAll(async () => {
    await monitor?.stop();
    db?.close();
    await slack?.close();
    await sandbox?.stop();
  });

  const status = () => monitor.services().find((s) => s.service === 'sandbox');

  it('shows the service up once its checks ran, without alerting', async () => {
    await vi.waitFor(() => expect(status()).toMatchObject({ status: 'up', reason: 'all 2 checks passing' }), {
      timeout: 10_000,
      interval: 50,
    });
    expect(alerts).toEqual([]);
  });

  it('runs named checks once on demand, for a deploy gate', async () => {
    const gate = await monitor.checkNow({ service: 'sandbox', environment: 'demo', checkIds: ['ready'] });
    expect(gate).toMatchObject({ ok: true });
    expect(gate.detail).toMatch(/^ready: up \(200 in [\d.]+ ms\)$/);
    expect(await monitor.checkNow({ service: 'sandbox', environment: 'demo', checkIds: ['nope'] })).toEqual({
      ok: false,
      detail: 'no check nope for sandbox in demo',
      misconfigured: true,
    });
  });

  it("lets go of the caller's signal once a gate question is answered", async () => {
    // A deploy asks many times under one run-long signal: each answer must take its listener with it.
    const run = new AbortController();
    for (let i = 0; i < 3; i++) {
      await monitor.checkNow({ service: 'sandbox', environment: 'demo', checkIds: ['ready'], signal: run.signal });
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('turns down with the reason in words and alerts Slack and the desktop once, naming the last deploy', async () => {
    await sandbox.break();
    await vi.waitFor(() => expect(slackTexts).toHaveLength(1), { timeout: 10_000, interval: 50 });
    expect(status()?.status).toBe('down');
    expect(status()?.reason).toMatch(/^sandbox: \/health\/ready 503( for [\d.]+ (ms|s))?$/);
    expect(slackTexts[0]).toContain('sandbox (demo) is down');
    expect(slackTexts[0]).toContain('sandbox: /health/ready 503');
    expect(slackTexts[0]).toContain('Last deploy 12 min ago: 8b71ff7 by ana');
    expect(desktop).toEqual([expect.objectContaining({ title: 'sandbox (demo) is down', severity: 'critical' })]);
    // The failure keeps being checked (every 100 ms) without another alert.
    const failures = () => monitor.checks().find((c) => c.checkId === 'ready')?.consecutiveFailures ?? 0;
    const runs = failures();
    await vi.waitFor(() => expect(failures()).toBeGreaterThan(runs + 2), {
      timeout: 10_000,
      interval: 50,
    });
    expect(slackTexts).toHaveLength(1);
  });

  it('recovers with exactly one "recovered" message, and keeps the history', async () => {
    await sandbox.heal();
    await vi.waitFor(() => expect(status()?.status).toBe('up'), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(slackTexts).toHaveLength(2), { timeout: 10_000, interval: 50 });
    expect(slackTexts[1]).toContain('sandbox (demo) recovered');
    expect(alerts.map((a) => a.kind)).toEqual(['down', 'recovered']);
    expect(serviceEvents.map((s) => s.status)).toEqual(['up', 'down', 'up']);

    const now = Date.now();
    const points = monitor.series('sandbox/ready@demo', now - 3_600_000, now).points;
    expect(points.some((p) => p.down === 1)).toBe(true);
    expect(points.at(-1)?.up).toBe(1);
    const day = monitor.uptimes('sandbox/ready@demo').day;
    expect(day.percent).toBeGreaterThan(0);
    expect(day.percent).toBeLessThan(100);
  });
});
