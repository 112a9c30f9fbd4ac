import { describe, expect, it } from 'vitest';
import { type SocketHandlers, backoffDelay, createWebSocketClient } from './websocket';

/** A fake server end: records what the client sends and lets the test open, answer, push and close. */
class FakeSocket {
  sent: { id: number; method: string; input: unknown }[] = [];
  closedByClient: { code?: number } | null = null;
  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as { id: number; method: string; input: unknown });
  }
  close(code?: number) {
    this.closedByClient = { code };
  }
  open() {
    this.handlers.open();
  }
  reply(id: number, value: unknown) {
    this.handlers.message(JSON.stringify({ id, ok: true, value }));
  }
  fail(id: number, code: string, message: string) {
    this.handlers.message(JSON.stringify({ id, ok: false, error: { code, message } }));
  }
  push(event: string, payload: unknown) {
    this.handlers.message(JSON.stringify({ event, payload }));
  }
  raw(data: unknown) {
    this.handlers.message(data);
  }
  drop(code = 1006) {
    this.handlers.close(code, '');
  }
}

function setup(
  url: string | null = 'ws://127.0.0.1:1234/api?token=abc',
  extra: { tokenFromEarlierLoad?: boolean } = {},
) {
  const sockets: FakeSocket[] = [];
  const clock = { now: Date.parse('2026-03-12T22:14:00Z') };
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const problems: string[] = [];
  const client = createWebSocketClient({
    url,
    createSocket: (u, handlers) => {
      const socket = new FakeSocket(u, handlers);
      sockets.push(socket);
      return socket;
    },
    schedule: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    onProtocolError: (p) => problems.push(p),
    now: () => clock.now,
    // The middle of the jitter range: the plain schedule.
    random: () => 0.5,
    ...extra,
  });
  const states: string[] = [];
  client.connection.subscribe((s) => states.push(s));
  const last = () => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket was opened');
    return s;
  };
  /** Runs the pending reconnect timer, as if its delay had passed. */
  const runTimer = () => {
    const timer = timers.find((t) => !t.cancelled);
    if (!timer) throw new Error('no timer pending');
    timer.cancelled = true;
    timer.fn();
    return timer.ms;
  };
  return { client, sockets, timers, states, problems, last, runTimer, clock };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('websocket bridge', () => {
  it('connects to the given URL and starts in the connecting state', () => {
    const { client, last } = setup();
    expect(last().url).toBe('ws://127.0.0.1:1234/api?token=abc');
    expect(client.connection.get()).toBe('connecting');
  });

  it('queues calls made before the socket opens and sends them, in order, once it opens', async () => {
    const { client, last, states } = setup();
    const info = client.api.app.info({});
    const list = client.api.journal.list({ limit: 5 });
    expect(last().sent).toEqual([]);

    last().open();
    expect(states).toEqual(['open']);
    expect(last().sent.map((m) => m.method)).toEqual(['app.info', 'journal.list']);
    expect(last().sent[1]?.input).toEqual({ limit: 5 });

    const [first, second] = last().sent;
    last().reply(second?.id ?? -1, { actions: [], hasMore: false });
    last().reply(first?.id ?? -1, { name: 'Reliability Cockpit' });
    await expect(info).resolves.toEqual({ name: 'Reliability Cockpit' });
    await expect(list).resolves.toEqual({ actions: [], hasMore: false });
  });

  it('rejects a failed call with the server error code and message', async () => {
    const { client, last } = setup();
    last().open();
    const opened = client.api.workspace.open({ path: '/nope/cockpit.yaml' });
    last().fail(last().sent[0]?.id ?? -1, 'NOT_FOUND', 'no such file: /nope/cockpit.yaml');
    await expect(opened).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no such file: /nope/cockpit.yaml' });
  });

  it('delivers pushed events to every subscriber of that event, and stops after unsubscribe', () => {
    const { client, last } = setup();
    last().open();
    const a: unknown[] = [];
    const b: unknown[] = [];
    // Recorded, not thrown: the bridge catches what a handler throws, so a throwing guard would never fail the test.
    const other: unknown[] = [];
    const offA = client.api.on('app.settingsChanged', (p) => a.push(p));
    client.api.on('app.settingsChanged', (p) => b.push(p));
    client.api.on('journal.action', (p) => other.push(p));
    last().push('app.settingsChanged', { theme: 'dark' });
    offA();
    last().push('app.settingsChanged', { theme: 'light' });
    expect(a).toEqual([{ theme: 'dark' }]);
    expect(b).toEqual([{ theme: 'dark' }, { theme: 'light' }]);
    expect(other).toEqual([]);
  });

  it('keeps delivering to other subscribers when one handler throws', () => {
    const { client, last } = setup();
    last().open();
    const seen: unknown[] = [];
    client.api.on('app.settingsChanged', () => {
      throw new Error('boom');
    });
    client.api.on('app.settingsChanged', (p) => seen.push(p));
    const original = console.error;
    console.error = () => undefined;
    try {
      last().push('app.settingsChanged', { theme: 'dark' });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([{ theme: 'dark' }]);
  });

  it('ignores malformed frames without failing calls in flight', async () => {
    const { client, last, problems } = setup();
    last().open();
    const info = client.api.app.info({});
    last().raw('not json');
    last().raw(JSON.stringify({ hello: 'world' }));
    last().raw(JSON.stringify({ id: 999, ok: true, value: 1 }));
    last().reply(last().sent[0]?.id ?? -1, { ok: 1 });
    await expect(info).resolves.toEqual({ ok: 1 });
    expect(problems).toEqual(['ignored a frame that is not JSON', 'ignored a malformed response']);
  });

  it('on close, rejects calls in flight with UNAVAILABLE and reconnects with backoff 0.5s, 1s, 2s … 30s', async () => {
    const { client, last, sockets, states, runTimer } = setup();
    last().open();
    const pending = client.api.workspace.current({});
    last().drop();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(client.connection.get()).toBe('reconnecting');

    const delays = [runTimer()];
    for (let i = 0; i < 7; i++) {
      last().drop();
      delays.push(runTimer());
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(sockets).toHaveLength(9);

    last().open();
    expect(client.connection.get()).toBe('open');
    // Listeners also hear each attempt (its times changed); the states they saw, in order, are these.
    expect(states.filter((state, i) => state !== states[i - 1])).toEqual(['open', 'reconnecting', 'open']);

    // After a successful reconnect the backoff starts again from half a second.
    last().drop();
    expect(runTimer()).toBe(500);
  });

  it('fails calls at once while reconnecting instead of leaving them hanging', async () => {
    const { client, last } = setup();
    last().open();
    last().drop();
    await expect(client.api.app.info({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('rejects calls queued before a first connection that failed, then works after reconnecting', async () => {
    const { client, last, runTimer } = setup();
    const early = client.api.app.info({});
    last().drop();
    await expect(early).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    runTimer();
    last().open();
    const later = client.api.app.info({});
    last().reply(last().sent[0]?.id ?? -1, { name: 'x' });
    await expect(later).resolves.toEqual({ name: 'x' });
  });

  it.each([4401, 1008])(
    'treats close code %i on a first connect as a wrong link: no reconnect, calls fail FORBIDDEN',
    async (code) => {
      const { client, last, timers, states } = setup();
      const queued = client.api.app.info({});
      last().drop(code);
      expect(client.connection.get()).toBe('refused');
      expect(states).toEqual(['refused']);
      expect(timers).toHaveLength(0);
      await expect(queued).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(client.api.app.info({})).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('cockpit serve'),
      });
    },
  );

  it('without a token it never connects and reports refused', async () => {
    const { client, sockets } = setup(null);
    expect(sockets).toHaveLength(0);
    expect(client.connection.get()).toBe('refused');
    await expect(client.api.app.info({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('dispose closes the socket, cancels the retry and ignores late events from the old socket', async () => {
    const { client, last, timers, sockets } = setup();
    last().open();
    last().drop();
    client.dispose();
    expect(timers.every((t) => t.cancelled)).toBe(true);
    await settle();
    expect(sockets).toHaveLength(1);
    await expect(client.api.app.info({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('builds one nested method per contract method', () => {
    const { client } = setup();
    expect(typeof client.api.workspace.open).toBe('function');
    expect(typeof client.api.journal.get).toBe('function');
    expect(typeof client.api.app.updateSettings).toBe('function');
    expect(typeof client.api.on).toBe('function');
  });
});

describe('the connection times the UI shows', () => {
  it('keeps the time of the last data received, and says when it last tried and when it tries next', () => {
    const { client, last, clock, runTimer } = setup();
    const opened = clock.now;
    last().open();
    expect(client.connection.details()).toEqual({
      state: 'open',
      lastReceivedAt: opened,
      lastAttemptAt: null,
      nextAttemptAt: null,
    });
    clock.now += 90_000;
    last().push('app.settingsChanged', { theme: 'dark' });
    const lastFrame = clock.now;
    clock.now += 30_000;
    last().drop();
    expect(client.connection.details()).toEqual({
      state: 'reconnecting',
      lastReceivedAt: lastFrame,
      lastAttemptAt: null,
      nextAttemptAt: clock.now + 500,
    });

    clock.now += 500;
    const tried = clock.now;
    runTimer();
    expect(client.connection.details()).toMatchObject({ lastAttemptAt: tried, nextAttemptAt: null });
    last().drop();
    // The stale-since time stays the last data received, not the last attempt.
    expect(client.connection.details()).toEqual({
      state: 'reconnecting',
      lastReceivedAt: lastFrame,
      lastAttemptAt: tried,
      nextAttemptAt: tried + 1000,
    });
  });

  it('tells its listeners about every attempt, so the "last tried" time on screen moves', () => {
    const { client, last, runTimer } = setup();
    last().open();
    let heard = 0;
    client.connection.subscribe(() => heard++);
    last().drop();
    runTimer();
    last().drop();
    expect(heard).toBeGreaterThanOrEqual(3);
  });

  it('"Retry now" tries at once and keeps the back-off going if that fails', () => {
    const { client, last, sockets, timers, clock } = setup();
    last().open();
    last().drop();
    const pending = timers.find((t) => !t.cancelled);
    clock.now += 200;
    client.connection.retryNow();
    expect(pending?.cancelled).toBe(true);
    expect(sockets).toHaveLength(2);
    expect(client.connection.details().lastAttemptAt).toBe(clock.now);
    last().drop();
    expect(timers.filter((t) => !t.cancelled).map((t) => t.ms)).toEqual([1000]);
    last().open();
    client.connection.retryNow();
    expect(sockets).toHaveLength(3);
  });
});

describe('a refused token', () => {
  it('after the page had been connected means the session ended: no retry, ever', async () => {
    const { client, last, timers, runTimer } = setup();
    last().open();
    last().drop();
    runTimer();
    last().drop(4401);
    expect(client.connection.get()).toBe('session-ended');
    expect(timers.filter((t) => !t.cancelled)).toEqual([]);
    client.connection.retryNow();
    expect(timers.filter((t) => !t.cancelled)).toEqual([]);
    await expect(client.api.app.info({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('session ended'),
    });
    expect(client.connection.details().nextAttemptAt).toBeNull();
  });

  it('with a token kept from an earlier load of the page also means the session ended', () => {
    const { client, last, sockets } = setup('ws://127.0.0.1:1234/api?token=old', { tokenFromEarlierLoad: true });
    last().drop(4401);
    expect(client.connection.get()).toBe('session-ended');
    expect(sockets).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from half a second and stops at thirty', () => {
    const plain = (attempt: number) => backoffDelay(attempt, 0.5);
    expect([0, 1, 2, 3, 4, 5, 6, 20, 1000].map(plain)).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('spreads each delay by up to a quarter either way, and never past thirty seconds', () => {
    expect(backoffDelay(2, 0)).toBe(1500);
    expect(backoffDelay(2, 0.999_999)).toBe(2500);
    expect(backoffDelay(6, 0)).toBe(24_000);
    expect(backoffDelay(6, 0.999_999)).toBe(30_000);
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});
