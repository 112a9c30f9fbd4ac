import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api';
import { createBackend } from '../backend';
import { contentSecurityPolicy } from '../security/csp';
import { APP_INDEX_URL } from './app-protocol';
import { type ShellBackendOptions } from './shell-backend';
import { type StartOptions, startApp } from './start';
import { type FakeBackend, type FakeElectron, createFakeBackend, createFakeElectron } from './testing/fake-electron';

// Real folders: the built renderer app:// serves, a data folder, and a workspace file to double-click.
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const rendererDir = join(scratch, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Reliability Cockpit</title>');
const infra = join(scratch, 'infra');
mkdirSync(infra);
const workspaceFile = join(infra, 'cockpit.yaml');
writeFileSync(workspaceFile, 'version: 1\n');

let fake: FakeElectron;
let backends: FakeBackend[];
let quiet: ReturnType<typeof vi.spyOn>[];

beforeEach(() => {
  backends = [];
  // The sequence logs what it does; the tests that care about a message spy on it themselves.
  quiet = [
    vi.spyOn(console, 'warn').mockImplementation(() => {}),
    vi.spyOn(console, 'log').mockImplementation(() => {}),
  ];
});
afterEach(() => {
  for (const spy of quiet) spy.mockRestore();
  vi.restoreAllMocks();
});

function launch(argv: string[] = ['/opt/cockpit/cockpit'], overrides: Partial<StartOptions> = {}, gotLock = true) {
  fake = createFakeElectron({ gotLock });
  const createBackend = vi.fn(async (options: ShellBackendOptions) => {
    fake.log.push('createBackend');
    const backend = createFakeBackend(fake.log, options);
    backends.push(backend);
    return backend;
  });
  const started = startApp(fake.electron, {
    createBackend,
    argv,
    env: {},
    cwd: '/opt/cockpit',
    platform: 'linux',
    dataDir: join(scratch, `data-${Math.random().toString(36).slice(2)}`),
    files: {
      preload: '/opt/cockpit/out/preload/index.cjs',
      rendererDir,
      iconsDir: '/opt/cockpit/resources/icons',
      appIcon: '/opt/cockpit/resources/icons/icon.png',
    },
    ...overrides,
  });
  return { started, createBackend };
}

/** Fires `ready` and waits for the start sequence to finish. */
async function ready(started: ReturnType<typeof launch>['started']) {
  fake.fireReady();
  if (!started.primary) throw new Error('expected the primary instance');
  await started.ready;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function backend(): FakeBackend {
  const [only] = backends;
  if (!only) throw new Error('no backend was created');
  return only;
}

/** The `app.command` events the window's page has been sent. */
function commandsSent() {
  return fake
    .window()
    .webContents.sent.filter(([channel]) => channel === IPC_EVENT_CHANNEL)
    .map(([, message]) => message as { event: string; payload: unknown })
    .filter((message) => message.event === 'app.command')
    .map((message) => message.payload);
}

/** The page calls `app.commandsReady`, as the preload does once the page subscribed to app.command. */
async function pageSubscribes() {
  const contents = fake.window().webContents;
  return fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, contents.asSender(), {
    id: 1,
    method: 'app.commandsReady',
    input: {},
  });
}

describe('startApp: the command line', () => {
  it('reads --workspace from an argv Chromium reordered and added switches to, relative to INIT_CWD', async () => {
    const { started, createBackend } = launch(
      [
        '/usr/lib/electron/electron',
        '--no-sandbox',
        '--allow-file-access-from-files',
        '.',
        '--workspace',
        'x.yaml',
        '--original-process-start-time=123',
      ],
      { env: { INIT_CWD: '/home/me/infra' } },
    );
    await ready(started);
    expect(createBackend).toHaveBeenCalledOnce();
    expect(backend().options).toMatchObject({
      transport: 'ipc',
      workspacePath: '/home/me/infra/x.yaml',
      demo: false,
    });
    // The same request went with the lock, in case another cockpit was already running.
    expect(fake.app.lockData).toEqual([{ workspace: '/home/me/infra/x.yaml', demo: false }]);
  });

  it('opens a cockpit.yaml passed as a plain argument (a file association launch), and --demo', async () => {
    const first = launch(['/opt/cockpit/cockpit', workspaceFile]);
    await ready(first.started);
    expect(backend().options).toMatchObject({ workspacePath: workspaceFile, demo: false });

    backends = [];
    const second = launch(['/opt/cockpit/cockpit', '--demo']);
    await ready(second.started);
    expect(backend().options).toMatchObject({ demo: true });
    expect(backend().options.workspacePath).toBeUndefined();
  });

  it('ignores plain arguments that are not existing workspace files', async () => {
    const { started } = launch(['/opt/cockpit/cockpit', join(infra, 'missing.yaml'), join(infra)]);
    await ready(started);
    expect(backend().options.workspacePath).toBeUndefined();
  });
});

describe('startApp: security before the first page', () => {
  it('registers app:// as privileged before ready, and the protocol and permissions before the window loads', async () => {
    const { started } = launch();
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.log).not.toContain('protocol.handle app'); // only possible once ready
    await ready(started);

    const order = (entry: string) => {
      const index = fake.log.indexOf(entry);
      expect(index, entry).toBeGreaterThanOrEqual(0);
      return index;
    };
    const load = order(`window.loadURL ${APP_INDEX_URL}`);
    expect(order('protocol.registerSchemesAsPrivileged')).toBeLessThan(load);
    expect(order('protocol.handle app')).toBeLessThan(load);
    expect(order('session.setPermissionRequestHandler')).toBeLessThan(load);
    expect(order('session.setPermissionCheckHandler')).toBeLessThan(load);
  });

  it('serves the built renderer on app:// with the CSP, and nothing outside it', async () => {
    const { started } = launch();
    await ready(started);
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler');
    const index = await handler({ url: fake.window().webContents.url, method: 'GET' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Reliability Cockpit</title>');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect((await handler({ url: 'app://cockpit/../infra/cockpit.yaml', method: 'GET' })).status).toBe(404);
  });

  it('grants our page notifications and nothing else, and another page nothing at all', async () => {
    const { started } = launch();
    await ready(started);
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      fake.permissionHandlers.request?.({}, permission, (answer) => (granted = answer), {
        requestingUrl,
        isMainFrame: true,
      });
      return granted;
    };
    expect(ask('notifications', `${APP_INDEX_URL}#/health`)).toBe(true);
    expect(ask('media', `${APP_INDEX_URL}#/health`)).toBe(false);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
  });

  it('the window loads app://cockpit/index.html, never file://, and IPC answers only that page', async () => {
    const { started } = launch();
    await ready(started);
    const contents = fake.window().webContents;
    expect(contents.url).toBe(APP_INDEX_URL);
    const call = { id: 3, method: 'app.info', input: {} };
    await expect(fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, contents.asSender(), call)).resolves.toMatchObject({
      ok: true,
    });
    const fromFile = { sender: contents, senderFrame: { url: 'file:///opt/cockpit/out/renderer/index.html' } };
    await expect(fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, fromFile, call)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('startApp: a failed preload', () => {
  it('is logged with the preload path and the error', async () => {
    const { started } = launch();
    await ready(started);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cause = new SyntaxError('Unexpected token export');
    fake.window().webContents.emit('preload-error', {}, '/opt/cockpit/out/preload/index.cjs', cause);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(/\/opt\/cockpit\/out\/preload\/index\.cjs.*SyntaxError: Unexpected token export/s),
    );
  });
});

describe('startApp: a backend that cannot start', () => {
  it('says why in an error box and exits with 1, and opens no window', async () => {
    fake = createFakeElectron();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = startApp(fake.electron, {
      createBackend: () => Promise.reject(new Error('journal.db is locked by another program')),
      argv: ['/opt/cockpit/cockpit'],
      env: {},
      cwd: '/',
      platform: 'linux',
      dataDir: join(scratch, 'data-fail'),
      files: { preload: '/p', rendererDir, iconsDir: '/i', appIcon: '/i/icon.png' },
    });
    fake.fireReady();
    if (!started.primary) throw new Error('expected the lock');
    await started.ready;
    expect(fake.errorBoxes).toEqual([
      { title: 'Reliability Cockpit cannot start', content: 'journal.db is locked by another program' },
    ]);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.FakeBrowserWindow.getAllWindows()).toEqual([]);
    error.mockRestore();
  });
});

describe('startApp: a journal that stops the start', () => {
  it('shows the same sentence the CLI and serve mode print, and logs it without a stack trace', async () => {
    fake = createFakeElectron();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dataDir = join(scratch, 'data-not-a-journal');
    mkdirSync(dataDir);
    const file = join(dataDir, 'journal.db');
    writeFileSync(file, 'my notes, not a database\n'.repeat(300));
    const started = startApp(fake.electron, {
      // The real backend: what fails is the real journal, as in the shipped app.
      createBackend: (options) => createBackend(options),
      argv: ['/opt/cockpit/cockpit'],
      env: {},
      cwd: '/',
      platform: 'linux',
      dataDir,
      files: { preload: '/p', rendererDir, iconsDir: '/i', appIcon: '/i/icon.png' },
    });
    fake.fireReady();
    if (!started.primary) throw new Error('expected the lock');
    await started.ready;
    const sentence = `The journal file ${file} is not a SQLite database (or is damaged). To continue, move it aside (for example rename it to ${file}.old) and start the app again: a fresh journal is created and the old file is kept as it is.`;
    expect(fake.errorBoxes).toEqual([{ title: 'Reliability Cockpit cannot start', content: sentence }]);
    expect(logged.mock.calls).toEqual([[`[cockpit] cannot start: ${sentence}`]]);
    expect(fake.app.exitCode).toBe(1);
  });
});

describe('startApp: quitting', () => {
  it('keeps answering IPC while the window closes, then disposes IPC and the tray, closes the backend, quits', async () => {
    const { started } = launch();
    await ready(started);
    const window = fake.window();
    const sender = window.webContents.asSender();
    fake.FakeBrowserWindow.closesAtOnce = false;
    try {
      fake.log.length = 0;
      fake.app.quit();
      expect(fake.log).toEqual(['app.quit', 'window.close']);
      expect(fake.app.reallyQuit).toBe(false);
      // The page is unloading and still talks to the backend: it is answered.
      await expect(
        fake.ipcMain.invoke(IPC_INVOKE_CHANNEL, sender, { id: 9, method: 'app.settings', input: {} }),
      ).resolves.toMatchObject({ ok: true, value: { theme: 'dark' } });
      expect(fake.log).not.toContain('backend.close');

      window.finishClose();
      await settle();
      const sequence = fake.log.filter((line) => !line.startsWith('backend.dispatch'));
      expect(sequence).toEqual([
        'app.quit',
        'window.close',
        'window closed',
        `ipcMain.removeHandler ${IPC_INVOKE_CHANNEL}`,
        'tray.destroy',
        'app.quit', // window-all-closed asks again: held back, not started over
        'backend.close',
        'app.quit',
        'app really quits',
      ]);
    } finally {
      fake.FakeBrowserWindow.closesAtOnce = true;
    }
  });

  it('a quit while the backend is still starting waits for it and closes it, and opens no window', async () => {
    fake = createFakeElectron();
    let finishStart: () => void = () => {};
    const started = startApp(fake.electron, {
      createBackend: async (options) => {
        await new Promise<void>((resolve) => (finishStart = resolve));
        return createFakeBackend(fake.log, options);
      },
      argv: ['/opt/cockpit/cockpit'],
      env: {},
      cwd: '/',
      platform: 'linux',
      dataDir: join(scratch, 'data-early-quit'),
      files: { preload: '/p', rendererDir, iconsDir: '/i', appIcon: '/i/icon.png' },
    });
    fake.fireReady();
    await settle();
    fake.app.quit();
    await settle();
    expect(fake.app.reallyQuit).toBe(false);
    finishStart();
    if (started.primary) await started.ready;
    await settle();
    expect(fake.log.slice(-3)).toEqual(['backend.close', 'app.quit', 'app really quits']);
    expect(fake.FakeBrowserWindow.all).toEqual([]);
  });
});

describe('startApp: one instance', () => {
  it('a second launch sends its request with the lock and starts nothing', async () => {
    const { started, createBackend } = launch(['/opt/cockpit/cockpit', workspaceFile], {}, false);
    expect(started.primary).toBe(false);
    expect(fake.app.lockData).toEqual([{ workspace: workspaceFile, demo: false }]);
    expect(fake.log).toContain('app.quit');
    expect(fake.privileged).toEqual([]);
    fake.fireReady();
    await settle();
    expect(createBackend).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.all).toEqual([]);
  });

  it("the running cockpit opens a second launch's workspace (and the demo) and comes forward", async () => {
    const { started } = launch();
    await ready(started);
    fake.window().visible = false;
    fake.app.launchAgain(['/opt/cockpit/cockpit', '--no-sandbox'], '/somewhere', {
      workspace: '/srv/infra/cockpit.yaml',
      demo: false,
    });
    expect(fake.window().visible).toBe(true);
    fake.app.launchAgain(['/opt/cockpit/cockpit'], '/somewhere', { workspace: null, demo: true });
    await settle();
    expect(backend().opened).toEqual(['/srv/infra/cockpit.yaml', '(demo)']);
  });

  it('falls back to argv only without data, and acts on nothing when the data is bad', async () => {
    const { started } = launch();
    await ready(started);
    fake.app.launchAgain(['/opt/cockpit/cockpit', '--workspace', 'cockpit.yaml'], infra); // no data: an old launcher
    fake.app.launchAgain(['/opt/cockpit/cockpit', '--workspace=/srv/argv.yaml'], '/', {
      workspace: '../etc/passwd',
      demo: false,
    });
    await settle();
    expect(backend().opened).toEqual([workspaceFile]);
  });

  it('a request that arrives while the backend starts is opened once it is up, not lost', async () => {
    fake = createFakeElectron();
    let finishStart: () => void = () => {};
    const created: FakeBackend[] = [];
    const started = startApp(fake.electron, {
      createBackend: async (options) => {
        await new Promise<void>((resolve) => (finishStart = resolve));
        const made = createFakeBackend(fake.log, options);
        created.push(made);
        return made;
      },
      argv: ['/opt/cockpit/cockpit', '--workspace=/srv/first.yaml'],
      env: {},
      cwd: '/',
      platform: 'linux',
      dataDir: join(scratch, 'data-early-request'),
      files: { preload: '/p', rendererDir, iconsDir: '/i', appIcon: '/i/icon.png' },
    });
    fake.fireReady();
    await settle(); // ready has fired (Electron sends second-instance only after it); the backend is starting
    fake.app.launchAgain(['/opt/cockpit/cockpit'], '/', { workspace: '/srv/early.yaml', demo: false });
    fake.app.launchAgain(['/opt/cockpit/cockpit'], '/', { workspace: '/srv/later.yaml', demo: false });
    expect(fake.FakeBrowserWindow.all).toEqual([]); // nothing to show yet
    finishStart();
    if (started.primary) await started.ready;
    await settle();
    expect(created[0]?.options.workspacePath).toBe('/srv/first.yaml');
    expect(created[0]?.opened).toEqual(['/srv/later.yaml']); // the newest request wins
  });
});

describe('startApp: macOS open-file', () => {
  it('a file opened before ready becomes the workspace the backend starts with', async () => {
    const { started } = launch(['/Applications/Reliability Cockpit.app/Contents/MacOS/Reliability Cockpit'], {
      platform: 'darwin',
    });
    expect(fake.app.openFile(workspaceFile)).toBe(true);
    await ready(started);
    await settle();
    expect(backend().options.workspacePath).toBe(workspaceFile);
    expect(backend().opened).toEqual([]); // not opened a second time after the start
  });

  it('a file opened later is opened at once; anything but an existing .yaml/.yml is ignored', async () => {
    const { started } = launch(['/opt/cockpit/cockpit'], { platform: 'darwin' });
    await ready(started);
    expect(fake.app.openFile(workspaceFile)).toBe(true);
    expect(fake.app.openFile(join(infra, 'photo.png'))).toBe(true);
    expect(fake.app.openFile(join(infra, 'gone.yaml'))).toBe(true);
    await settle();
    expect(backend().opened).toEqual([workspaceFile]);
  });
});

describe('startApp: menu and tray commands', () => {
  it('are held until the page subscribes, delivered once, and held again after a reload', async () => {
    const { started } = launch();
    await ready(started);
    const [tray] = fake.FakeTray.all;
    if (!tray) throw new Error('no tray');

    tray.click('open-workspace');
    expect(commandsSent()).toEqual([]); // painted or not, the page has not subscribed yet
    await expect(pageSubscribes()).resolves.toMatchObject({ ok: true });
    expect(commandsSent()).toEqual([{ command: 'open-workspace' }]);
    await pageSubscribes();
    expect(commandsSent()).toHaveLength(1); // flushed once

    tray.click('open-workspace');
    expect(commandsSent()).toHaveLength(2); // listening: delivered at once

    fake.window().webContents.reload();
    const navigate = fake.menus.application
      ?.find((menu) => menu.label === 'View')
      ?.submenu?.find((item) => item.id === 'navigate-cost');
    navigate?.click?.();
    expect(commandsSent()).toHaveLength(2);
    await pageSubscribes();
    expect(commandsSent().at(-1)).toEqual({ command: 'navigate', arg: 'cost' });
  });

  it('a hash route change is not a reload: commands keep flowing', async () => {
    const { started } = launch();
    await ready(started);
    await pageSubscribes();
    fake.window().webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    fake.FakeTray.all[0]?.click('open-workspace');
    expect(commandsSent()).toEqual([{ command: 'open-workspace' }]);
  });

  it('a notification click on macOS, with the window closed, opens a new window that gets the command', async () => {
    const { started } = launch(['/opt/cockpit/cockpit'], { platform: 'darwin' });
    await ready(started);
    fake.window().close(); // macOS: the app stays without a window
    expect(fake.FakeBrowserWindow.getAllWindows()).toEqual([]);
    backend().events.emit('app.alert', {
      title: 'checkout is down',
      body: 'production: HTTP 502',
      severity: 'critical',
      route: 'health',
      at: new Date(0).toISOString(),
    });
    const notification = fake.FakeNotification.shown.at(-1);
    expect(notification?.options).toMatchObject({ title: 'checkout is down', urgency: 'critical' });
    notification?.click();
    expect(fake.FakeBrowserWindow.getAllWindows()).toHaveLength(1); // a new window, whose page loads first
    expect(commandsSent()).toEqual([]);
    await pageSubscribes();
    expect(commandsSent()).toEqual([{ command: 'navigate', arg: 'health' }]);
  });
});
