/**
 * What a page in our window may not do: navigate anywhere, open windows, attach webviews. Links to https pages
 * open in the system browser instead; every other scheme (http, file, javascript, custom protocols that launch
 * programs) is dropped. And the strict CSP header on everything the window loads from file://.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WindowOpenResponse {
  action: 'deny';
}

/** The slice of Electron's WebContents the guards need; a fake in tests. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenResponse): void;
}

export type OpenExternal = (url: string) => Promise<void>;

/** Only https pages go to the system browser: never file:, custom schemes (they launch programs) or plain http. */
export function isExternalLinkAllowed(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function guardContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const maybeOpen = (url: string) => {
    if (!isExternalLinkAllowed(url)) {
      console.warn(`[cockpit] blocked opening ${describe(url)}`);
      return;
    }
    openExternal(url).catch((error: unknown) => console.warn('[cockpit] could not open the browser:', error));
  };

  // The UI is one page that routes itself; any real navigation would leave our renderer (and its preload).
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    maybeOpen(event.url ?? url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    maybeOpen(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Logs show the scheme and host only: a URL may carry a token in its query. */
function describe(text: string): string {
  try {
    const url = new URL(text);
    return url.host ? `${url.protocol}//${url.host}/…` : `a ${url.protocol} URL`;
  } catch {
    return 'an unparsable URL';
  }
}

export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}

/** The slice of Electron's session.webRequest we use. */
export interface WebRequestLike {
  onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void;
}

/**
 * Adds the CSP header to file:// responses (our renderer). Other responses (the dev server, which needs inline
 * scripts for hot reload) pass unchanged.
 */
export function installCsp(webRequest: WebRequestLike, policy: string): void {
  webRequest.onHeadersReceived((details, callback) => {
    if (!details.url.startsWith('file:')) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
