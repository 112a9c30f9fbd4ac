/**
 * The main window: locked-down webPreferences, navigation and pop-ups denied, a failed preload logged, remembered
 * bounds, and shown only once painted (with a background matching the theme, so there is no white flash). The CSP
 * header comes with every response of the app:// protocol the window loads (app-protocol.ts).
 */
import { type GuardedContents, type OpenExternal, type PreventableEvent, guardContents } from './web-guards';
import { type Rect, type WindowState, minimumSize } from './window-state';
import { log } from '../log';

/** The webPreferences every cockpit window gets. Exported so the test can hold them to exactly this. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

export type SecureWebPreferences = ReturnType<typeof secureWebPreferences>;

export interface WindowOptionsLike {
  title: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  icon?: string;
  autoHideMenuBar: boolean;
  webPreferences: SecureWebPreferences;
}

export interface WindowContentsLike extends GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  /** The preload threw: the page will have no `window.cockpit` (it says so; the reason is only in this log). */
  on(event: 'preload-error', listener: (event: unknown, preloadPath: string, error: Error) => void): unknown;
}

/** The slice of Electron's BrowserWindow we use; a fake in tests. */
export interface BrowserWindowLike {
  readonly webContents: WindowContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
  maximize(): void;
  isMaximized(): boolean;
  getNormalBounds(): Rect;
  loadURL(url: string): Promise<void>;
}

export type BrowserWindowCtor<W extends BrowserWindowLike> = new (options: WindowOptionsLike) => W;

export interface MainWindowOptions {
  /** out/preload/index.cjs */
  preloadPath: string;
  /** app://cockpit/index.html, or the dev server's URL while developing. */
  url: string;
  state: WindowState;
  /** Told the bounds when the window closes, to remember them. */
  saveState: (bounds: Rect, maximized: boolean) => void;
  backgroundColor: string;
  openExternal: OpenExternal;
  icon?: string;
}

export function createMainWindow<W extends BrowserWindowLike>(
  BrowserWindow: BrowserWindowCtor<W>,
  options: MainWindowOptions,
): W {
  const { state } = options;
  const window = new BrowserWindow({
    title: 'Reliability Cockpit',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    show: false,
    backgroundColor: options.backgroundColor,
    ...(options.icon ? { icon: options.icon } : {}),
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });

  // Guards go on before anything loads, so the very first page is already under them.
  guardContents(window.webContents, options.openExternal);
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    log.error(`[cockpit] the preload ${preloadPath} failed; the window has no bridge to the backend:`, error);
  });

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => options.saveState(window.getNormalBounds(), window.isMaximized()));

  window
    .loadURL(options.url)
    .catch((error: unknown) => log.error('[cockpit] the window could not load the UI:', error));
  return window;
}

/** The window's background before the UI paints: the renderer's --bg (renderer/styles/tokens.css) per theme. */
export function backgroundFor(dark: boolean): string {
  return dark ? '#0d0f12' : '#f6f7f9';
}
