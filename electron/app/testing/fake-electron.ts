/**
 * Fakes of the Electron pieces start.ts uses, for tests under plain Node (Electron's binary is not even installed
 * there). Every call that matters for ordering lands in one shared `log`, so a test can hold the start and quit
 * sequences to their order; each fake also keeps what it was given so a test can drive it (fire app events, call
 * the registered protocol handler, invoke IPC as the window would).
 */
import { EventBus } from '../../api/events';
import { type Dispatch } from '../../api/dispatch';
import { noWorkspaceState } from '../../../shared/model/workspace-state';
import { type RpcResponse } from '../../../shared/rpc';
import { type AppRequestLike } from '../app-protocol';
import { type ElectronParts, type MainContentsLike, type MainWindowLike } from '../electron-like';
import { type MenuItemTemplate } from '../menu';
import { type NotificationOptionsLike } from '../notify';
import { type PermissionSessionLike } from '../permissions';
import { type SenderEventLike } from '../sender-trust';
import { type ShellBackend, type ShellBackendOptions } from '../shell-backend';
import { type WindowOptionsLike } from '../window';
import { type Rect } from '../window-state';

// Listeners of many shapes share one registry; each test fires an event with the arguments Electron would pass.
type AnyListener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, { listener: AnyListener; once: boolean }[]>();
  on(event: string, listener: AnyListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: false }]);
    return this;
  }
  once(event: string, listener: AnyListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: true }]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    const entries = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      entries.filter((entry) => !entry.once),
    );
    for (const { listener } of entries) (listener as (...args: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A preventable event like Electron's: `emitPreventable` tells whether a listener prevented it. */
function preventable() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

export function createFakeElectron(options: { gotLock?: boolean; log?: string[] } = {}) {
  const log = options.log ?? [];
  let resolveReady: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>([['documents', '/home/me/Documents']]);

  class FakeApp extends Emitter {
    isPackaged = true;
    lockData: unknown[] = [];
    exitCode: number | null = null;
    reallyQuit = false;
    setPath(name: string, path: string) {
      log.push(`app.setPath ${name}`);
      paths.set(name, path);
    }
    getPath(name: string) {
      return paths.get(name) ?? `/fake/${name}`;
    }
    whenReady() {
      return whenReady;
    }
    requestSingleInstanceLock(additionalData?: Record<string, unknown>) {
      log.push('app.requestSingleInstanceLock');
      this.lockData.push(additionalData);
      return options.gotLock ?? true;
    }
    /** Like Electron: before-quit first; unless a listener prevents it, the app quits. */
    quit() {
      log.push('app.quit');
      const event = preventable();
      this.emit('before-quit', event);
      if (!event.prevented) {
        this.reallyQuit = true;
        log.push('app really quits');
      }
    }
    exit(code: number) {
      log.push(`app.exit ${code}`);
      this.exitCode = code;
    }
    setAppUserModelId() {}
    setAboutPanelOptions() {}
    showAboutPanel() {}
    /** Fires `open-file` as macOS would; returns whether the app took it (preventDefault). */
    openFile(path: string): boolean {
      const event = preventable();
      this.emit('open-file', event, path);
      return event.prevented;
    }
    launchAgain(argv: string[], workingDirectory: string, additionalData?: unknown) {
      this.emit('second-instance', preventable(), argv, workingDirectory, additionalData);
    }
  }
  const app = new FakeApp();

  class FakeContents extends Emitter implements MainContentsLike {
    sent: [string, ...unknown[]][] = [];
    destroyed = false;
    openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    url = '';
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      this.openHandler = handler;
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push([channel, ...args]);
    }
    isDestroyed() {
      return this.destroyed;
    }
    async printToPDF() {
      return new Uint8Array([37, 80, 68, 70]);
    }
    /** A reload as Electron reports it: a main-frame navigation to a new document. */
    reload() {
      this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: this.url });
    }
    /** What the main window's page sends: its top frame, at its URL. */
    asSender(): SenderEventLike {
      return { sender: this, senderFrame: { url: this.url, parent: null } };
    }
  }

  class FakeBrowserWindow extends Emitter implements MainWindowLike {
    static all: FakeBrowserWindow[] = [];
    /** When false, close() waits for finishClose(), as a page that takes its time unloading would. */
    static closesAtOnce = true;
    static getAllWindows() {
      return FakeBrowserWindow.all.filter((window) => !window.destroyed);
    }
    readonly webContents = new FakeContents();
    destroyed = false;
    visible = false;
    background: string;
    constructor(readonly options: WindowOptionsLike) {
      super();
      this.background = options.backgroundColor;
      FakeBrowserWindow.all.push(this);
      log.push('new BrowserWindow');
    }
    async loadURL(url: string) {
      log.push(`window.loadURL ${url}`);
      this.webContents.url = url;
    }
    show() {
      this.visible = true;
    }
    maximize() {}
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    isFocused() {
      return this.visible;
    }
    setBackgroundColor(color: string) {
      this.background = color;
    }
    getNormalBounds(): Rect {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      log.push('window.close');
      this.emit('close');
      if (FakeBrowserWindow.closesAtOnce) this.finishClose();
    }
    destroy() {
      log.push('window.destroy');
      this.finishClose();
    }
    finishClose() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      log.push('window closed');
      this.emit('closed');
      if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  const ipcHandlers = new Map<string, (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle(channel: string, listener: (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>) {
      log.push(`ipcMain.handle ${channel}`);
      ipcHandlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      log.push(`ipcMain.removeHandler ${channel}`);
      ipcHandlers.delete(channel);
    },
    /** What ipcRenderer.invoke does; throws like Electron when nothing handles the channel. */
    async invoke(channel: string, event: SenderEventLike, ...args: unknown[]) {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };

  const protocolHandlers = new Map<string, (request: AppRequestLike) => Promise<Response>>();
  const privileged: unknown[] = [];
  const protocol = {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      log.push('protocol.registerSchemesAsPrivileged');
      privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: AppRequestLike) => Promise<Response>) {
      log.push(`protocol.handle ${scheme}`);
      protocolHandlers.set(scheme, handler);
    },
  };

  const permissionHandlers: {
    request?: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];
  } = {};
  const session = {
    defaultSession: {
      setPermissionRequestHandler(handler: NonNullable<typeof permissionHandlers.request>) {
        log.push('session.setPermissionRequestHandler');
        permissionHandlers.request = handler;
      },
      setPermissionCheckHandler(handler: NonNullable<typeof permissionHandlers.check>) {
        log.push('session.setPermissionCheckHandler');
        permissionHandlers.check = handler;
      },
    },
  };

  const errorBoxes: { title: string; content: string }[] = [];
  const dialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    showErrorBox(title: string, content: string) {
      log.push('dialog.showErrorBox');
      errorBoxes.push({ title, content });
    },
  };

  const menus: { application: MenuItemTemplate[] | null } = { application: null };
  const Menu = {
    buildFromTemplate: (template: MenuItemTemplate[]) => template,
    setApplicationMenu: (menu: unknown) => void (menus.application = menu as MenuItemTemplate[]),
  };

  class FakeTray {
    static all: FakeTray[] = [];
    menu: MenuItemTemplate[] = [];
    destroyed = false;
    constructor(readonly image: string) {
      FakeTray.all.push(this);
    }
    setImage() {}
    setToolTip() {}
    setContextMenu(menu: unknown) {
      this.menu = menu as MenuItemTemplate[];
    }
    on() {}
    destroy() {
      log.push('tray.destroy');
      this.destroyed = true;
    }
    /** Clicks the context-menu item with this id. */
    click(id: string) {
      const item = this.menu.find((entry) => entry.id === id);
      if (!item?.click) throw new Error(`no tray item ${id}`);
      item.click();
    }
  }

  class FakeNotification extends Emitter {
    static shown: FakeNotification[] = [];
    static isSupported() {
      return true;
    }
    constructor(readonly options: NotificationOptionsLike) {
      super();
    }
    show() {
      FakeNotification.shown.push(this);
    }
    click() {
      this.emit('click');
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session,
    dialog,
    Menu,
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeTheme: { themeSource: 'system' as 'system' | 'light' | 'dark', shouldUseDarkColors: false },
    powerMonitor: new Emitter(),
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: async () => {} },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (data: Buffer) => data.toString(),
    },
  } satisfies ElectronParts<FakeBrowserWindow>;

  return {
    electron,
    log,
    app,
    FakeBrowserWindow,
    FakeTray,
    FakeNotification,
    ipcMain,
    protocolHandlers,
    privileged,
    permissionHandlers,
    errorBoxes,
    menus,
    /** Electron's `ready`. */
    fireReady: () => resolveReady(),
    /** The one window the app has open now. */
    window(): FakeBrowserWindow {
      const [window, ...more] = FakeBrowserWindow.getAllWindows();
      if (!window || more.length > 0) throw new Error(`expected one window, found ${1 + more.length}`);
      return window;
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A backend that answers the few calls the shell makes and records the rest in the shared log. */
export function createFakeBackend(log: string[], options: ShellBackendOptions) {
  const events = new EventBus();
  const opened: string[] = [];
  const dispatch: Dispatch = async (message) => {
    const { id, method } = message as { id: number; method: string };
    log.push(`backend.dispatch ${method}`);
    const values: Record<string, unknown> = { 'app.settings': { theme: 'dark' }, 'app.commandsReady': {} };
    const response: RpcResponse = { id, ok: true, value: values[method] ?? null };
    return response;
  };
  const backend = {
    options,
    opened,
    dispatch,
    events,
    info: {
      name: 'Reliability Cockpit',
      version: '0.0.0-test',
      transport: 'ipc' as const,
      canBrowse: true,
      canSavePdf: true,
      dataDir: options.dataDir,
      platform: 'test',
      startedAt: new Date(0).toISOString(),
    },
    workspace: {
      current: () => noWorkspaceState,
      recent: () => [],
      open: async (path: string) => {
        log.push(`workspace.open ${path}`);
        opened.push(path);
        return noWorkspaceState;
      },
      openDemo: async () => {
        log.push('workspace.openDemo');
        opened.push('(demo)');
        return noWorkspaceState;
      },
      reload: async () => noWorkspaceState,
    },
    features: { health: {} },
    close: async () => {
      log.push('backend.close');
    },
  } satisfies ShellBackend & { options: ShellBackendOptions; opened: string[] };
  return backend;
}

export type FakeBackend = ReturnType<typeof createFakeBackend>;
