/**
 * What a page in our window may not do: navigate anywhere, open windows, attach webviews. Links to https pages
 * open in the system browser instead; every other scheme (http, file, javascript, custom protocols that launch
 * programs) is dropped. (The CSP header comes with every response of the app:// protocol: app-protocol.ts.)
 */
import { log } from '../log';

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
      log.warn(`[cockpit] blocked opening ${describe(url)}`);
      return;
    }
    openExternal(url).catch((error: unknown) => log.warn('[cockpit] could not open the browser:', error));
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
