/**
 * Serve mode: the same UI in a browser, the same backend behind a loopback WebSocket. Binds 127.0.0.1 only,
 * needs a random per-start token, checks Origin and Host (DNS rebinding), and validates every message.
 *
 * Whatever a client sends ends at most its own connection: every socket has an error listener before anything
 * can fail on it, a protocol violation closes that socket with 1002/1007/1009, and each connection has bounds
 * (requests in flight, replies it has not read) so one client cannot take the process down for the others.
 */
import { type IncomingMessage, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { type EventMessage, MAX_REQUEST_BYTES, type RpcResponse } from '../../shared/rpc';
import { requestIdOf } from '../api/dispatch';
import { type Backend } from '../backend';
import { contentSecurityPolicy } from '../security/csp';
import { refuseWithCloseFrame } from './refuse';
import { endsSharing, shareReads } from './shared-reads';
import { serveStatic } from './static';
import { newToken, tokenMatches } from './token';

export const LOOPBACK = '127.0.0.1';
/** Close code telling the UI its token was refused (so it explains instead of reconnecting forever). */
export const CLOSE_TOKEN_REFUSED = 4401;

export interface ConnectionLimits {
  /** Requests of one client being worked on at once; more are answered BUSY straight away. */
  maxInFlight: number;
  /** Unsent reply bytes past which the server stops reading this client's requests until it catches up. */
  pauseAtBytes: number;
  /** Unsent bytes (replies and events) past which a client that does not read is disconnected. */
  dropAtBytes: number;
}

/**
 * The UI keeps a handful of calls open per screen; 64 leaves room for a burst of refreshes. A paused reader gets
 * its replies in flight plus the events of the moment: 16 MiB, several thousand overview answers, is far past
 * any client that is merely slow.
 */
export const DEFAULT_LIMITS: ConnectionLimits = {
  maxInFlight: 64,
  pauseAtBytes: 1024 * 1024,
  dropAtBytes: 16 * 1024 * 1024,
};

export interface ServeOptions {
  backend: Pick<Backend, 'dispatch' | 'events'>;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** For tests; a fresh random one otherwise. */
  token?: string;
  /** For tests and the bench; DEFAULT_LIMITS otherwise. */
  limits?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  clientCount(): number;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const http = createServer();
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const wss = new WebSocketServer({
    noServer: true,
    // Larger frames and messages are refused with 1009 as their header arrives, before any payload is buffered.
    maxPayload: MAX_REQUEST_BYTES,
    // Spelled out because both matter: compression is not needed on loopback (and an RSV1 frame is then a
    // protocol error), and text must be checked to be UTF-8 (1007 otherwise).
    perMessageDeflate: false,
    skipUTF8Validation: false,
  });
  const shared = shareReads(options.backend.dispatch);
  const clients = new Set<WebSocket>();
  let port = 0;

  const allowedHosts = () => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  http.on('request', (req, res) => {
    const headers = securityHeaders(port);
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      res.end('Misdirected request: serve mode answers on 127.0.0.1 only');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    void serveStatic(options.rendererDir, req, res, headers);
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands over the raw socket with no error listener of its own: a reset before ws has attached one would
    // otherwise be an unhandled 'error' event, which ends the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    const origin = req.headers.origin;
    // A page from another site must never reach the backend, token or not.
    if (
      url.pathname !== '/api' ||
      !allowedHosts().includes(req.headers.host ?? '') ||
      (origin !== undefined && !allowedOrigins().includes(origin))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      // Checked before any WebSocket exists, so nothing an unauthenticated client sends is ever parsed. A plain
      // 401 would be safer still, but a browser's WebSocket cannot see an HTTP status: the UI could not tell a
      // refused token from a server that is down. So the handshake is answered, followed at once by a close frame
      // with 4401, written by hand; what the client sends afterwards is discarded unread.
      refuseWithCloseFrame(req, socket, CLOSE_TOKEN_REFUSED, 'token refused');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket) {
    // First: a protocol violation (oversized, unmasked, bad UTF-8, bad opcode…) is reported as an 'error' event
    // after ws has already sent the close frame with its code. Unhandled, that event would end the process.
    ws.on('error', () => undefined);
    clients.add(ws);
    let inFlight = 0;
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary frames are not part of the protocol');
        message = JSON.parse(rawToString(data));
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        send(ws, { id: -1, ok: false, error: { code: 'BAD_REQUEST', message: `not a JSON request: ${text}` } });
        return;
      }
      if (inFlight >= limits.maxInFlight) {
        send(ws, {
          id: requestIdOf(message),
          ok: false,
          error: {
            code: 'BUSY',
            message: `${limits.maxInFlight} requests of this connection are still running; try again when they have answered`,
          },
        });
        return;
      }
      inFlight++;
      void answer(message).then((response) => {
        inFlight--;
        send(ws, response);
      });
    });
  }

  async function answer(message: unknown): Promise<RpcResponse> {
    try {
      return await shared.dispatch(message);
    } catch (error) {
      // dispatch answers every failure as a value; this is only the last line of defence.
      const text = error instanceof Error ? error.message : String(error);
      return { id: requestIdOf(message), ok: false, error: { code: 'INTERNAL', message: text } };
    }
  }

  /**
   * Sends unless the client is too far behind. Past `pauseAtBytes` of unsent data its socket stops being read
   * (the client's own TCP window then stops it sending), and it is read again once it has caught up to half that;
   * past `dropAtBytes` (events keep coming while paused) it is disconnected.
   */
  function send(ws: WebSocket, value: unknown) {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(value), () => {
      if (ws.isPaused && ws.bufferedAmount <= limits.pauseAtBytes / 2) ws.resume();
    });
    const buffered = ws.bufferedAmount;
    if (buffered > limits.dropAtBytes) ws.terminate();
    else if (buffered > limits.pauseAtBytes && !ws.isPaused) ws.pause();
  }

  const unsubscribe = options.backend.events.subscribe((message: EventMessage) => {
    if (endsSharing(message.event)) shared.forget();
    for (const ws of clients) send(ws, message);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (http.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    clientCount: () => clients.size,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      // Answers still being worked on are the backend's to wait for: its close drains them (whatever the transport).
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({
      connectSrc: [`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`],
    }),
    'x-content-type-options': 'nosniff',
    // The token rides in the page URL: never send it onwards.
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}
