import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, events, methods } from '../../shared/api';
import { CockpitError, type RpcRequest, type RpcResponse } from '../../shared/rpc';
import { type IpcRendererLike, buildPreloadApi } from './preload-api';
import { parseBridgedMessage } from './rpc-call';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer that records every channel touched and answers invokes with `respond`. */
function fakeIpcRenderer(
  respond: (request: RpcRequest) => unknown = (request) => ({ id: request.id, ok: true, value: null }),
) {
  const channels: string[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const invokes: RpcRequest[] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      channels.push(channel);
      const request = args[0] as RpcRequest;
      invokes.push(request);
      return respond(request);
    },
    on: (channel, listener) => {
      channels.push(channel);
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel, listener) => {
      channels.push(channel);
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (message: unknown) => {
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: 'fake' }, message);
  };
  const listenerCount = () => listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0;
  return { ipc, channels, invokes, emit, listenerCount };
}

describe('buildPreloadApi', () => {
  it('exposes one function per contract method and `on`, nothing else', () => {
    const api = buildPreloadApi(fakeIpcRenderer().ipc) as unknown as Record<string, unknown>;
    const exposed: string[] = [];
    for (const [domain, value] of Object.entries(api)) {
      if (domain === 'on') continue;
      for (const [action, fn] of Object.entries(value as Record<string, unknown>)) {
        expect(typeof fn).toBe('function');
        exposed.push(`${domain}.${action}`);
      }
    }
    expect(exposed.sort()).toEqual(Object.keys(methods).sort());
    expect(typeof api.on).toBe('function');
    const domains = new Set(Object.keys(methods).map((name) => name.split('.')[0]));
    expect(Object.keys(api).sort()).toEqual([...domains, 'on'].sort());
  });

  it('sends the request envelope on the invoke channel and returns the value', async () => {
    const fake = fakeIpcRenderer((request) => ({ id: request.id, ok: true, value: { path: '/tmp/cockpit.yaml' } }));
    const api = buildPreloadApi(fake.ipc);
    await expect(api.workspace.browse({})).resolves.toEqual({ path: '/tmp/cockpit.yaml' });
    await api.workspace.open({ path: '/srv/infra/cockpit.yaml' });
    expect(fake.invokes).toEqual([
      { id: 1, method: 'workspace.browse', input: {} },
      { id: 2, method: 'workspace.open', input: { path: '/srv/infra/cockpit.yaml' } },
    ]);
    expect(new Set(fake.channels)).toEqual(new Set([IPC_INVOKE_CHANNEL]));
  });

  it('throws an error carrying the code when the backend answers ok:false', async () => {
    const fake = fakeIpcRenderer((request): RpcResponse => ({
      id: request.id,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no journal action with id x', details: { id: 'x' } },
    }));
    const api = buildPreloadApi(fake.ipc);
    const error = await api.journal.get({ id: 'x' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CockpitError);
    const cockpitError = error as CockpitError;
    expect(cockpitError.code).toBe('NOT_FOUND');
    expect(cockpitError.details).toEqual({ id: 'x' });
    // contextBridge keeps only the message: the code must be recoverable from it alone.
    expect(parseBridgedMessage(cockpitError.message)).toEqual({
      code: 'NOT_FOUND',
      message: 'no journal action with id x',
    });
  });

  it('turns a malformed response into an INTERNAL error instead of returning garbage', async () => {
    const api = buildPreloadApi(fakeIpcRenderer(() => 'not an envelope').ipc);
    await expect(api.app.info({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const fake = fakeIpcRenderer();
    const api = buildPreloadApi(fake.ipc);
    const on = api.on as unknown as (event: string, handler: (payload: unknown) => void) => () => void;
    expect(() => on('app.shell', () => {})).toThrow(/unknown event "app\.shell"/);
    expect(() => on('__proto__', () => {})).toThrow(/unknown event/);
    expect(fake.channels).toEqual([]);
  });

  it('fans events out by name through one shared listener, and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const api = buildPreloadApi(fake.ipc);
    const settingsA = vi.fn();
    const settingsB = vi.fn();
    const commands = vi.fn();
    const offA = api.on('app.settingsChanged', settingsA);
    const offB = api.on('app.settingsChanged', settingsB);
    const offCommands = api.on('app.command', commands);
    expect(fake.listenerCount()).toBe(1);

    fake.emit({ event: 'app.settingsChanged', payload: { theme: 'dark' } });
    fake.emit({ event: 'app.command', payload: { command: 'navigate', arg: 'cost' } });
    fake.emit('garbage');
    expect(settingsA).toHaveBeenCalledExactlyOnceWith({ theme: 'dark' });
    expect(settingsB).toHaveBeenCalledExactlyOnceWith({ theme: 'dark' });
    expect(commands).toHaveBeenCalledExactlyOnceWith({ command: 'navigate', arg: 'cost' });

    offA();
    offA(); // twice is harmless
    fake.emit({ event: 'app.settingsChanged', payload: { theme: 'light' } });
    expect(settingsA).toHaveBeenCalledTimes(1);
    expect(settingsB).toHaveBeenCalledTimes(2);

    offB();
    offCommands();
    expect(fake.listenerCount()).toBe(0);
    fake.emit({ event: 'app.command', payload: { command: 'open-workspace' } });
    expect(commands).toHaveBeenCalledTimes(1);
  });

  it('tells the main process once, when the page first subscribes to app.command, that it listens', async () => {
    const fake = fakeIpcRenderer();
    const api = buildPreloadApi(fake.ipc);
    api.on('app.settingsChanged', () => {});
    expect(fake.invokes).toEqual([]); // other events: nothing to tell
    const off = api.on('app.command', () => {});
    api.on('app.command', () => {});
    await Promise.resolve();
    expect(fake.invokes).toEqual([{ id: 1, method: 'app.commandsReady', input: {} }]);
    // The listener is attached before main hears "ready", so the first flushed command is not missed.
    expect(fake.listenerCount()).toBe(1);
    off();

    // A reload runs the preload again: the new page says so again.
    const reloaded = fakeIpcRenderer();
    buildPreloadApi(reloaded.ipc).on('app.command', () => {});
    expect(reloaded.invokes).toEqual([{ id: 1, method: 'app.commandsReady', input: {} }]);
  });

  it('keeps delivering to other handlers when one throws', () => {
    const fake = fakeIpcRenderer();
    const api = buildPreloadApi(fake.ipc);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    api.on('app.settingsChanged', () => {
      throw new Error('boom');
    });
    api.on('app.settingsChanged', after);
    fake.emit({ event: 'app.settingsChanged', payload: { theme: 'system' } });
    expect(after).toHaveBeenCalledOnce();
    quiet.mockRestore();
  });

  it('uses only the two cockpit channels, whatever the page calls', async () => {
    const fake = fakeIpcRenderer();
    const api = buildPreloadApi(fake.ipc);
    const off = api.on('workspace.changed', () => {});
    for (const name of Object.keys(methods)) {
      const [domain = '', action = ''] = name.split('.');
      const client = api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      await client[domain]?.[action]?.({});
    }
    for (const name of Object.keys(events)) api.on(name as keyof typeof events, () => {})();
    off();
    expect(new Set(fake.channels)).toEqual(new Set([IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL]));
  });
});
