/**
 * Which transport this page uses. The desktop window gets `window.cockpit` from its preload; serve mode is a page
 * from `cockpit serve` on http://127.0.0.1:PORT (or localhost). A page that has neither is the desktop window
 * whose preload failed: it must say so, not send the user looking for a serve-mode token that never existed.
 */
export type TransportChoice = 'ipc' | 'websocket' | 'bridge-missing';

export interface PageFacts {
  /** Whether the preload's `window.cockpit` is there. */
  hasPreloadApi: boolean;
  href: string;
  /** navigator.userAgent: Electron's names itself ("Electron/41.0.0"); no browser's does. */
  userAgent: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function chooseTransport(page: PageFacts): TransportChoice {
  if (page.hasPreloadApi) return 'ipc';
  // The desktop window never shows serve mode: without its preload it is broken, whatever URL it shows (app://,
  // or the dev server on http://localhost while developing).
  if (/\bElectron\//.test(page.userAgent)) return 'bridge-missing';
  let url: URL;
  try {
    url = new URL(page.href);
  } catch {
    return 'bridge-missing';
  }
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  if (isHttp && (loopbackHosts.has(url.hostname) || url.searchParams.has('token'))) return 'websocket';
  return 'bridge-missing';
}
