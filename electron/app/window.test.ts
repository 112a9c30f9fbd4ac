import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../security/csp';
import { type HeadersDetails, type HeadersResponse, type PreventableEvent, isExternalLinkAllowed } from './web-guards';
import {
  type BrowserWindowLike,
  type MainWindowOptions,
  type WindowOptionsLike,
  backgroundFor,
  createMainWindow,
} from './window';
import { type Rect, defaultWindowState } from './window-state';

type Listener = () => void;
type ContentsListener = (event: PreventableEvent & { url?: string }, ...args: string[]) => void;

/** A fake BrowserWindow that records its options, listeners and calls. */
class FakeWindow implements BrowserWindowLike {
  static created: FakeWindow[] = [];
  readonly listeners = new Map<string, Listener[]>();
  readonly contentsListeners = new Map<string, ContentsListener[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  headersListener: ((details: HeadersDetails, callback: (response: HeadersResponse) => void) => void) | null = null;
  loaded: { file?: string; url?: string } = {};
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
    session: {
      webRequest: {
        onHeadersReceived: (
          listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void,
        ) => {
          this.headersListener = listener;
        },
      },
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
  fireContents(event: string, ...args: string[]): boolean {
    let prevented = false;
    const eventObject = { preventDefault: () => (prevented = true) };
    for (const listener of this.contentsListeners.get(event) ?? []) listener(eventObject, ...args);
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
  async loadFile(file: string) {
    this.loaded = { file };
  }
  async loadURL(url: string) {
    this.loaded = { url };
  }
}

function open(overrides: Partial<MainWindowOptions> = {}) {
  const openExternal = vi.fn(async (_url: string) => {});
  const saveState = vi.fn();
  const window = createMainWindow(FakeWindow, {
    preloadPath: '/app/out/preload/index.cjs',
    load: { file: '/app/out/renderer/index.html' },
    contentSecurityPolicy: contentSecurityPolicy(),
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

  it('adds the strict CSP header to file:// responses and leaves others alone', () => {
    const { window } = open();
    const respond = (details: HeadersDetails) => {
      let response: HeadersResponse | undefined;
      window.headersListener?.(details, (value) => (response = value));
      return response;
    };
    const fileResponse = respond({
      url: 'file:///app/out/renderer/index.html',
      responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
    });
    expect(fileResponse?.responseHeaders).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
    const csp = String(fileResponse?.responseHeaders?.['Content-Security-Policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(respond({ url: 'http://localhost:5173/', responseHeaders: {} })).toEqual({});
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

  it('loads the built renderer file, or the dev server URL', () => {
    expect(open().window.loaded).toEqual({ file: '/app/out/renderer/index.html' });
    expect(open({ load: { url: 'http://localhost:5173/' } }).window.loaded).toEqual({ url: 'http://localhost:5173/' });
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
