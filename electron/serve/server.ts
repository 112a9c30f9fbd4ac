/**
 * Serve mode: the same UI in a browser, the same backend behind a loopback WebSocket. Binds 127.0.0.1 only,
 * needs a random per-start token, checks Origin and Host (DNS rebinding), and validates every message.
 */
import { type IncomingMessage, createServer } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { type EventMessage } from '../../shared/rpc';
import { type Backend } from '../backend';
import { contentSecurityPolicy } from '../security/csp';
import { serveStatic } from './static';
import { newToken, tokenMatches } from './token';

export const LOOPBACK = '127.0.0.1';
/** Close code telling the UI its token was refused (so it explains instead of reconnecting forever). */
export const CLOSE_TOKEN_REFUSED = 4401;
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface ServeOptions {
  backend: Pick<Backend, 'dispatch' | 'events'>;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** For tests; a fresh random one otherwise. */
  token?: string;
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
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
    void serveStatic(options.rendererDir, req.url ?? '/', res, headers);
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
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
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!tokenMatches(token, url.searchParams.get('token'))) {
        // Accept-then-close lets the UI tell "wrong token" from "server down"; nothing is read from it.
        ws.close(CLOSE_TOKEN_REFUSED, 'token refused');
        return;
      }
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    });
  });

  async function onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean) {
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not part of the protocol');
      message = JSON.parse(rawToString(data));
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      send(ws, { id: -1, ok: false, error: { code: 'BAD_REQUEST', message: `not a JSON request: ${text}` } });
      return;
    }
    send(ws, await options.backend.dispatch(message));
  }

  const unsubscribe = options.backend.events.subscribe((message: EventMessage) => {
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
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

function send(ws: WebSocket, value: unknown) {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(value));
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
