import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, methods } from '../../shared/api';
import { type Handlers, createDispatch } from '../api/dispatch';
import { EventBus } from '../api/events';
import { APP_INDEX_URL, APP_ORIGIN } from './app-protocol';
import { type IpcMainLike, type WebContentsLike, registerIpc } from './ipc';
import { type SenderEventLike, createAppUrlMatcher, createSenderCheck } from './sender-trust';

const indexFile = resolve('out', 'renderer', 'index.html');
const appUrl = `${APP_INDEX_URL}#/overview`;

type InvokeListener = (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = async (channel: string, event: SenderEventLike, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

function fakeWebContents(): WebContentsLike & { sent: [string, ...unknown[]][]; destroyed: boolean } {
  const contents = {
    sent: [] as [string, ...unknown[]][],
    destroyed: false,
    send: (channel: string, ...args: unknown[]) => void contents.sent.push([channel, ...args]),
    isDestroyed: () => contents.destroyed,
  };
  return contents;
}

/** The real dispatch over small fake handlers that record what ran. */
function setup(onCommandsReady?: (sender: unknown) => void) {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(methods).map((name) => [
      name,
      (input: unknown) => {
        ran.push(name);
        return name === 'app.settings' ? { theme: 'dark' } : { echoed: input };
      },
    ]),
  ) as unknown as Handlers; // every contract method has a handler; outputs are not checked by dispatch
  const dispatch = createDispatch(handlers);
  const events = new EventBus();
  const main = fakeWebContents();
  const other = fakeWebContents();
  const isTrustedSender = createSenderCheck({
    isAppUrl: createAppUrlMatcher({ appOrigin: APP_ORIGIN }),
    mainWebContents: () => main,
  });
  const fake = fakeIpcMain();
  const windows = [main];
  const dispose = registerIpc(fake.ipcMain, dispatch, isTrustedSender, events, () => windows, { onCommandsReady });
  const fromMain: SenderEventLike = { sender: main, senderFrame: { url: appUrl, parent: null } };
  return { ran, events, main, other, windows, fake, dispose, fromMain };
}

describe('registerIpc', () => {
  it('dispatches a valid call from the main window and returns its response', async () => {
    const { fake, fromMain, ran } = setup();
    await expect(
      fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 7, method: 'app.settings', input: {} }),
    ).resolves.toEqual({
      id: 7,
      ok: true,
      value: { theme: 'dark' },
    });
    expect(ran).toEqual(['app.settings']);
  });

  it('answers UNKNOWN_METHOD for a method the contract does not have', async () => {
    const { fake, fromMain, ran } = setup();
    const response = await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, {
      id: 1,
      method: 'shell.exec',
      input: { command: 'rm -rf /' },
    });
    expect(response).toMatchObject({ id: 1, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(ran).toEqual([]);
  });

  it('answers BAD_REQUEST for a bad payload or envelope, and the backend keeps working', async () => {
    const { fake, fromMain, ran } = setup();
    const badInput = await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, {
      id: 2,
      method: 'workspace.open',
      input: { path: 42 },
    });
    expect(badInput).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('path') },
    });
    const extraKey = await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, {
      id: 3,
      method: 'app.info',
      input: { admin: true },
    });
    expect(extraKey).toMatchObject({ id: 3, ok: false, error: { code: 'BAD_REQUEST' } });
    for (const garbage of [null, 'app.info', 42, { method: 'app.info' }, [1, 2]]) {
      expect(await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, garbage)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    const twoArgs = await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 4, method: 'app.info', input: {} }, 'extra');
    expect(twoArgs).toMatchObject({ id: 4, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(ran).toEqual([]);
    await expect(
      fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 5, method: 'app.info', input: {} }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('answers FORBIDDEN to untrusted senders, and the handler never runs', async () => {
    const { fake, main, other, ran } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const request = { id: 9, method: 'workspace.open', input: { path: '/etc/passwd' } };
    const untrusted: SenderEventLike[] = [
      { sender: main, senderFrame: { url: 'https://evil.example/', parent: null } }, // navigated away
      { sender: main, senderFrame: { url: pathToFileURL(indexFile).href, parent: null } }, // our files, but over file://
      { sender: main, senderFrame: { url: 'app://other/index.html', parent: null } }, // another host of the scheme
      { sender: main, senderFrame: { url: appUrl, parent: { url: appUrl } } }, // an iframe
      { sender: main, senderFrame: null }, // frame gone
      { sender: other, senderFrame: { url: appUrl, parent: null } }, // another window showing our page
    ];
    for (const event of untrusted) {
      expect(await fake.invoke(IPC_INVOKE_CHANNEL, event, request)).toEqual({
        id: 9,
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      });
    }
    expect(ran).toEqual([]);
    warn.mockRestore();
  });

  it('forwards bus events on the event channel only, to live windows only', () => {
    const { events, main, other, windows } = setup();
    windows.push(other);
    other.destroyed = true;
    events.emit('app.command', { command: 'navigate', arg: 'health' });
    expect(main.sent).toEqual([
      [IPC_EVENT_CHANNEL, { event: 'app.command', payload: { command: 'navigate', arg: 'health' } }],
    ]);
    expect(other.sent).toEqual([]);
  });

  it('registers exactly one channel, and dispose removes it and stops forwarding events', async () => {
    const { fake, events, main, dispose, fromMain } = setup();
    expect([...fake.handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
    dispose();
    dispose();
    expect(fake.handlers.size).toBe(0);
    await expect(fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 1, method: 'app.info', input: {} })).rejects.toThrow(
      /No handler/,
    );
    events.emit('app.settingsChanged', { theme: 'light' });
    expect(main.sent).toEqual([]);
  });
});

describe('app.commandsReady over IPC', () => {
  it('tells the shell which page listens for commands, once dispatch has accepted the call', async () => {
    const ready = vi.fn<(sender: unknown) => void>();
    const { fake, fromMain, main, ran } = setup(ready);
    await expect(
      fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 1, method: 'app.commandsReady', input: {} }),
    ).resolves.toMatchObject({ ok: true });
    expect(ready).toHaveBeenCalledExactlyOnceWith(main);
    expect(ran).toEqual(['app.commandsReady']);
  });

  it('is not told about a refused, malformed or different call', async () => {
    const ready = vi.fn<(sender: unknown) => void>();
    const { fake, fromMain, other } = setup(ready);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 1, method: 'app.commandsReady', input: { all: true } });
    await fake.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: other, senderFrame: { url: appUrl, parent: null } },
      {
        id: 2,
        method: 'app.commandsReady',
        input: {},
      },
    );
    await fake.invoke(IPC_INVOKE_CHANNEL, fromMain, { id: 3, method: 'app.info', input: {} });
    expect(ready).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('createAppUrlMatcher', () => {
  it('accepts our app:// origin (any page, any route) and the dev server, nothing else', () => {
    const isApp = createAppUrlMatcher({ appOrigin: APP_ORIGIN, devServerUrl: 'http://localhost:5173/' });
    expect(isApp(appUrl)).toBe(true);
    expect(isApp(`${APP_INDEX_URL}?x=1`)).toBe(true);
    expect(isApp('app://cockpit')).toBe(true); // an origin, as permission checks give it
    expect(isApp('APP://Cockpit/index.html')).toBe(true); // Chromium lower-cases; we compare the same way
    expect(isApp('http://localhost:5173/#/cost')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('app://cockpit.evil/index.html')).toBe(false);
    expect(isApp('app://cockpit:8080/index.html')).toBe(false);
    expect(isApp('app://user@cockpit/index.html')).toBe(false);
    expect(isApp('application://cockpit/index.html')).toBe(false);
    expect(isApp(pathToFileURL(indexFile).href)).toBe(false); // file:// is not trusted any more
    expect(isApp('https://example.com/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(createAppUrlMatcher({ appOrigin: APP_ORIGIN })('http://localhost:5173/')).toBe(false);
  });
});
