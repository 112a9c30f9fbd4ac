/**
 * The one main window: created on demand (at start, from the tray, on macOS `activate`), brought forward when it
 * exists, and the target of menu and tray commands — which wait until its page listens (commands.ts). A reload, a
 * crashed renderer or a closed window means the page must say it listens again.
 */
import { type CommandRelay, createCommandRelay } from './commands';
import { type BrowserWindowClassLike, type MainWindowLike } from './electron-like';
import { type AppCommand } from './menu';
import { type OpenExternal } from './web-guards';
import { createMainWindow } from './window';
import { type Rect, loadWindowState, saveWindowState } from './window-state';
import { log } from '../log';

export interface WindowManagerOptions<W extends MainWindowLike> {
  BrowserWindow: BrowserWindowClassLike<W>;
  /** What the window loads: app://cockpit/index.html, or the dev server. */
  url: string;
  preloadPath: string;
  stateFile: string;
  workAreas: () => Rect[];
  backgroundColor: () => string;
  openExternal: OpenExternal;
  icon?: string;
  /** False before the backend is up and while quitting: then showing creates nothing. */
  canCreate: () => boolean;
  /** Sends `app.command` to the page (the backend's event bus, which IPC forwards). */
  deliver: (command: AppCommand) => void;
}

export interface WindowManager<W extends MainWindowLike> {
  /** The main window, unless there is none or it was destroyed. */
  live(): W | null;
  /** Shows the window, creating it when there is none (and creating is allowed); true when it was just created. */
  show(): boolean;
  /** Shows the window and hands it a command, as soon as its page listens. */
  sendCommand(command: AppCommand): void;
  /** The page of `sender` listens for commands now (IPC's `app.commandsReady`). */
  commandsReady(sender: unknown): void;
}

export function createWindowManager<W extends MainWindowLike>(options: WindowManagerOptions<W>): WindowManager<W> {
  let main: W | null = null;
  const relay: CommandRelay = createCommandRelay(options.deliver);
  const live = () => (main && !main.isDestroyed() ? main : null);

  const create = (): W => {
    const window = createMainWindow(options.BrowserWindow, {
      preloadPath: options.preloadPath,
      url: options.url,
      state: loadWindowState(options.stateFile, options.workAreas()),
      saveState: (bounds, maximized) => saveWindowState(options.stateFile, bounds, maximized),
      backgroundColor: options.backgroundColor(),
      openExternal: options.openExternal,
      ...(options.icon ? { icon: options.icon } : {}),
    });
    // A new document (a reload, Ctrl+Shift+R in development) has not subscribed yet; a same-document navigation
    // (the UI's hash routes) keeps its subscription.
    window.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) relay.reset();
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error(`[cockpit] the window's renderer went away (${details.reason})`);
      relay.reset();
    });
    window.on('closed', () => {
      relay.reset();
      if (main === window) main = null;
    });
    return window;
  };

  const show = (): boolean => {
    const existing = live();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return false;
    }
    if (!options.canCreate()) return false;
    main = create();
    return true;
  };

  return {
    live,
    show,
    sendCommand(command) {
      show();
      relay.send(command);
    },
    commandsReady(sender) {
      const window = live();
      if (window && sender === window.webContents) relay.ready();
    },
  };
}
