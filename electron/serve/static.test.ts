import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Handlers, createDispatch } from '../api/dispatch';
import { EventBus } from '../api/events';
import { type RunningServer, startServer } from './server';

let dir: string;
let ui: string;
let server: RunningServer;

// A chunk the size that matters (several KiB of JavaScript), a file too small to compress, and an image.
const chunk = `export const rows = [${Array.from({ length: 600 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`;
const page = `<!doctype html><title>Cockpit</title>${'<p>The overview of every service.</p>'.repeat(60)}`;
const HASHED = '/assets/index-Bx7yQ2aZ.js';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-static-'));
  ui = join(dir, 'renderer');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), page);
  writeFileSync(join(ui, 'assets', 'index-Bx7yQ2aZ.js'), chunk);
  writeFileSync(join(ui, 'assets', 'plain.js'), chunk);
  writeFileSync(join(ui, 'assets', 'tiny-C1a2b3c4.css'), 'body{margin:0}');
  writeFileSync(join(ui, 'assets', 'logo-D1a2b3c4.png'), Buffer.alloc(4096, 7));
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  // Only static files are asked for here: no handler is ever called, so the contract's shapes are not needed.
  const handlers = {} as Handlers;
  server = await startServer({
    backend: { dispatch: createDispatch(handlers), events: new EventBus() },
    rendererDir: ui,
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire. */
  raw: Buffer;
  /** The bytes after undoing Content-Encoding. */
  body: string;
}

function fetchRaw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(parts);
          const coding = raw.length === 0 ? undefined : res.headers['content-encoding'];
          try {
            const decoded = coding === 'br' ? brotliDecompressSync(raw) : coding === 'gzip' ? gunzipSync(raw) : raw;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body: decoded.toString() });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const siblingPath = (urlPath: string, suffix: string) => join(ui, ...urlPath.split('/').filter(Boolean)) + suffix;

describe('compressed serving', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['identity;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['identity', undefined],
  ])('Accept-Encoding %j gets %s, which decodes to the exact file', async (accept, expected) => {
    for (const path of ['/', HASHED]) {
      const reply = await fetchRaw(path, { 'accept-encoding': accept });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe(expected);
      expect(reply.body).toBe(path === '/' ? page : chunk);
      expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
      expect(reply.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('sends a compressed chunk in a fraction of its size', async () => {
    const reply = await fetchRaw(HASHED, { 'accept-encoding': 'br' });
    expect(reply.raw.length).toBeLessThan(chunk.length / 4);
  });

  it('sends plain bytes to a client that names no encoding', async () => {
    const reply = await fetchRaw(HASHED);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.raw.toString()).toBe(chunk);
  });

  it('never compresses tiny files or images, and does not vary them', async () => {
    for (const path of ['/assets/tiny-C1a2b3c4.css', '/assets/logo-D1a2b3c4.png']) {
      const reply = await fetchRaw(path, { 'accept-encoding': 'br, gzip' });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers.vary).toBeUndefined();
      expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
    }
    expect((await fetchRaw('/assets/logo-D1a2b3c4.png')).headers['content-type']).toBe('image/png');
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const get = await fetchRaw(HASHED, { 'accept-encoding': 'br' });
    const head = await fetchRaw(HASHED, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('serves the build-time sibling while it is newer than its file, and the file itself once it is not', async () => {
    const url = '/assets/app-Prebuilt1.js';
    const file = siblingPath(url, '');
    writeFileSync(file, chunk);
    // A sibling holding other text than the file: only the one written by the build step could produce it.
    const marker = `${chunk}// precompressed at build time\n`;
    writeFileSync(`${file}.br`, brotliCompressSync(marker));
    expect((await fetchRaw(url, { 'accept-encoding': 'br' })).body).toBe(marker);

    // The file changed after the build (its sibling is now older): it is compressed afresh, never served stale.
    const later = new Date(Date.now() + 60_000);
    writeFileSync(file, `${chunk}// edited\n`);
    utimesSync(file, later, later);
    const fresh = await fetchRaw(url, { 'accept-encoding': 'br' });
    expect(fresh.headers['content-encoding']).toBe('br');
    expect(fresh.body).toBe(`${chunk}// edited\n`);
    expect(Number(fresh.headers['content-length'])).toBe(fresh.raw.length);
  });

  it('compresses a file without a sibling in memory once, and again when the file changes', async () => {
    const url = '/assets/runtime-Dyn4mic9.js';
    const file = siblingPath(url, '');
    writeFileSync(file, chunk);
    const first = await fetchRaw(url, { 'accept-encoding': 'gzip' });
    const second = await fetchRaw(url, { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.body).toBe(chunk);
    expect(second.raw.equals(first.raw)).toBe(true);

    const changed = chunk.replace('row 1"', 'row one"');
    writeFileSync(file, changed);
    const later = new Date(Date.now() + 120_000);
    utimesSync(file, later, later);
    const third = await fetchRaw(url, { 'accept-encoding': 'gzip' });
    expect(third.body).toBe(changed);
    expect(third.headers.etag).not.toBe(first.headers.etag);
  });

  it('does not serve the .br and .gz siblings as files of their own', async () => {
    const url = '/assets/sibling-Sib1ing22.js';
    writeFileSync(siblingPath(url, ''), chunk);
    writeFileSync(siblingPath(url, '.br'), brotliCompressSync(chunk));
    writeFileSync(siblingPath(url, '.gz'), 'not really gzip');
    expect((await fetchRaw(`${url}.br`, { 'accept-encoding': 'br' })).status).toBe(404);
    expect((await fetchRaw(`${url}.gz`)).status).toBe(404);
    expect((await fetchRaw(`${url}.BR`)).status).toBe(404);
  });
});

describe('caching', () => {
  it('caches content-hashed assets for a year and makes the page and unhashed files revalidate', async () => {
    expect((await fetchRaw(HASHED)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await fetchRaw('/assets/logo-D1a2b3c4.png')).headers['cache-control']).toMatch(/immutable/);
    expect((await fetchRaw('/')).headers['cache-control']).toBe('no-cache');
    expect((await fetchRaw('/index.html')).headers['cache-control']).toBe('no-cache');
    // Vite never emits these, but a file dropped into assets/ by hand must not be pinned in browsers for a year.
    expect((await fetchRaw('/assets/plain.js')).headers['cache-control']).toBe('no-cache');
  });

  it('answers a reload of the page with 304, no body, and every security header', async () => {
    const first = await fetchRaw('/', { 'accept-encoding': 'gzip, br' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{22}-br"$/);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await fetchRaw('/', { 'accept-encoding': 'gzip, br', 'if-none-match': ifNoneMatch });
      expect(again.status).toBe(304);
      expect(again.raw.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-cache');
      expect(again.headers.vary).toBe('Accept-Encoding');
      expect(String(again.headers['content-security-policy'])).toMatch(/default-src 'self'/);
      expect(again.headers['x-content-type-options']).toBe('nosniff');
      expect(again.headers['referrer-policy']).toBe('no-referrer');
      expect(again.headers['x-frame-options']).toBe('DENY');
    }
    // Each encoding is its own representation: the identity copy's tag does not match the brotli one.
    const plain = await fetchRaw('/', { 'if-none-match': etag });
    expect(plain.status).toBe(200);
    expect(plain.body).toBe(page);
    expect(await fetchRaw('/', { 'if-none-match': String(plain.headers.etag) })).toMatchObject({ status: 304 });
  });

  it('gives the page a new tag when it changes, so a reload after a rebuild gets the new page', async () => {
    const before = await fetchRaw('/', { 'accept-encoding': 'br' });
    const rebuilt = page.replace('Cockpit', 'Cockpit 2');
    writeFileSync(join(ui, 'index.html'), rebuilt);
    const later = new Date(Date.now() + 180_000);
    utimesSync(join(ui, 'index.html'), later, later);
    const after = await fetchRaw('/', { 'accept-encoding': 'br', 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.body).toBe(rebuilt);
    writeFileSync(join(ui, 'index.html'), page);
  });
});

describe('files outside the UI folder', () => {
  it('are never served, encoded or not', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const reply = await fetchRaw(path, { 'accept-encoding': 'br' });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
    expect(readFileSync(join(dir, 'secret.txt'), 'utf8')).toBe('outside the renderer');
  });
});
