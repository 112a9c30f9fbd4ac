/**
 * A deploy that reached one host of two, through the whole backend on real local hosts (the deploys feature's test
 * shop): the deploys feature re-reads the hosts when the run ends, and health then calls the service degraded with
 * the split in words — in the verdict and in the service's row — until the fleet runs one release again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type HealthOverview } from '../../shared/model/health';
import { type Backend, createBackend } from '../backend';
import { type TestShop, createTestShop } from '../deploys/testing/shop';

let shop: TestShop | undefined;
let backend: Backend | undefined;

afterEach(async () => {
  await backend?.close();
  backend = undefined;
  await shop?.close();
  shop = undefined;
});

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const response = await b.dispatch({ id: 1, method, input });
  if (!response.ok) throw new Error(response.error.message);
  return response.value as T;
}

async function deploy(b: Backend, ref: string, hosts?: string[]): Promise<void> {
  const { runId } = await call<{ runId: string }>(b, 'deploys.start', {
    service: 'app',
    environment: 'production',
    release: { ref },
    ...(hosts ? { hosts } : {}),
  });
  expect((await b.features.deploys.runs.wait(runId)).status).toBe('succeeded');
  // As every window does when a run ends: the overview reads where each host stands now.
  await call(b, 'deploys.overview', {});
}

const checked = async (b: Backend) =>
  (await call<{ overview: HealthOverview }>(b, 'health.runNow', { wait: true })).overview;

describe('a split fleet in health', () => {
  it('is degraded with the hosts that differ, and up again once every host runs the same release', async () => {
    shop = await createTestShop();
    const b = await createBackend({
      dataDir: shop.dataDir,
      transport: 'websocket',
      workspacePath: shop.workspaceFile,
      watch: false,
      background: false,
    });
    backend = b;
    await deploy(b, 'v1.0.0');
    await vi.waitFor(async () => expect((await checked(b)).verdict.title).toBe('All services up'), { timeout: 10_000 });

    await deploy(b, 'v1.1.0', ['web-1']);
    await vi.waitFor(
      async () => {
        const overview = await checked(b);
        expect(overview.verdict).toMatchObject({
          status: 'degraded',
          title: 'app is degraded in production',
        });
        expect(overview.verdict.detail).toMatch(/^split: web-1 runs v1\.1\.0, web-2 runs v1\.0\.0 · last deploy /);
        expect(overview.services[0]).toMatchObject({
          status: 'degraded',
          reason: 'split: web-1 runs v1.1.0, web-2 runs v1.0.0',
        });
      },
      { timeout: 10_000 },
    );

    await deploy(b, 'v1.1.0', ['web-2']);
    await vi.waitFor(async () => expect((await checked(b)).verdict.title).toBe('All services up'), { timeout: 10_000 });
  });
});
