import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../security/csp';
import { APP_INDEX_URL, appSchemePrivileges, createAppProtocolHandler, pathSegments } from './app-protocol';

// A real folder: the built renderer, a secret next to it, and links that lead out of it.
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-protocol-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>cockpit</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
writeFileSync(join(root, 'assets', 'data.bin'), 'b');
writeFileSync(join(root, 'assets', 'a file.js'), 'export const spaced = 1;');
writeFileSync(join(scratch, 'secret.txt'), 'TOP SECRET');
mkdirSync(join(scratch, 'outside'));
writeFileSync(join(scratch, 'outside', 'x.js'), 'outside');
symlinkSync(join(scratch, 'secret.txt'), join(root, 'leak.txt'));
symlinkSync(join(scratch, 'outside'), join(root, 'linked-dir'));
symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'alias.js')); // a link that stays inside

const csp = contentSecurityPolicy();
const handle = createAppProtocolHandler({ root, contentSecurityPolicy: csp });
const get = (url: string, method = 'GET') => handle({ url, method });

describe('the app:// protocol handler', () => {
  it('serves the renderer with the right content type and the CSP header', async () => {
    const index = await get(APP_INDEX_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(csp);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>cockpit</title>');

    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8', // module scripts refuse anything else
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/font.woff2': 'font/woff2',
      'assets/data.bin': 'application/octet-stream',
      'assets/a%20file.js': 'text/javascript; charset=utf-8',
      'alias.js': 'text/javascript; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await get(`app://cockpit/${path}?v=1#x`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBe(csp);
    }
    expect((await get('app://cockpit/')).status).toBe(200); // the root is the index
  });

  it('answers 404, with the CSP, for everything outside the folder or not a file', async () => {
    const refused = [
      'app://cockpit/missing.js',
      'app://cockpit/assets', // a folder
      'app://cockpit/assets/',
      'app://cockpit/../secret.txt', // URL parsing removes the dots; what is left is not in the folder
      'app://cockpit/%2e%2e/secret.txt',
      'app://cockpit/assets/..%2f..%2fsecret.txt', // an encoded slash
      'app://cockpit/..%5csecret.txt', // an encoded backslash
      'app://cockpit/%2fetc%2fpasswd', // an absolute path, encoded
      `app://cockpit/${encodeURIComponent(join(scratch, 'secret.txt'))}`,
      'app://cockpit//etc/passwd',
      'app://cockpit/C:%5cWindows%5cwin.ini',
      'app://cockpit/index.html%00.png',
      'app://cockpit/%E0%A4%A', // a malformed escape
      'app://cockpit/leak.txt', // a symlink to a file outside
      'app://cockpit/linked-dir/x.js', // through a symlinked folder outside
      'app://other/index.html', // another host of the scheme
      'app://user:pw@cockpit/index.html',
      'https://cockpit/index.html',
      'not a url',
    ];
    for (const url of refused) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(csp);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 when the renderer has not been built, and says which file was missing', async () => {
    const missing: string[] = [];
    const unbuilt = createAppProtocolHandler({
      root: join(scratch, 'no-build'),
      contentSecurityPolicy: csp,
      onNotFound: (pathname) => missing.push(pathname),
    });
    expect((await unbuilt({ url: `${APP_INDEX_URL}?token=not-logged`, method: 'GET' })).status).toBe(404);
    expect(missing).toEqual(['/index.html']);
  });
});

describe('pathSegments', () => {
  it('decodes each segment, then refuses dots, separators, NUL, drive colons and empty segments', () => {
    expect(pathSegments('/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    expect(pathSegments('/')).toEqual(['index.html']);
    for (const path of ['/..', '/a/%2E%2E/b', '/a%2Fb', '/a%5Cb', '/a%00', '/c:', '//x', '/x/', '/%zz', 'x']) {
      expect(pathSegments(path), path).toBeNull();
    }
  });
});

describe('appSchemePrivileges', () => {
  it('makes app:// a standard, secure scheme that can fetch, without bypassing the CSP or opening CORS', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});
