/**
 * The Electron main process: one instance, one backend, one window, a menu, a tray and notifications. Everything
 * here is wiring; the pieces are plain modules (tested with fakes) that get Electron's objects passed in.
 */
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  powerMonitor,
  safeStorage,
  screen,
  shell,
} from 'electron';
import { writeFile } from 'node:fs/promises';
import { type EventName, type Payload, methods } from '../../shared/api';
import { type Theme } from '../../shared/api/app';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { buildClient } from '../../shared/rpc';
import { type EventBus } from '../api/events';
import { type Backend, createBackend } from '../backend';
import { isHealthFeature } from '../health/feature';
import { defaultDataDir } from '../paths';
import { contentSecurityPolicy } from '../security/csp';
import { workspaceArg } from './args';
import { createDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { type AppCommand, buildMenuTemplate } from './menu';
import { createNotifier } from './notify';
import { appIconPath, electronNativeBinding, iconsDir, preloadPath, rendererIndexFile, windowStateFile } from './paths';
import { createCall } from './rpc-call';
import { safeStorageCipher } from './safe-storage';
import { createAppUrlMatcher, createSenderCheck } from './sender-trust';
import { claimSingleInstance } from './single-instance';
import { type CockpitTray, createTray } from './tray';
import { backgroundFor, createMainWindow } from './window';
import { loadWindowState, saveWindowState } from './window-state';

// electron-vite sets this while `electron-vite dev` serves the renderer; a packaged app never trusts it.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// One data folder for the desktop app, the CLI and serve mode, so `cockpit history` sees the app's deploys and the
// recent list is shared (Electron's own default differs on Linux). COCKPIT_DATA_DIR moves it (tests, e2e).
app.setPath('userData', defaultDataDir());

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: CockpitTray | null = null;
let disposeIpc: (() => void) | null = null;

const instance = claimSingleInstance(app, {
  show: () => showWindow(),
  openWorkspace: (path) => void openWorkspace(path),
});
if (instance.primary) {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  installQuitHandler();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('dev.reliability-cockpit');
  try {
    backend = await createBackend({
      dataDir: app.getPath('userData'),
      transport: 'ipc',
      workspacePath: workspaceArg(process.argv, process.cwd()),
      demo: process.argv.includes('--demo'),
      dialogs: createDialogs<BrowserWindow>(dialog, () => liveWindow(), {
        // Print styles apply, so a screen that prints only its report (the cost review) saves only that.
        print: (window) => window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }),
        writeFile: (path, data) => writeFile(path, data),
        defaultDir: () => app.getPath('documents'),
      }),
      nativeBinding: electronNativeBinding(),
      secretCipher: safeStorageCipher(safeStorage, process.platform),
    });
  } catch (error) {
    fatal(error);
    return;
  }
  const ready = backend;
  const local = buildClient(
    methods,
    createCall((request) => ready.dispatch(request)),
  );

  const isAppUrl = createAppUrlMatcher({ rendererIndexFile: rendererIndexFile(), devServerUrl });
  const isTrustedSender = createSenderCheck({ isAppUrl, mainWebContents: () => liveWindow()?.webContents ?? null });
  disposeIpc = registerIpc(ipcMain, ready.dispatch, isTrustedSender, ready.events, () =>
    BrowserWindow.getAllWindows().map((window) => window.webContents),
  );

  applyTheme(
    await local.app.settings({}).then(
      (settings) => settings.theme,
      (error: unknown): Theme => {
        console.warn('[cockpit] could not read the settings, following the system theme:', error);
        return 'system';
      },
    ),
  );
  onEvent(ready.events, 'app.settingsChanged', (settings) => applyTheme(settings.theme));

  const notify = createNotifier(Notification);
  let lastState = ready.workspace.current();
  onEvent(ready.events, 'workspace.changed', (state) => {
    rebuildMenu();
    if (becameBroken(lastState, state) && !liveWindow()?.isFocused()) {
      const [first] = state.issues;
      notify({
        title: 'Workspace file has problems',
        body: first ? `${first.file}:${first.line}:${first.column} ${first.message}` : 'See the cockpit for details.',
        severity: 'warning',
        onClick: () => showWindow(),
      });
    }
    lastState = state;
  });
  // Health and budget alerts become native notifications; clicking one opens the screen it is about.
  onEvent(ready.events, 'app.alert', (alert) => {
    notify({
      title: alert.title,
      body: alert.body,
      severity: alert.severity,
      onClick: () => {
        showWindow();
        if (alert.route) ready.events.emit('app.command', { command: 'navigate', arg: alert.route });
      },
    });
  });

  rebuildMenu();
  tray = startTray();
  // The tray shows the worst health status; sleep is a gap nobody watched, and waking runs every check at once.
  onEvent(ready.events, 'health.status', (change) => tray?.setStatus(change.worst));
  const health = ready.features.health;
  if (isHealthFeature(health)) {
    powerMonitor.on('suspend', () => health.suspend());
    powerMonitor.on('resume', () => health.resume());
  }

  showWindow();
  if (instance.primary) instance.ready();
}

/** The tray is a convenience: a desktop without one (some Linux sessions) must not stop the app. */
function startTray(): CockpitTray | null {
  try {
    return createTray({
      create: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      iconsDir: iconsDir(),
      platform: process.platform,
      actions: {
        show: () => showWindow(),
        openWorkspace: () => sendCommand({ command: 'open-workspace' }),
        quit: () => app.quit(),
      },
    });
  } catch (error) {
    console.warn('[cockpit] no tray icon on this desktop:', error);
    return null;
  }
}

function liveWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

/** Shows the main window, creating it when there is none; returns whether it was just created. */
function showWindow(): boolean {
  const existing = liveWindow();
  if (existing) {
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return false;
  }
  if (!backend) return false; // not started yet: start() shows it
  const stateFile = windowStateFile(app.getPath('userData'));
  mainWindow = createMainWindow(BrowserWindow, {
    preloadPath: preloadPath(),
    load: devServerUrl ? { url: devServerUrl } : { file: rendererIndexFile() },
    contentSecurityPolicy: contentSecurityPolicy(),
    state: loadWindowState(
      stateFile,
      screen.getAllDisplays().map((display) => display.workArea),
    ),
    saveState: (bounds, maximized) => saveWindowState(stateFile, bounds, maximized),
    backgroundColor: backgroundFor(nativeTheme.shouldUseDarkColors),
    openExternal: (url) => shell.openExternal(url),
    icon: process.platform === 'darwin' ? undefined : appIconPath(),
  });
  return true;
}

/** A menu or tray command for the UI; a window created for it hears it once it has painted. */
function sendCommand(command: AppCommand): void {
  const created = showWindow();
  const emit = () => backend?.events.emit('app.command', command);
  if (created && mainWindow) mainWindow.once('ready-to-show', emit);
  else emit();
}

async function openWorkspace(path: string): Promise<void> {
  try {
    await backend?.workspace.open(path);
  } catch (error) {
    console.error(`[cockpit] could not open ${path}:`, error);
  }
}

function rebuildMenu(): void {
  const ready = backend;
  if (!ready) return;
  const template = buildMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    recent: ready.workspace.recent(),
    actions: {
      command: (command) => sendCommand(command),
      openDemo: () =>
        void ready.workspace.openDemo().catch((error: unknown) => console.error('[cockpit] demo:', error)),
      openRecent: (path) => void openWorkspace(path),
      reloadWorkspace: () =>
        void ready.workspace.reload().catch((error: unknown) => console.error('[cockpit] reload:', error)),
      about: () => {
        app.setAboutPanelOptions({ applicationName: ready.info.name, applicationVersion: ready.info.version });
        app.showAboutPanel();
      },
      quit: () => app.quit(),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function applyTheme(theme: Theme): void {
  // Native parts (title bar, menus, dialogs) follow the user's choice, and so does the pre-paint background.
  nativeTheme.themeSource = theme;
  liveWindow()?.setBackgroundColor(backgroundFor(nativeTheme.shouldUseDarkColors));
}

/** The same file went from loading cleanly to having problems (a save with a typo), not a newly opened one. */
function becameBroken(before: WorkspaceState, after: WorkspaceState): boolean {
  return before.issues.length === 0 && after.issues.length > 0 && before.source?.path === after.source?.path;
}

/** Typed subscription to one event; the bus parsed the payload with the contract's schema before publishing. */
function onEvent<K extends EventName>(bus: EventBus, name: K, handler: (payload: Payload<K>) => void): () => void {
  return bus.subscribe((message) => {
    if (message.event === name) handler(message.payload as Payload<K>);
  });
}

/** Quit waits for the backend to close (journal flushed, watchers stopped), then really quits. */
function installQuitHandler(): void {
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed || !backend) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    disposeIpc?.();
    tray?.destroy();
    backend
      .close()
      .catch((error: unknown) => console.error('[cockpit] closing the backend failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

function fatal(error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  console.error('[cockpit] cannot start:', error);
  dialog.showErrorBox('Reliability Cockpit cannot start', text);
  app.exit(1);
}
