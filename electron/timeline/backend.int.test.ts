/**
 * The one timeline through the real backend, as the Timeline screen asks for it: a real deploy on local hosts, a
 * health change the health feature stored and the alert it journaled show on one axis, in the order they happened,
 * and a source that breaks leaves the others standing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Timeline } from '../../shared/model/timeline';
import { journalAlert } from '../alerts/journal';
import { type Backend, createBackend } from '../backend';
import { type TestShop, createTestShop } from '../deploys/testing/shop';
import { isHealthFeature } from '../health/feature';
import { log } from '../log';

let shop: TestShop | undefined;
let backend: Backend | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await backend?.close();
  backend = undefined;
  await shop?.close();
  shop = undefined;
});

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const response = await b.dispatch({ id: 1, method, input });
  if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
  return response.value as T;
}

describe('the timeline through the backend', () => {
  it('shows a deploy, the health change after it and the alert on one timeline, in order', async () => {
    shop = await createTestShop();
    const b = await createBackend({
      dataDir: shop.dataDir,
      transport: 'websocket',
      workspacePath: shop.workspaceFile,
      watch: false,
      background: false,
    });
    backend = b;
    const { runId } = await call<{ runId: string }>(b, 'deploys.start', {
      service: 'app',
      environment: 'production',
      release: { ref: 'v1.1.0' },
    });
    expect((await b.features.deploys.runs.wait(runId)).status).toBe('succeeded');

    const at = Date.now();
    const health = b.features.health;
    if (!isHealthFeature(health)) throw new Error('the backend has no health feature');
    health.monitor.store.insertTransition({
      key: 'app/ready@production',
      at,
      from: 'up',
      to: 'down',
      reason: 'HTTP 503 from /ready',
      flapping: false,
    });
    journalAlert(
      b.journal,
      {
        id: 'a1',
        at: at + 500,
        service: 'app',
        environment: 'production',
        kind: 'degraded',
        severity: 'warning',
        status: 'degraded',
        title: 'app is degraded in production',
        body: 'app: ready HTTP 503 from /ready',
        reason: 'app: ready HTTP 503 from /ready',
        recentChange: 'last deploy 0 min ago: v1.1.0',
        delayed: false,
      },
      { told: ['desktop'], failed: [] },
    );

    const timeline = await call<Timeline>(b, 'timeline.list', {
      since: '1h',
      until: new Date(at + MINUTE_MS).toISOString(),
    });
    expect(timeline.entries.map((e) => [e.kind, e.title])).toEqual([
      ['deploy', 'Deploy v1.1.0 to app in production — healthy'],
      // `ready` is not critical in this workspace: failing, it degrades the service.
      ['health', 'app degraded in production'],
      ['alert', 'Alert: app is degraded in production'],
    ]);
    expect(timeline.entries[0]).toMatchObject({ link: { route: 'deploys', id: runId }, tone: 'ok' });
    expect(timeline.services).toEqual(['app']);
    expect(timeline.environments).toEqual(['production']);

    const onlyHealth = await call<Timeline>(b, 'timeline.list', {
      since: '1h',
      kinds: ['health', 'alert'],
      until: new Date(at + MINUTE_MS).toISOString(),
    });
    expect(onlyHealth.entries.map((e) => e.kind)).toEqual(['health', 'alert']);

    // One source failing leaves the others standing.
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    b.context.contributions.timeline.push(() => {
      throw new Error('database is locked');
    });
    const still = await call<Timeline>(b, 'timeline.list', {
      since: '1h',
      until: new Date(at + MINUTE_MS).toISOString(),
    });
    expect(still.entries).toHaveLength(3);
    expect(logged).toHaveBeenCalled();

    await expect(call(b, 'timeline.list', { since: 'last week' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  }, 30_000);
});

const MINUTE_MS = 60_000;
