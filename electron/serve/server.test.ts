import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatch, type Handlers } from '../api/dispatch';
import { EventBus } from '../api/events';
import { type RunningServer, startServer } from './server';
import { resolveStaticPath } from './static';
import { openClient, startTestServer } from './testing/test-server';

let dir: string;
let server: RunningServer;
const events = new EventBus();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-serve-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Cockpit</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app-Bx7yQ2aZ.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const handlers = { 'app.info': () => ({ name: 'Reliability Cockpit' }) } as unknown as Handlers;
  server = await startServer({
    backend: { dispatch: createDispatch(handlers), events },
    rendererDir: join(dir, 'renderer'),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  path: string,
  host = `127.0.0.1:${server.port}`,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(token: string | null, origin = `http://127.0.0.1:${server.port}`): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${server.port}/api${token === null ? '' : `?token=${token}`}`;
  const ws = new WebSocket(url, { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const nextMessage = (ws: WebSocket) =>
  new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
const closeCode = (ws: WebSocket) => new Promise<number>((r) => ws.once('close', (code) => r(code)));

describe('serve mode', () => {
  it('listens on 127.0.0.1 only and prints a URL with its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the UI with a strict content security policy and no referrer', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Cockpit</title>');
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'self'/);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/assets/app-Bx7yQ2aZ.js')).headers['cache-control']).toMatch(/immutable/);
  });

  it('never serves a file outside the UI folder', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect(resolveStaticPath('/srv/ui', '/../../etc/passwd')).toBe('/srv/ui/etc/passwd');
    expect(resolveStaticPath('/srv/ui', '/%00')).toBeUndefined();
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(421);
  });

  it('closes a socket without the right token before reading anything', async () => {
    for (const token of [null, 'wrong', `${server.token}x`]) {
      const ws = await open(token);
      expect(await closeCode(ws)).toBe(4401);
    }
  });

  it('refuses a socket from a foreign origin even with the token', async () => {
    await expect(open(server.token, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('answers calls, rejects junk without dying, and pushes events', async () => {
    const ws = await open(server.token);
    ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    expect(await nextMessage(ws)).toEqual({ id: 1, ok: true, value: { name: 'Reliability Cockpit' } });
    ws.send('not json');
    expect(await nextMessage(ws)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    ws.send(JSON.stringify({ id: 2, method: 'nope.nothing', input: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 2, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const pushed = nextMessage(ws);
    events.emit('app.settingsChanged', { theme: 'dark' });
    expect(await pushed).toEqual({ event: 'app.settingsChanged', payload: { theme: 'dark' } });
    ws.close();
  });
});

describe('closing', () => {
  it('waits for an answer still being worked on before the backend goes away', async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // A stand-in answering with only the field the test needs; the contract's full app.info shape is not the point.
    const t = await startTestServer({
      'app.info': async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
        return { name: 'Reliability Cockpit' };
      },
    } as unknown as Partial<Handlers>);
    const ws = await openClient(t.server.port, t.server.token);
    ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    await running;
    await t.close();
    // The journal (and everything else the backend holds) is closed right after this: the read must be over.
    expect(finished).toBe(true);
  });
});
