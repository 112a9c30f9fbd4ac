/**
 * The serve-mode transport: the contract's client over one WebSocket. JSON text frames; the client sends
 * `{ id, method, input }`, the server answers `{ id, ok, value | error }` or pushes `{ event, payload }` to every
 * client. Calls made before the first connection opens wait in a queue; when the socket closes, calls in flight
 * fail with UNAVAILABLE and the client reconnects with back-off (about 0.5 s, 1 s, 2 s … up to 30 s, jittered so
 * many tabs do not knock at once). Event subscriptions live here, not on the socket, so they outlast a reconnect.
 *
 * A close code of 4401 or 1008 means the server refused the token: no retry loop. If this page's token worked
 * before (or came from an earlier load of the page), the refusal means the cockpit was restarted with a new token:
 * the session ended. Otherwise the link itself is wrong. The UI says what to do in each case.
 *
 * The socket, the timer, the clock and the dice are injected so queuing and reconnecting are unit-tested.
 */
import { type CockpitApi, type Events, methods } from '../../shared/api';
import { CockpitError, type EventSubscriber, buildClient, eventMessageSchema, responseSchema } from '../../shared/rpc';
import { type ConnectionDetails, type ConnectionSource, type ConnectionState } from './connection';

export interface SocketHandlers {
  open(): void;
  close(code: number, reason: string): void;
  message(data: unknown): void;
}

export interface SocketHandle {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket and reports to the handlers; the browser version wraps `new WebSocket(url)`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

/** Runs `fn` after `ms`; returns a cancel function. */
export type Scheduler = (fn: () => void, ms: number) => () => void;

export interface WebSocketClientOptions {
  /** `ws://host/api?token=…`, or null when the page has no token at all (refused without trying). */
  url: string | null;
  createSocket: SocketFactory;
  schedule?: Scheduler;
  /** Told about frames that match no envelope (a server bug); the UI keeps working. */
  onProtocolError?: (problem: string) => void;
  /**
   * The token came from an earlier load of this page (sessionStorage), not from the address just opened: a refusal
   * then means the cockpit was restarted since, not that the link is wrong.
   */
  tokenFromEarlierLoad?: boolean;
  /** Clock for the times the UI shows; Date.now otherwise. */
  now?: () => number;
  /** 0 ≤ x < 1, for the back-off's jitter; Math.random otherwise. */
  random?: () => number;
}

export interface WebSocketClient {
  api: CockpitApi;
  connection: ConnectionSource;
  /** Closes the socket for good (tests, page unload). */
  dispose(): void;
}

/** Close codes the serve-mode server uses to say the token is missing or wrong. */
export const REFUSED_CLOSE_CODES: readonly number[] = [4401, 1008];

export const FIRST_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 30_000;
/** Each delay is stretched or shrunk by up to this share, so tabs that lost the same server do not retry in step. */
export const BACKOFF_JITTER = 0.25;

/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5 s, 1 s, 2 s, 4 s … doubling, each ±25 % at random, never
 * more than 30 s. `random` is 0 ≤ x < 1; 0.5 gives the plain schedule.
 */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const base = FIRST_BACKOFF_MS * 2 ** Math.min(attempt, 16);
  const jittered = base * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random);
  return Math.round(Math.min(MAX_BACKOFF_MS, jittered));
}

const defaultSchedule: Scheduler = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const REFUSED_MESSAGE =
  'This cockpit link is missing its token or the token is wrong — open the URL printed by `cockpit serve`.';
export const SESSION_ENDED_MESSAGE =
  "This page's session ended: the cockpit was restarted and its old address no longer works. Open the new " +
  'address that `cockpit serve` printed.';

export function createWebSocketClient(options: WebSocketClientOptions): WebSocketClient {
  const schedule = options.schedule ?? defaultSchedule;
  const report = options.onProtocolError ?? ((problem: string) => console.warn(`cockpit bridge: ${problem}`));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;

  let state: ConnectionState = options.url === null ? 'refused' : 'connecting';
  let socket: SocketHandle | null = null;
  let attempt = 0;
  let cancelRetry: (() => void) | null = null;
  /** The token was accepted at least once by this page. */
  let everOpened = false;
  let lastReceivedAt: number | null = null;
  let lastAttemptAt: number | null = null;
  let nextAttemptAt: number | null = null;
  let disposed = false;
  let nextId = 1;
  /** Sent, waiting for an answer. */
  const inFlight = new Map<number, Pending>();
  /** Not sent yet: the socket has not opened. */
  const queue: { id: number; frame: string; pending: Pending }[] = [];
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  function notify(): void {
    for (const listener of [...stateListeners]) listener(state);
  }

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    notify();
  }

  function scheduleRetry(): void {
    const delay = backoffDelay(attempt, random());
    attempt += 1;
    nextAttemptAt = now() + delay;
    cancelRetry = schedule(retry, delay);
  }

  function retry(): void {
    cancelRetry = null;
    nextAttemptAt = null;
    lastAttemptAt = now();
    connect();
    // The attempt may have failed synchronously and scheduled the next one; either way the times changed.
    notify();
  }

  function failAll(error: () => CockpitError): void {
    for (const [id, pending] of inFlight) {
      inFlight.delete(id);
      pending.reject(error());
    }
    for (const item of queue.splice(0)) item.pending.reject(error());
  }

  function connect(): void {
    if (disposed || options.url === null) return;
    const url = options.url;
    let current: SocketHandle | null = null;
    // Handlers of a socket that was replaced or disposed are ignored, so a late event cannot confuse the state.
    const isCurrent = () => current !== null && current === socket;
    current = options.createSocket(url, {
      open() {
        if (!isCurrent()) return;
        attempt = 0;
        everOpened = true;
        lastReceivedAt = now();
        nextAttemptAt = null;
        setState('open');
        for (const item of queue.splice(0)) sendNow(item.id, item.frame, item.pending);
      },
      close(code) {
        if (!isCurrent()) return;
        socket = null;
        if (REFUSED_CLOSE_CODES.includes(code)) {
          const ended = everOpened || options.tokenFromEarlierLoad === true;
          nextAttemptAt = null;
          setState(ended ? 'session-ended' : 'refused');
          failAll(() => new CockpitError('FORBIDDEN', refusedMessage()));
          return;
        }
        failAll(() => new CockpitError('UNAVAILABLE', 'The connection to the cockpit backend was lost; reconnecting.'));
        if (disposed) return;
        scheduleRetry();
        if (state === 'reconnecting') notify();
        else setState('reconnecting');
      },
      message(data) {
        if (!isCurrent()) return;
        lastReceivedAt = now();
        receive(data);
      },
    });
    socket = current;
  }

  function sendNow(id: number, frame: string, pending: Pending): void {
    if (!socket) {
      pending.reject(new CockpitError('UNAVAILABLE', 'Not connected to the cockpit backend.'));
      return;
    }
    inFlight.set(id, pending);
    try {
      socket.send(frame);
    } catch (error) {
      inFlight.delete(id);
      pending.reject(new CockpitError('UNAVAILABLE', `Could not send ${pending.method}: ${String(error)}`));
    }
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return report('ignored a binary frame');
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return report('ignored a frame that is not JSON');
    }
    if (typeof message === 'object' && message !== null && 'event' in message) {
      const event = eventMessageSchema.safeParse(message);
      if (!event.success) return report('ignored a malformed event');
      for (const handler of [...(eventListeners.get(event.data.event) ?? [])]) {
        try {
          handler(event.data.payload);
        } catch (error) {
          // One failing subscriber must not keep the others from hearing the event.
          console.error(`cockpit bridge: a handler of ${event.data.event} failed`, error);
        }
      }
      return;
    }
    const response = responseSchema.safeParse(message);
    if (!response.success) return report('ignored a malformed response');
    const pending = inFlight.get(response.data.id);
    if (!pending) return;
    inFlight.delete(response.data.id);
    if (response.data.ok) pending.resolve(response.data.value);
    else pending.reject(CockpitError.from(response.data.error));
  }

  function refusedMessage(): string {
    return state === 'session-ended' ? SESSION_ENDED_MESSAGE : REFUSED_MESSAGE;
  }

  function call(method: string, input: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { method, resolve, reject };
      if (state === 'refused' || state === 'session-ended') {
        return reject(new CockpitError('FORBIDDEN', refusedMessage()));
      }
      if (disposed) return reject(new CockpitError('UNAVAILABLE', 'The cockpit connection was closed.'));
      if (state === 'reconnecting') {
        return reject(new CockpitError('UNAVAILABLE', 'Not connected to the cockpit backend; reconnecting.'));
      }
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input: input ?? {} });
      if (state === 'connecting') queue.push({ id, frame, pending });
      else sendNow(id, frame, pending);
    });
  }

  const on: EventSubscriber<Events> = (event, handler) => {
    const set = eventListeners.get(event) ?? new Set();
    eventListeners.set(event, set);
    // Payloads were validated against the contract by the server's event bus before they were sent.
    const untyped = handler as (payload: unknown) => void;
    set.add(untyped);
    return () => {
      set.delete(untyped);
    };
  };

  connect();

  return {
    api: { ...buildClient(methods, call), on },
    connection: {
      get: () => state,
      details: (): ConnectionDetails => ({ state, lastReceivedAt, lastAttemptAt, nextAttemptAt }),
      retryNow() {
        // Only a scheduled retry can be brought forward: an attempt under way answers soon by itself.
        if (disposed || state !== 'reconnecting' || cancelRetry === null) return;
        cancelRetry();
        retry();
      },
      subscribe(listener) {
        stateListeners.add(listener);
        return () => {
          stateListeners.delete(listener);
        };
      },
    },
    dispose() {
      disposed = true;
      cancelRetry?.();
      cancelRetry = null;
      nextAttemptAt = null;
      const last = socket;
      socket = null;
      last?.close(1000, 'client closed');
      failAll(() => new CockpitError('UNAVAILABLE', 'The cockpit connection was closed.'));
    },
  };
}
