/** Closing the backend while requests come in: in-flight ones finish, late ones are refused in words. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RpcResponse } from '../../shared/rpc';
import { type Backend, createBackend } from '../backend';
import { type TestShop, createTestShop } from '../deploys/testing/shop';
import { CLOSING_MESSAGE, drainingDispatch } from './draining';

describe('a dispatch that drains on close', () => {
  it('lets a request in flight finish and refuses one that arrives after closing began', async () => {
    let finish: (response: RpcResponse) => void = () => {};
    const inner = vi.fn(
      (message: unknown) =>
        new Promise<RpcResponse>((resolve) => {
          finish = resolve;
          void message;
        }),
    );
    const gate = drainingDispatch(inner);
    const inFlight = gate.dispatch({ id: 1, method: 'app.info', input: {} });
    const drained = gate.drain(5_000);
    const late = await gate.dispatch({ id: 2, method: 'app.info', input: {} });
    expect(late).toEqual({
      id: 2,
      ok: false,
      error: { code: 'UNAVAILABLE', message: CLOSING_MESSAGE, details: { closing: true } },
    });
    expect(inner).toHaveBeenCalledTimes(1);
    let done = false;
    void drained.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    finish({ id: 1, ok: true, value: 'fine' });
    await drained;
    expect(await inFlight).toEqual({ id: 1, ok: true, value: 'fine' });
  });

  it('stops waiting for a request that never ends', async () => {
    const gate = drainingDispatch(() => new Promise<RpcResponse>(() => {}));
    void gate.dispatch({ id: 1, method: 'app.info', input: {} });
    const started = Date.now();
    await gate.drain(50);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('closing the backend', () => {
  let shop: TestShop | undefined;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.close();
    await shop?.close();
    vi.restoreAllMocks();
  });

  it('answers a request already running, refuses later ones with UNAVAILABLE, and never meets a closed journal', async () => {
    shop = await createTestShop();
    backend = await createBackend({
      dataDir: shop.dataDir,
      transport: 'websocket',
      workspacePath: shop.workspaceFile,
      watch: false,
      background: false,
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Reads every host (commands run): still going when closing begins.
    const history = backend.dispatch({
      id: 1,
      method: 'deploys.history',
      input: { service: 'app', environment: 'production' },
    });
    const closed = backend.close();
    const late = await backend.dispatch({ id: 2, method: 'journal.list', input: {} });
    expect(late).toMatchObject({ id: 2, ok: false, error: { code: 'UNAVAILABLE', message: CLOSING_MESSAGE } });
    expect(await history).toMatchObject({ id: 1, ok: true });
    await closed;
    // Only what closing could cause: a handler meeting the closed journal, or a request failing as closing began.
    const closingErrors = errors.mock.calls
      .map((c) => c.join(' '))
      .filter((line) => /not open|deploys\.history|journal\.list/.test(line));
    expect(closingErrors).toEqual([]);
  });
});
