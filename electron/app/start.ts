/**
 * The desktop app's start sequence, with Electron's pieces passed in (main.ts passes the real ones):
 *
 * before ready — the data folder, the single-instance lock (sending this launch's request to a running cockpit),
 *   the app:// scheme's privileges, macOS `open-file`, and the quit order;
 * at ready — the app:// protocol and the permission policy (before any page loads), the backend, IPC, the menu,
 *   tray and notifications, then the window, then whatever later launches asked for meanwhile.
 */
import { writeFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../security/csp';
import { isExplainedStartupError, startupErrorMessage } from '../startup-error';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import {
  type LaunchRequest,
  isExistingFile,
  launchDirectory,
  looksLikeWorkspaceFile,
  parseLaunchRequest,
} from './args';
import { type Desktop, startDesktop } from './desktop';
import { createDialogs } from './dialogs';
import { type ElectronParts, type MainWindowLike } from './electron-like';
import { registerIpc } from './ipc';
import { createOpenRequests } from './open-requests';
import { installPermissionPolicy } from './permissions';
import { type QuitSequence, installQuitSequence } from './quit';
import { safeStorageCipher } from './safe-storage';
import { createAppUrlMatcher, createSenderCheck } from './sender-trust';
import { type CreateShellBackend, type ShellBackend } from './shell-backend';
import { claimSingleInstance } from './single-instance';
import { type AppFiles, windowStateFile } from './paths';
import { type WindowManager, createWindowManager } from './window-manager';
import { backgroundFor } from './window';
import { log } from '../log';

export interface StartOptions {
  createBackend: CreateShellBackend;
  argv: readonly string[];
  /** INIT_CWD (npm's launch directory) and ELECTRON_RENDERER_URL (electron-vite's dev server). */
  env: { readonly INIT_CWD?: string | undefined; readonly ELECTRON_RENDERER_URL?: string | undefined };
  cwd: string;
  platform: NodeJS.Platform;
  /** The one data folder shared with the CLI and serve mode (COCKPIT_DATA_DIR moves it). */
  dataDir: string;
  files: AppFiles;
  /** Whether a path is an existing file (a real stat by default). */
  isFile?: (path: string) => boolean;
}

export type StartedApp =
  | { primary: false }
  | {
      primary: true;
      /** Settles when the start sequence has finished (or failed and asked the app to exit). */
      ready: Promise<void>;
    };

export function startApp<W extends MainWindowLike>(electron: ElectronParts<W>, options: StartOptions): StartedApp {
  const { app } = electron;
  const { platform } = options;
  const isFile = options.isFile ?? isExistingFile;
  // One data folder for the desktop app, the CLI and serve mode, so `cockpit history` sees the app's deploys and
  // the recent list is shared (Electron's own default differs on Linux). Before the lock: Chromium keys it by this.
  app.setPath('userData', options.dataDir);

  const request = parseLaunchRequest(options.argv, launchDirectory(options.env, options.cwd), isFile);
  const devServerUrl = app.isPackaged ? undefined : options.env.ELECTRON_RENDERER_URL;
  let starting: Promise<ShellBackend | null> | null = null;
  let backend: ShellBackend | null = null;
  let desktop: Desktop | null = null;
  let disposeIpc: (() => void) | null = null;
  let windowsAllowed = false;
  let quit: QuitSequence | null = null;

  const windows: WindowManager<W> = createWindowManager({
    BrowserWindow: electron.BrowserWindow,
    url: devServerUrl ?? APP_INDEX_URL,
    preloadPath: options.files.preload,
    stateFile: windowStateFile(options.dataDir),
    workAreas: () => electron.screen.getAllDisplays().map((display) => display.workArea),
    backgroundColor: () => backgroundFor(electron.nativeTheme.shouldUseDarkColors),
    openExternal: (url) => electron.shell.openExternal(url),
    ...(platform === 'darwin' ? {} : { icon: options.files.appIcon }),
    // No window before IPC, the theme and the menu are in place, and none once quitting has begun.
    canCreate: () => windowsAllowed && !quit?.quitting,
    deliver: (command) => backend?.events.emit('app.command', command),
  });

  const openRequest = (next: LaunchRequest) => {
    if (!backend) return;
    const opening = next.workspace !== null ? backend.workspace.open(next.workspace) : backend.workspace.openDemo();
    opening.catch((error: unknown) => log.error(`[cockpit] could not open ${next.workspace ?? 'the demo'}:`, error));
  };
  const requests = createOpenRequests(openRequest);

  const primary = claimSingleInstance(app, {
    request,
    fromArgv: (argv, workingDirectory) => parseLaunchRequest(argv, workingDirectory, isFile),
    onSecondInstance: (relayed) => {
      windows.show();
      if (relayed) requests.push(relayed);
    },
  });
  if (!primary) return { primary: false };

  // Must happen before ready: privileges cannot be given to a scheme afterwards.
  electron.protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  // Registered before ready: macOS delivers the file a launch was for before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (!looksLikeWorkspaceFile(path) || !isFile(path)) {
      log.warn('[cockpit] ignored a file that is not a workspace file (.yaml or .yml)');
      return;
    }
    windows.show();
    requests.push({ workspace: path, demo: false });
  });

  quit = installQuitSequence(app, {
    windows: () => electron.BrowserWindow.getAllWindows(),
    release: () => {
      disposeIpc?.();
      desktop?.dispose();
    },
    closeBackend: async () => {
      const started = await (starting ?? Promise.resolve(null));
      await started?.close();
    },
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (electron.BrowserWindow.getAllWindows().length === 0) windows.show();
  });

  const fatal = (error: unknown) => {
    // The same sentence the CLI and serve mode print; the stack only for a failure nobody has explained yet (a bug).
    const text = startupErrorMessage(error);
    if (isExplainedStartupError(error)) log.error(`[cockpit] cannot start: ${text}`);
    else log.error('[cockpit] cannot start:', error);
    electron.dialog.showErrorBox('Reliability Cockpit cannot start', text);
    app.exit(1);
  };

  const onReady = async () => {
    if (platform === 'win32') app.setAppUserModelId('dev.reliability-cockpit');
    const isAppUrl = createAppUrlMatcher({ appOrigin: APP_ORIGIN, ...(devServerUrl ? { devServerUrl } : {}) });
    // Both before the first page loads: it must come from app:// under the CSP, and get only the permissions it uses.
    electron.protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        root: options.files.rendererDir,
        contentSecurityPolicy: contentSecurityPolicy(),
        // A 404 in our own UI is a broken or missing build: say which file (never the query, it is not ours).
        onNotFound: (pathname) => log.warn(`[cockpit] app:// has no ${pathname} in ${options.files.rendererDir}`),
      }),
    );
    installPermissionPolicy(electron.session.defaultSession, isAppUrl);

    // A file double-clicked before start is opened first, instead of the last workspace and then that one.
    const initial = request.workspace !== null || request.demo ? request : (requests.takePending() ?? request);
    starting = options
      .createBackend({
        dataDir: options.dataDir,
        transport: 'ipc',
        ...(initial.workspace !== null ? { workspacePath: initial.workspace } : {}),
        demo: initial.demo,
        dialogs: createDialogs<W>(electron.dialog, () => windows.live(), {
          // Print styles apply, so a screen that prints only its report (the cost review) saves only that.
          print: (window) => window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }),
          writeFile: (path, data) => writeFile(path, data),
          defaultDir: () => app.getPath('documents'),
        }),
        secretCipher: safeStorageCipher(electron.safeStorage, platform),
      })
      .catch((error: unknown) => {
        fatal(error);
        return null;
      });
    backend = await starting;
    // Failed (the app is exiting), or asked to quit while starting (the quit sequence closes the backend).
    if (!backend || quit?.quitting) return;

    const isTrustedSender = createSenderCheck({ isAppUrl, mainWebContents: () => windows.live()?.webContents ?? null });
    disposeIpc = registerIpc(
      electron.ipcMain,
      backend.dispatch,
      isTrustedSender,
      backend.events,
      () => electron.BrowserWindow.getAllWindows().map((window) => window.webContents),
      { onCommandsReady: (sender) => windows.commandsReady(sender) },
    );
    desktop = await startDesktop({
      electron,
      backend,
      windows,
      platform,
      iconsDir: options.files.iconsDir,
      openWorkspace: (path) => openRequest({ workspace: path, demo: false }),
    });
    if (quit?.quitting) {
      desktop.dispose(); // the quit sequence released before this existed
      return;
    }

    windowsAllowed = true;
    windows.show();
    requests.ready();
  };

  const ready = app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fatal(error));
  return { primary: true, ready };
}
