/**
 * Per-connection bounds on a live server: a client with too much in flight is told BUSY at once, a client that
 * does not read stops being read and is dropped past a bound, identical host reads share one run, and the
 * others are served throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Handlers } from '../api/dispatch';
import { rawClient, textFrame } from './testing/raw-ws';
import { type TestServer, callOnce, openClient, startTestServer } from './testing/test-server';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const info = () => ({
  name: 'Reliability Cockpit',
  version: '0.0.0',
  transport: 'websocket' as const,
  canBrowse: false,
  canSavePdf: false,
  dataDir: '/tmp',
  platform: 'test',
  startedAt: new Date(0).toISOString(),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { open: () => open(), opened };
}

describe('requests in flight per connection', () => {
  it('answers the excess BUSY at once, runs the rest, and leaves other connections their own allowance', async () => {
    const held = gate();
    let started = 0;
    const handlers: Partial<Handlers> = {
      'app.info': info,
      'journal.list': async () => {
        started++;
        await held.opened;
        return { actions: [], hasMore: false };
      },
    };
    t = await startTestServer(handlers, { maxInFlight: 4 });
    const ws = await openClient(t.server.port, t.server.token);
    const replies: Array<{ id: number; ok: boolean; error?: { code: string } }> = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    for (let id = 1; id <= 10; id++) ws.send(JSON.stringify({ id, method: 'journal.list', input: {} }));
    for (let i = 0; i < 100 && replies.length < 6; i++) await sleep(10);

    // Six answers came while the first four are still running: all BUSY, for the last six ids.
    expect(replies.map((r) => r.id)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(replies.every((r) => !r.ok && r.error?.code === 'BUSY')).toBe(true);
    expect(started).toBe(4);
    // Another connection is not held back by this one's burst.
    expect(await callOnce(t.server.port, t.server.token)).toMatchObject({ ok: true });

    held.open();
    for (let i = 0; i < 100 && replies.length < 10; i++) await sleep(10);
    expect(replies.slice(6).map((r) => [r.id, r.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    // Once they answered, the allowance is back.
    ws.send(JSON.stringify({ id: 11, method: 'app.info', input: {} }));
    for (let i = 0; i < 100 && replies.length < 11; i++) await sleep(10);
    expect(replies[10]).toMatchObject({ id: 11, ok: true });
    ws.close();
  });
});

describe('a client that does not read', () => {
  it('stops being read past the bound, is dropped when events pile up, and never holds up the others', async () => {
    let calls = 0;
    const page = 'x'.repeat(8 * 1024);
    const handlers: Partial<Handlers> = {
      'app.info': info,
      // A reply of 8 KiB, so unread replies pile up quickly. The padding is no part of the contract's type,
      // hence the cast: the server only serializes what a handler returns.
      'journal.list': () => {
        calls++;
        return { actions: [], hasMore: false, page } as never;
      },
    };
    t = await startTestServer(handlers, { maxInFlight: 64, pauseAtBytes: 64 * 1024, dropAtBytes: 1024 * 1024 });
    const { port, token } = t.server;
    const stuck = await rawClient({ port, token, noRead: true });
    const request = textFrame(JSON.stringify({ id: 1, method: 'journal.list', input: {} }));
    const SENT = 20_000;
    stuck.send(Buffer.concat(Array.from({ length: SENT }, () => request)));

    // Wait until the server has stopped taking its requests.
    let last = -1;
    for (let i = 0; i < 200 && calls !== last; i++) {
      last = calls;
      await sleep(100);
    }
    // Everything the kernel's socket buffers could take was answered; nothing more is read until it reads.
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(SENT / 2);
    const answeredWhilePaused = calls;

    const started = Date.now();
    expect(await callOnce(port, token)).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(answeredWhilePaused);

    // Events still go to every client; past the bound, the one that never reads is cut off.
    const listener = await openClient(port, token);
    for (let i = 0; i < 100 && t.server.clientCount() !== 2; i++) await sleep(10);
    let heard = 0;
    listener.on('message', () => heard++);
    const notice = {
      title: 'x',
      body: 'y'.repeat(64 * 1024),
      severity: 'info' as const,
      at: new Date(0).toISOString(),
    };
    let emitted = 0;
    while (t.server.clientCount() === 2 && emitted < 400) {
      t.events.emit('app.alert', notice);
      emitted++;
      await sleep(1);
    }
    expect(t.server.clientCount()).toBe(1);
    // Reading now, the client finds its connection gone.
    stuck.socket.resume();
    await stuck.closed;
    // Dropped after well under the 400 events (25 MiB) it could otherwise have piled up.
    expect(emitted).toBeLessThan(400);
    for (let i = 0; i < 200 && heard < emitted; i++) await sleep(10);
    expect(heard).toBe(emitted);
    console.log(
      `slow reader: ${answeredWhilePaused} of ${SENT} requests read before pausing; dropped after ${emitted} events of 64 KiB`,
    );
    listener.close();
  });
});

describe('identical host reads', () => {
  it('share one run while it is running, and a deploy change starts a fresh one', async () => {
    let runs = 0;
    let held = gate();
    const handlers: Partial<Handlers> = {
      'app.info': info,
      'deploys.overview': async () => {
        const run = ++runs;
        await held.opened;
        // A marker of which run answered instead of a real overview: the server only passes the value on.
        return { run } as never;
      },
    };
    const served = await startTestServer(handlers);
    t = served;
    const clients = await Promise.all(
      Array.from({ length: 5 }, () => openClient(served.server.port, served.server.token)),
    );
    const replies = clients.map(
      (ws, i) =>
        new Promise<unknown>((r) => {
          ws.once('message', (d) => r(JSON.parse(d.toString())));
          ws.send(JSON.stringify({ id: 100 + i, method: 'deploys.overview', input: {} }));
        }),
    );
    await sleep(50);
    held.open();
    expect(await Promise.all(replies)).toEqual(clients.map((_, i) => ({ id: 100 + i, ok: true, value: { run: 1 } })));
    expect(runs).toBe(1);

    held = gate();
    const first = callOnce(served.server.port, served.server.token, 'deploys.overview');
    await sleep(50);
    served.events.emit('deploys.changed', { service: null, environment: null, reason: 'workspace', runId: null });
    const second = callOnce(served.server.port, served.server.token, 'deploys.overview');
    await sleep(50);
    held.open();
    expect(await first).toMatchObject({ value: { run: 2 } });
    expect(await second).toMatchObject({ value: { run: 3 } });
    for (const ws of clients) ws.close();
  });
});
