/**
 * The health feature inside a real backend context: the journal's database, the workspace service, the demo's
 * sandbox processes, the scheduler on the real clock. A user's story: open the demo, see it up; break a service,
 * see it down with the reason and the last deploy, get told once (desktop + journal); heal it, get told it
 * recovered; open another workspace and the demo's processes are gone.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoPorts, freeDemoPorts } from '../demo/testing/demo-workspace';
import { type HealthFeature, createHealthFeature } from './feature';
import { type HealthTestContext, createHealthTestContext } from './testing/feature-context';

const wait = { timeout: 15_000, interval: 50 };

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('health in the app: the demo broken and healed', () => {
  let ports: DemoPorts;
  let t: HealthTestContext;
  let feature: HealthFeature;

  beforeAll(async () => {
    ports = await freeDemoPorts();
    t = createHealthTestContext({ background: true, ports });
    t.markers.push({
      at: new Date(Date.now() - 12 * 60_000).toISOString(),
      service: 'shop',
      environment: 'production',
      kind: 'deploy',
      release: '8b71ff7',
      result: 'healthy',
      label: 'deploy 8b71ff7 by ana',
      actor: 'ana',
    });
    feature = createHealthFeature(t.context, { sampleEveryMs: 200, env: {} });
    await t.workspace.openDemo();
  });
  afterAll(async () => {
    await feature?.close();
    await t?.close();
  });

  const overview = async () => await feature.handlers['health.overview']({});

  it('runs the demo services and shows every service up, with no alert', async () => {
    await vi.waitFor(async () => {
      const status = await feature.handlers['demo.status']({});
      expect(status.instances.map((i) => i.state)).toEqual(['running', 'running', 'running']);
    }, wait);
    await vi.waitFor(
      async () => expect((await overview()).verdict).toMatchObject({ status: 'up', title: 'All services up' }),
      wait,
    );
    const o = await overview();
    expect(o.watching).toBe(true);
    expect(o.services.map((s) => `${s.service}@${s.environment}:${s.status}`)).toEqual([
      'shop@staging:up',
      'shop@production:up',
      'api@production:up',
    ]);
    expect(t.eventsOf('health.status').at(-1)?.worst).toBe('up');
    expect(t.eventsOf('health.sample').length).toBeGreaterThan(0);
    expect(t.notices).toEqual([]);
  });

  it('answers a deploy gate with the named checks run now', async () => {
    const gate = await t.context.capabilities.checkHealth({
      service: 'shop',
      environment: 'production',
      checkIds: ['ready'],
    });
    expect(gate).toMatchObject({ ok: true });
    expect(gate.detail).toMatch(/^ready: up \(200 in [\d.]+ ms\)$/);
  });

  it('breaking a service turns it down with the reason and the last deploy, and alerts once', async () => {
    const status = await feature.handlers['demo.break']({ service: 'shop', environment: 'production', mode: 'down' });
    expect(status.instances.find((i) => i.environment === 'production' && i.service === 'shop')?.mode).toBe('down');
    await vi.waitFor(() => expect(t.notices).toHaveLength(1), wait);
    expect(t.notices[0]).toMatchObject({ title: 'shop (production) is down', severity: 'critical', route: 'health' });
    expect(t.notices[0]?.body).toMatch(
      /^shop: \/health\/ready 503( for [\d.]+ (ms|s))?\nLast deploy 12 min ago: 8b71ff7 by ana$/,
    );

    const o = await overview();
    expect(o.worst).toBe('down');
    expect(o.services[0]).toMatchObject({ service: 'shop', environment: 'production', status: 'down' });
    expect(o.verdict.title).toBe('shop is down in production');
    expect(o.verdict.detail).toMatch(
      /^503 from \/health\/ready( for [\d.]+ (ms|s))? · last deploy 12 min ago: 8b71ff7 by ana$/,
    );
    expect(t.eventsOf('health.alert').map((a) => a.kind)).toEqual(['down']);
    expect(t.eventsOf('health.status').some((e) => e.worst === 'down' && e.service?.service === 'shop')).toBe(true);

    const alerts = await feature.handlers['health.alerts']({ limit: 20 });
    expect(alerts.alerts.map((a) => a.title)).toEqual(['shop (production) is down']);
    await vi.waitFor(() => {
      const journalled = t.journal.list({ kind: 'health.alert', limit: 5 }).actions;
      expect(journalled[0]).toMatchObject({ title: 'shop (production) is down', status: 'succeeded' });
      expect(journalled[0]?.summary).toMatch(/Told: desktop\.$/);
    }, wait);
    const broke = t.journal.list({ kind: 'demo.break', limit: 1 }).actions[0];
    expect(broke).toMatchObject({ title: 'Break shop in production (demo)', status: 'succeeded' });
    expect(broke?.summary).toBe('Broke shop in production (demo): readiness answers 503 and pages 500 until healed');
  });

  it('healing it recovers with exactly one "recovered" alert', async () => {
    await feature.handlers['demo.heal']({ service: 'shop', environment: 'production' });
    await vi.waitFor(async () => expect((await overview()).verdict.status).toBe('up'), wait);
    await vi.waitFor(() => expect(t.notices).toHaveLength(2), wait);
    expect(t.notices[1]).toMatchObject({ title: 'shop (production) recovered', severity: 'info' });
    expect(t.eventsOf('health.alert').map((a) => a.kind)).toEqual(['down', 'recovered']);
  });

  it('shows each check with uptime, its history with deploy markers, and the SLO', async () => {
    const { checks } = feature.handlers['health.checks']({ service: 'shop' }) as Awaited<
      ReturnType<HealthFeature['handlers']['health.checks']>
    >;
    const ready = checks.find((c) => c.key === 'shop/ready@production');
    expect(ready).toMatchObject({ status: 'up', critical: true, everyMs: 1_000, everyFailingMs: 200, retries: 1 });
    expect(ready?.uptime.day.percent).toBeGreaterThan(0);
    expect(ready?.uptime.day.percent).toBeLessThan(100);

    const answer = await feature.handlers['health.series']({
      service: 'shop',
      environment: 'production',
      checkId: 'ready',
      range: '1h',
    });
    expect(answer.series.points.some((p) => p.down > 0)).toBe(true);
    expect(answer.series.points.at(-1)?.up).toBe(1);
    expect(answer.markers.map((m) => m.release)).toEqual(['8b71ff7']);
    await expect(
      Promise.resolve().then(() =>
        feature.handlers['health.series']({ service: 'shop', environment: 'production', checkId: 'nope', range: '1h' }),
      ),
    ).rejects.toThrow('no check nope for shop in production');

    const { slos } = await feature.handlers['health.slo']({});
    expect(slos.map((s) => `${s.service}@${s.environment}`)).toEqual(['shop@staging', 'shop@production']);
    const production = slos.find((s) => s.environment === 'production');
    expect(production?.checks).toEqual(['shop/ready@production']);
    expect(production?.report.targetPercent).toBe(99);
    expect(production?.report.budgetUsedMs).toBeGreaterThan(0);
  });

  it('runs checks now and answers with what they found', async () => {
    const result = await feature.handlers['health.runNow']({ service: 'api', wait: true });
    expect(result.ran).toBe(1);
    expect(result.checks[0]).toMatchObject({ key: 'api/live@production', status: 'up' });
    expect(result.overview.watching).toBe(true);
  });

  it('says how alerts are sent, and what is not ready', async () => {
    expect(await feature.handlers['health.settings']({})).toMatchObject({
      desktop: true,
      slack: null,
      quietHours: null,
      quietNow: false,
      flap: { transitions: 4 },
    });
  });

  it('stops the demo processes when another workspace opens', async () => {
    const file = t.writeWorkspace('other.yaml', {
      version: 1,
      name: 'Other',
      environments: { production: {} },
      services: { site: { health: [{ id: 'up', tcp: `127.0.0.1:${ports.apiProduction}` }] } },
    });
    await t.workspace.open(file);
    await vi.waitFor(async () => expect((await feature.handlers['demo.status']({})).active).toBe(false), wait);
    expect(await accepts(ports.shopProduction)).toBe(false);
    await vi.waitFor(async () => expect((await overview()).services.map((s) => s.service)).toEqual(['site']), wait);
    await expect(
      feature.handlers['demo.break']({ service: 'shop', environment: 'production', mode: 'down' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('health in the CLI: nothing watched, one look on demand', () => {
  let ports: DemoPorts;
  let t: HealthTestContext;

  beforeAll(async () => {
    ports = await freeDemoPorts();
    t = createHealthTestContext({ background: false, ports });
  });
  afterAll(() => t?.close());

  it('runs no sandbox by itself, starts them when asked, checks once, and stops them on close', async () => {
    const feature = createHealthFeature(t.context, { env: {} });
    await t.workspace.openDemo();
    expect((await feature.handlers['demo.status']({})).instances).toEqual([]);
    const demo = await feature.startDemo();
    expect(demo.instances.map((i) => i.state)).toEqual(['running', 'running', 'running']);

    const result = await feature.handlers['health.runNow']({ wait: true });
    expect(result.ran).toBe(3);
    expect(result.overview).toMatchObject({ watching: false, worst: 'up' });
    expect(result.overview.verdict.title).toBe('All services up');
    // Nothing was stored: the CLI's look is not history.
    expect(feature.monitor.series('shop/ready@production', 0, Date.now()).points).toEqual([]);

    await feature.close();
    expect(await accepts(ports.shopProduction)).toBe(false);
  });

  it('reads recent alerts back from the journal after a restart', async () => {
    const action = t.journal.begin({
      kind: 'health.alert',
      title: 'shop (production) is down',
      data: {
        alert: {
          id: 'a1',
          at: 1,
          service: 'shop',
          environment: 'production',
          kind: 'down',
          severity: 'critical',
          status: 'down',
          title: 'shop (production) is down',
          body: 'shop: /health/ready 503',
          reason: 'shop: /health/ready 503',
          recentChange: null,
          delayed: false,
        },
      },
    });
    action.succeed('told');
    const feature = createHealthFeature(t.context, { env: {} });
    expect((await feature.handlers['health.alerts']({ limit: 5 })).alerts.map((a) => a.id)).toEqual(['a1']);
    await feature.close();
  });
});
