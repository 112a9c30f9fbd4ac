/**
 * The window's UI comes from `app://cockpit/…`, a privileged custom scheme, instead of file://. A file:// page can
 * read any file:// URL and has an opaque origin; `app://cockpit` is a real, secure origin of its own that serves
 * exactly the built renderer folder and nothing else, with the CSP header on every response.
 *
 * The handler is a plain function of a request to a Response (no 'electron' here), so it is tested under Node with
 * real files: traversal, encoded traversal, absolute paths and symlinks out of the folder all end in a 404.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { contentTypeFor } from '../security/content-types';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready. standard: relative URLs and a real origin (so 'self' in the CSP and
 * localStorage work); secure: treated like https (no mixed-content downgrade); supportFetchAPI: module scripts are
 * fetched. Not corsEnabled and not bypassCSP: nothing else may read from it, and the CSP applies.
 */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The part of a Request the handler reads. */
export interface AppRequestLike {
  readonly url: string;
  readonly method: string;
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  contentSecurityPolicy: string;
  /** Told the path of each request answered with 404 (for the log). */
  onNotFound?: (pathname: string) => void;
}

/**
 * The URL's path as segments inside the root, or null when it could leave it or names nothing. Each segment is
 * percent-decoded and then checked, so `%2e%2e`, `..%2f` and `%5c` are caught after decoding, not before.
 */
export function pathSegments(pathname: string): string[] | null {
  if (pathname === '' || pathname === '/') return ['index.html'];
  if (!pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed escape
    }
    // Empty (`//x`, a trailing `/`), dot segments, separators of any platform, NUL, and `:` (a Windows drive or
    // an NTFS stream) can only be attempts to name something outside the folder.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppRequestLike) => Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    'content-security-policy': options.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // A new build replaces the files in place: always revalidate.
    'cache-control': 'no-cache',
  });
  const notFound = (pathname = '(unparsable URL)') => {
    options.onNotFound?.(pathname);
    return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    // Chromium lower-cases a standard scheme's host; Node's URL does not, so compare as Chromium would.
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password)
      return notFound(`${url.protocol}//${url.host}/…`);
    const segments = pathSegments(url.pathname);
    if (!segments) return notFound(url.pathname);
    try {
      const root = await realpath(options.root);
      // realpath follows every symlink on the way: a link inside the folder pointing out of it is caught here.
      const file = await realpath(join(root, ...segments));
      if (!file.startsWith(root + sep)) return notFound(url.pathname);
      if (!(await stat(file)).isFile()) return notFound(url.pathname);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: headers(contentTypeFor(file)) });
    } catch {
      return notFound(url.pathname); // missing, unreadable, or the root itself is gone
    }
  };
}
