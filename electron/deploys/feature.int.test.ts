/**
 * The deploys feature through the backend's contract, as the Deploys screen uses it: real local hosts with their
 * own homes, the real health gate (a loopback service that fails while a BROKEN release is live), runs in the
 * background with events to every client, protected environments refused without the typed name, and the demo's
 * first open seeding a release "made outside the app".
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { type Backend, createBackend } from '../backend';
import { type TestShop, createTestShop } from './testing/shop';

let shop: TestShop | undefined;
let backend: Backend | undefined;

afterEach(async () => {
  await backend?.close();
  backend = undefined;
  await shop?.close();
  shop = undefined;
});

async function open(options: { protectedEnv?: boolean } = {}) {
  shop = await createTestShop(options);
  backend = await createBackend({
    dataDir: shop.dataDir,
    transport: 'websocket',
    workspacePath: shop.workspaceFile,
    watch: false,
    background: false,
  });
  const events: RunEvent[] = [];
  const changed: string[] = [];
  backend.events.subscribe((m) => {
    if (m.event === 'deploys.run') events.push(m.payload as RunEvent);
    if (m.event === 'deploys.changed') changed.push((m.payload as { reason: string }).reason);
  });
  return { backend, shop, events, changed };
}

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const response = await b.dispatch({ id: 1, method, input });
  if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
  return response.value as T;
}

async function ended(b: Backend, runId: string) {
  return b.features.deploys.runs.wait(runId);
}

const version = (s: TestShop, host: string) => readFileSync(join(s.currentOf(host), 'VERSION'), 'utf8').trim();

describe('deploys feature', () => {
  it('offers the ready-made releases, deploys one in the background with live events, and shows it in history', async () => {
    const { backend: b, shop: s, events, changed } = await open();
    const sources = await call<{ choices: Array<{ label: string; release: { ref: string } }> }>(b, 'deploys.sources', {
      service: 'app',
    });
    expect(sources.choices.map((c) => c.label)).toEqual(['v2.0.0', 'v1.1.0', 'v1.0.0']);

    const plan = await call<{ hosts: string[] }>(b, 'deploys.plan', {
      service: 'app',
      environment: 'production',
      release: { ref: 'v1.0.0' },
    });
    expect(plan.hosts).toEqual(['web-1', 'web-2']);

    const { runId } = await call<{ runId: string }>(b, 'deploys.start', {
      service: 'app',
      environment: 'production',
      release: { ref: 'v1.0.0' },
    });
    expect((await ended(b, runId)).status).toBe('succeeded');
    expect(version(s, 'web-1')).toBe('v1.0.0');
    expect(version(s, 'web-2')).toBe('v1.0.0');
    expect(events.some((e) => e.type === 'output' && e.text.includes('restarted web-2'))).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run.ended', status: 'succeeded' });
    expect(changed).toContain('run-started');
    expect(changed).toContain('run-ended');

    const log = await call<{ run: { status: string }; events: RunEvent[] }>(b, 'deploys.runLog', { runId });
    expect(log.run.status).toBe('succeeded');

    const overview = await call<{ targets: Array<{ current: string | null; lastDeploy: { result: string } | null }> }>(
      b,
      'deploys.overview',
      {},
    );
    expect(overview.targets[0]?.current).toMatch(/v1\.0\.0$/);
    expect(overview.targets[0]?.lastDeploy?.result).toBe('healthy');
    // Health charts see the deploy as a marker.
    const markers = b.context.capabilities.deployMarkers({ since: new Date(0) });
    expect(markers.map((m) => m.label)).toContain('deploy v1.0.0 by ' + markers[0]?.actor);
  });

  it('rolls a release that fails its health gate back automatically, then rolls back by hand', async () => {
    const { backend: b, shop: s } = await open();
    const start = (ref: string) =>
      call<{ runId: string }>(b, 'deploys.start', { service: 'app', environment: 'production', release: { ref } });
    await ended(b, (await start('v1.0.0')).runId);
    await ended(b, (await start('v1.1.0')).runId);
    const bad = await ended(b, (await start('v2.0.0')).runId);
    expect(bad.status).toBe('failed');
    expect(version(s, 'web-1')).toBe('v1.1.0');
    expect(version(s, 'web-2')).toBe('v1.1.0');

    const history = await call<{ records: Array<{ ref: string | null; result: string }> }>(b, 'deploys.history', {
      service: 'app',
      environment: 'production',
    });
    expect(history.records[0]).toMatchObject({ ref: 'v2.0.0', result: 'rolled-back' });

    const options = await call<{ defaultTarget: string | null; options: Array<{ id: string; label: string }> }>(
      b,
      'deploys.rollbackOptions',
      { service: 'app', environment: 'production' },
    );
    expect(options.defaultTarget).toMatch(/v1\.0\.0$/);
    const { runId } = await call<{ runId: string }>(b, 'deploys.rollback', {
      service: 'app',
      environment: 'production',
    });
    expect((await ended(b, runId)).status).toBe('succeeded');
    expect(version(s, 'web-1')).toBe('v1.0.0');
  });

  it('lets a drill run practice deploys and rollbacks through the same runs, kept out of DORA', async () => {
    const { backend: b, shop: s, changed } = await open();
    const target = { service: 'app', environment: 'production' };
    await ended(
      b,
      (await call<{ runId: string }>(b, 'deploys.start', { ...target, release: { ref: 'v1.0.0' } })).runId,
    );
    const dora = () => call<{ deploys: number; failedChanges: number }>(b, 'deploys.dora', {});
    const before = await dora();
    const control = b.context.capabilities.deploys;
    const practice = { drillId: 'drill-1' };

    // v2.0.0 fails the real gate; for practice it reaches the hosts and stays there.
    const injected = await control.deploy({ ...target, release: { ref: 'v2.0.0' } }, practice);
    expect(b.features.deploys.runs.list().map((r) => r.runId)).toContain(injected.runId);
    const out = await injected.outcome;
    expect(out).toMatchObject({ runId: injected.runId, result: 'healthy' });
    expect(version(s, 'web-1')).toBe('v2.0.0');
    expect(version(s, 'web-2')).toBe('v2.0.0');
    expect(await control.currentByHost(target)).toEqual([
      { host: 'web-1', release: out.releaseId },
      { host: 'web-2', release: out.releaseId },
    ]);
    expect(changed).toContain('run-started');

    // The shop's readiness fails while any host runs v2.0.0: both hosts go back in one batch.
    const back = await control.rollback({ ...target, batch: 2 }, practice);
    expect((await back.outcome).result).toBe('healthy');
    expect(version(s, 'web-1')).toBe('v1.0.0');
    expect(control.cancel(back.runId)).toBe(false);

    const removed = await control.removeRelease({ ...target, release: out.releaseId ?? '', practice });
    expect(removed).toEqual({ removedOn: ['web-1', 'web-2'], problems: [] });
    expect(changed).toContain('practice-removed');

    expect(await dora()).toEqual(before);
    const overview = await call<{ targets: Array<{ lastDeploy: { ref: string | null } | null }> }>(
      b,
      'deploys.overview',
      {},
    );
    expect(overview.targets[0]?.lastDeploy?.ref).toBe('v1.0.0');
    const markers = b.context.capabilities.deployMarkers({ since: new Date(0) });
    expect(markers.filter((m) => m.practice).map((m) => m.kind)).toEqual(['deploy', 'rollback']);
  });

  it('refuses a protected environment unless its name is typed, in the backend', async () => {
    const { backend: b, shop: s } = await open({ protectedEnv: true });
    const input = { service: 'app', environment: 'production', release: { ref: 'v1.0.0' } };
    await expect(call(b, 'deploys.start', input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(b, 'deploys.start', { ...input, confirmation: 'prod' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(existsSync(s.currentOf('web-1'))).toBe(false);
    const { runId } = await call<{ runId: string }>(b, 'deploys.start', { ...input, confirmation: 'production' });
    expect((await ended(b, runId)).status).toBe('succeeded');
  });

  it("seeds the demo's hosts once with a release made outside the app, shown as external", async () => {
    shop = await createTestShop();
    backend = await createBackend({
      dataDir: shop.dataDir,
      transport: 'websocket',
      demo: true,
      watch: false,
      background: false,
    });
    const history = await call<{ records: Array<{ external: boolean; ref: string | null }>; current: string | null }>(
      backend,
      'deploys.history',
      { service: 'checkout', environment: 'staging' },
    );
    expect(history.current).toMatch(/v1\.4\.0$/);
    expect(history.records.some((r) => r.external)).toBe(true);
    const current = join(shop.dataDir, 'demo', 'hosts', 'demo-stg', 'checkout', 'current');
    expect(realpathSync(current)).toMatch(/v1\.4\.0$/);
    const sources = await call<{ choices: Array<{ label: string }> }>(backend, 'deploys.sources', {
      service: 'checkout',
    });
    expect(sources.choices.map((c) => c.label)).toEqual(['v1.6.0', 'v1.5.1', 'v1.5.0', 'v1.4.0']);
  });
});
