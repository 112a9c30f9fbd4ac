import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from './app-protocol';
import { type PreventableEvent, isExternalLinkAllowed } from './web-guards';
import {
  type BrowserWindowLike,
  type MainWindowOptions,
  type WindowOptionsLike,
  backgroundFor,
  createMainWindow,
} from './window';
import { type Rect, defaultWindowState } from './window-state';

type Listener = () => void;
// The fake's listeners take whatever the test fires; the real event signatures are WindowContentsLike's.
type ContentsListener = (event: PreventableEvent & { url?: string }, ...args: never[]) => void;

/** A fake BrowserWindow that records its options, listeners and calls. */
class FakeWindow implements BrowserWindowLike {
  static created: FakeWindow[] = [];
  readonly listeners = new Map<string, Listener[]>();
  readonly contentsListeners = new Map<string, ContentsListener[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  loaded: string | null = null;
  shown = false;
  maximized = false;
  bounds: Rect = { x: 10, y: 20, width: 1300, height: 900 };

  readonly webContents = {
    on: (event: string, listener: ContentsListener) => {
      this.contentsListeners.set(event, [...(this.contentsListeners.get(event) ?? []), listener]);
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
      this.openHandler = handler;
    },
  };

  constructor(readonly options: WindowOptionsLike) {
    FakeWindow.created.push(this);
  }
  once(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  fire(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  /** Fires a webContents event with a preventable event object; returns whether it was prevented. */
  fireContents(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const eventObject = { preventDefault: () => (prevented = true) };
    // The cast hands each listener the arguments the test chose for this event: the registry cannot know each
    // event's own signature (WindowContentsLike has them), so it types the rest as never[].
    for (const listener of this.contentsListeners.get(event) ?? []) listener(eventObject, ...(args as never[]));
    return prevented;
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return this.bounds;
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
}

function open(overrides: Partial<MainWindowOptions> = {}) {
  const openExternal = vi.fn(async (_url: string) => {});
  const saveState = vi.fn();
  const window = createMainWindow(FakeWindow, {
    preloadPath: '/app/out/preload/index.cjs',
    url: APP_INDEX_URL,
    state: { ...defaultWindowState },
    saveState,
    backgroundColor: backgroundFor(true),
    openExternal,
    ...overrides,
  });
  return { window, openExternal, saveState };
}

describe('createMainWindow', () => {
  it('gives the page no Node, an isolated context, the sandbox and web security', () => {
    const { window } = open();
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('prevents every navigation, sending only https links to the system browser', () => {
    const { window, openExternal } = open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(window.fireContents('will-navigate', 'https://status.example.com/')).toBe(true);
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'smb://share/x',
    ]) {
      expect(window.fireContents('will-navigate', url)).toBe(true);
    }
    expect(openExternal.mock.calls).toEqual([['https://status.example.com/']]);
    expect(window.fireContents('will-attach-webview')).toBe(true);
    warn.mockRestore();
  });

  it('denies window.open, opening only https URLs externally', () => {
    const { window, openExternal } = open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(window.openHandler?.({ url: 'https://docs.example.com/runbook' })).toEqual({ action: 'deny' });
    expect(window.openHandler?.({ url: 'http://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(window.openHandler?.({ url: 'file:///home/user/.ssh/id_ed25519' })).toEqual({ action: 'deny' });
    expect(window.openHandler?.({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.com/runbook']]);
    warn.mockRestore();
  });

  it('logs a failed preload with its path and the error, since the page can only say that it failed', () => {
    const { window } = open();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cause = new Error("Cannot find module 'zod'");
    window.fireContents('preload-error', '/app/out/preload/index.cjs', cause);
    expect(error).toHaveBeenCalledExactlyOnceWith(
      expect.stringMatching(/\/app\/out\/preload\/index\.cjs.*Cannot find module 'zod'/s),
    );
    error.mockRestore();
  });

  it('stays hidden until painted, then shows (maximized when it was)', () => {
    const { window } = open({ state: { ...defaultWindowState, maximized: true } });
    expect(window.options.show).toBe(false);
    expect(window.options.backgroundColor).toBe(backgroundFor(true));
    expect(window.shown).toBe(false);
    window.fire('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.maximized).toBe(true);
  });

  it('restores the saved bounds and saves them on close', () => {
    const { window, saveState } = open({ state: { x: 40, y: 50, width: 1000, height: 700, maximized: false } });
    expect(window.options).toMatchObject({ x: 40, y: 50, width: 1000, height: 700 });
    window.fire('close');
    expect(saveState).toHaveBeenCalledWith({ x: 10, y: 20, width: 1300, height: 900 }, false);
  });

  it('loads the UI from the app:// origin, or the dev server URL', () => {
    expect(open().window.loaded).toBe('app://cockpit/index.html');
    expect(open({ url: 'http://localhost:5173/' }).window.loaded).toBe('http://localhost:5173/');
  });
});

describe('isExternalLinkAllowed', () => {
  it('allows https pages only', () => {
    expect(isExternalLinkAllowed('https://example.com/a?b=c')).toBe(true);
    expect(isExternalLinkAllowed('https://user:pw@example.com/')).toBe(false);
    expect(isExternalLinkAllowed('HTTP://example.com/')).toBe(false);
    expect(isExternalLinkAllowed('vscode://file/etc')).toBe(false);
    expect(isExternalLinkAllowed('')).toBe(false);
  });
});
