/**
 * The serve-mode token. `cockpit serve` prints `http://127.0.0.1:PORT/?token=…`; on first load the token moves
 * from the address bar into sessionStorage (so it ends up in neither screenshots nor bookmarks) and a reload uses
 * the stored copy. Dependencies are passed in so this runs in unit tests without a browser.
 */

export const TOKEN_STORAGE_KEY = 'cockpit.token';

export interface TokenEnvironment {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Replaces the address bar's URL without navigating (history.replaceState). */
  replaceUrl: (url: string) => void;
}

export interface PageToken {
  token: string | null;
  /** The token came from sessionStorage (a reload), not from the address just opened. */
  fromEarlierLoad: boolean;
}

export function readToken(env: TokenEnvironment): PageToken {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    env.replaceUrl(url.pathname + url.search + url.hash);
    if (fromUrl !== '') {
      safely(() => env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl));
      return { token: fromUrl, fromEarlierLoad: false };
    }
  }
  const stored = safely(() => env.storage.getItem(TOKEN_STORAGE_KEY)) ?? null;
  return stored === null || stored === ''
    ? { token: null, fromEarlierLoad: false }
    : { token: stored, fromEarlierLoad: true };
}

export function takeToken(env: TokenEnvironment): string | null {
  return readToken(env).token;
}

/** The WebSocket address for a page served from `protocol//host`. */
export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}

// Storage throws when the browser blocks it (privacy modes); the token then lives for this page only.
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
