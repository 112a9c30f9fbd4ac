/**
 * The serve-mode transport: the contract's client over one WebSocket. JSON text frames; the client sends
 * `{ id, method, input }`, the server answers `{ id, ok, value | error }` or pushes `{ event, payload }` to every
 * client. Calls made before the first connection opens wait in a queue; when the socket closes, calls in flight
 * fail with UNAVAILABLE and the client reconnects with backoff (1 s, 2 s, 4 s … 10 s). A close code of 4401 or
 * 1008 means the server refused the token: no retry loop, the UI says what to do instead.
 *
 * The socket and the timer are injected so queuing and reconnecting are unit-tested against fakes.
 */
import { type CockpitApi, type Events, methods } from '../../shared/api';
import { CockpitError, type EventSubscriber, buildClient, eventMessageSchema, responseSchema } from '../../shared/rpc';
import { type ConnectionSource, type ConnectionState } from './connection';

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
}

export interface WebSocketClient {
  api: CockpitApi;
  connection: ConnectionSource;
  /** Closes the socket for good (tests, page unload). */
  dispose(): void;
}

/** Close codes the serve-mode server uses to say the token is missing or wrong. */
export const REFUSED_CLOSE_CODES: readonly number[] = [4401, 1008];

export const MAX_BACKOFF_MS = 10_000;

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
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

export function createWebSocketClient(options: WebSocketClientOptions): WebSocketClient {
  const schedule = options.schedule ?? defaultSchedule;
  const report = options.onProtocolError ?? ((problem: string) => console.warn(`cockpit bridge: ${problem}`));

  let state: ConnectionState = options.url === null ? 'refused' : 'connecting';
  let socket: SocketHandle | null = null;
  let attempt = 0;
  let cancelRetry: (() => void) | null = null;
  let disposed = false;
  let nextId = 1;
  /** Sent, waiting for an answer. */
  const inFlight = new Map<number, Pending>();
  /** Not sent yet: the socket has not opened. */
  const queue: { id: number; frame: string; pending: Pending }[] = [];
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
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
        setState('open');
        for (const item of queue.splice(0)) sendNow(item.id, item.frame, item.pending);
      },
      close(code) {
        if (!isCurrent()) return;
        socket = null;
        if (REFUSED_CLOSE_CODES.includes(code)) {
          setState('refused');
          failAll(() => new CockpitError('FORBIDDEN', REFUSED_MESSAGE));
          return;
        }
        failAll(() => new CockpitError('UNAVAILABLE', 'The connection to the cockpit backend was lost; reconnecting.'));
        if (disposed) return;
        setState('reconnecting');
        const delay = backoffDelay(attempt);
        attempt += 1;
        cancelRetry = schedule(() => {
          cancelRetry = null;
          connect();
        }, delay);
      },
      message(data) {
        if (isCurrent()) receive(data);
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

  function call(method: string, input: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { method, resolve, reject };
      if (state === 'refused') return reject(new CockpitError('FORBIDDEN', REFUSED_MESSAGE));
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
      const last = socket;
      socket = null;
      last?.close(1000, 'client closed');
      failAll(() => new CockpitError('UNAVAILABLE', 'The cockpit connection was closed.'));
    },
  };
}
