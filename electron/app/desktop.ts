/**
 * What the desktop adds around the backend once it is up: the app menu (rebuilt when the recent list changes),
 * the tray with the worst health status, native notifications, the theme of native parts, and sleep/wake for the
 * health scheduler. Electron's pieces come in as narrow slices (electron-like.ts).
 */
import { type EventName, type Payload, methods } from '../../shared/api';
import { type Theme } from '../../shared/api/app';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { buildClient } from '../../shared/rpc';
import { type EventBus } from '../api/events';
import { isHealthFeature } from '../health/feature';
import { type ElectronParts, type MainWindowLike } from './electron-like';
import { buildMenuTemplate } from './menu';
import { createNotifier } from './notify';
import { createCall } from './rpc-call';
import { type ShellBackend } from './shell-backend';
import { type CockpitTray, createTray } from './tray';
import { type WindowManager } from './window-manager';
import { backgroundFor } from './window';
import { log } from '../log';

export interface DesktopOptions<W extends MainWindowLike> {
  electron: ElectronParts<W>;
  backend: ShellBackend;
  windows: WindowManager<W>;
  platform: NodeJS.Platform;
  iconsDir: string;
  /** Opens a workspace the menu's recent list names (errors are logged there). */
  openWorkspace(path: string): void;
}

export interface Desktop {
  /** The tray icon, or null on a desktop without one. */
  readonly tray: CockpitTray | null;
  /** Removes the tray and stops listening to the backend's events (at quit, after the windows are gone). */
  dispose(): void;
}

export async function startDesktop<W extends MainWindowLike>(options: DesktopOptions<W>): Promise<Desktop> {
  const { electron, backend, windows, platform } = options;
  const { app, nativeTheme } = electron;
  const offs: (() => void)[] = [];
  const local = buildClient(
    methods,
    createCall((request) => backend.dispatch(request)),
  );

  const applyTheme = (theme: Theme) => {
    // Native parts (title bar, menus, dialogs) follow the user's choice, and so does the pre-paint background.
    nativeTheme.themeSource = theme;
    windows.live()?.setBackgroundColor(backgroundFor(nativeTheme.shouldUseDarkColors));
  };
  applyTheme(
    await local.app.settings({}).then(
      (settings) => settings.theme,
      (error: unknown): Theme => {
        log.warn('[cockpit] could not read the settings, following the system theme:', error);
        return 'system';
      },
    ),
  );
  offs.push(onEvent(backend.events, 'app.settingsChanged', (settings) => applyTheme(settings.theme)));

  const rebuildMenu = () => {
    const template = buildMenuTemplate({
      platform,
      isPackaged: app.isPackaged,
      recent: backend.workspace.recent(),
      actions: {
        command: (command) => windows.sendCommand(command),
        openDemo: () =>
          void backend.workspace.openDemo().catch((error: unknown) => log.error('[cockpit] demo:', error)),
        openRecent: (path) => options.openWorkspace(path),
        reloadWorkspace: () =>
          void backend.workspace.reload().catch((error: unknown) => log.error('[cockpit] reload:', error)),
        about: () => {
          app.setAboutPanelOptions({ applicationName: backend.info.name, applicationVersion: backend.info.version });
          app.showAboutPanel();
        },
        quit: () => app.quit(),
      },
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  };

  const notify = createNotifier(electron.Notification);
  let lastState = backend.workspace.current();
  offs.push(
    onEvent(backend.events, 'workspace.changed', (state) => {
      rebuildMenu();
      if (becameBroken(lastState, state) && !windows.live()?.isFocused()) {
        const [first] = state.issues;
        notify({
          title: 'Workspace file has problems',
          body: first ? `${first.file}:${first.line}:${first.column} ${first.message}` : 'See the cockpit for details.',
          severity: 'warning',
          onClick: () => windows.show(),
        });
      }
      lastState = state;
    }),
  );
  /** "I'm on it" from the notification: the same acknowledgement as the incident page's button. */
  const acknowledge = (id: string) => ({
    label: 'I’m on it',
    run: () => {
      local.incidents
        .acknowledge({ id })
        .catch((error: unknown) => log.error('[incidents] acknowledge failed:', error));
    },
  });
  // Health and budget alerts become native notifications; clicking one opens the screen it is about.
  offs.push(
    onEvent(backend.events, 'app.alert', (alert) => {
      notify({
        title: alert.title,
        body: alert.body,
        severity: alert.severity,
        onClick: () => {
          if (alert.route) windows.sendCommand({ command: 'navigate', arg: alert.route });
          else windows.show();
        },
        ...(alert.incidentId ? { action: acknowledge(alert.incidentId) } : {}),
      });
    }),
  );

  rebuildMenu();
  const tray = startTray(options);
  // The tray shows the worst health status; sleep is a gap nobody watched, and waking runs every check at once.
  offs.push(onEvent(backend.events, 'health.status', (change) => tray?.setStatus(change.worst)));
  const health = backend.features.health;
  if (isHealthFeature(health)) {
    electron.powerMonitor.on('suspend', () => health.suspend());
    electron.powerMonitor.on('resume', () => health.resume());
  }

  return {
    tray,
    dispose() {
      for (const off of offs.splice(0)) off();
      tray?.destroy();
    },
  };
}

/** The tray is a convenience: a desktop without one (some Linux sessions) must not stop the app. */
function startTray<W extends MainWindowLike>(options: DesktopOptions<W>): CockpitTray | null {
  const { electron, windows } = options;
  try {
    return createTray({
      create: (image) => new electron.Tray(image),
      buildMenu: (template) => electron.Menu.buildFromTemplate(template),
      iconsDir: options.iconsDir,
      platform: options.platform,
      actions: {
        show: () => windows.show(),
        openWorkspace: () => windows.sendCommand({ command: 'open-workspace' }),
        quit: () => electron.app.quit(),
      },
    });
  } catch (error) {
    log.warn('[cockpit] no tray icon on this desktop:', error);
    return null;
  }
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
