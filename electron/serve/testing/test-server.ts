/**
 * A serve-mode server on a throw-away UI folder, with stand-in handlers, for the serve tests.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { type Handlers, createDispatch } from '../../api/dispatch';
import { drainingDispatch } from '../../api/draining';
import { EventBus } from '../../api/events';
import { type ConnectionLimits, type RunningServer, startServer } from '../server';

export interface TestServer {
  server: RunningServer;
  events: EventBus;
  close(): Promise<void>;
}

export async function startTestServer(
  handlers: Partial<Handlers>,
  limits?: Partial<ConnectionLimits>,
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-serve-'));
  mkdirSync(join(dir, 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Cockpit</title>');
  const events = new EventBus();
  // Stand-ins for the few methods a test calls; dispatch answers the others INTERNAL, which is still typed.
  // Drained on close like the real backend's, which is what waits for answers still being worked on.
  const gate = drainingDispatch(createDispatch(handlers as Handlers));
  const server = await startServer({
    backend: { dispatch: gate.dispatch, events },
    rendererDir: join(dir, 'renderer'),
    limits,
  });
  return {
    server,
    events,
    async close() {
      await server.close();
      await gate.drain(3_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens an authenticated client the way the UI does. */
export function openClient(port: number, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A fresh authenticated client makes one call and hangs up: the answer, or a rejection after `timeoutMs`. */
export async function callOnce(port: number, token: string, method = 'app.info', timeoutMs = 3000): Promise<unknown> {
  const ws = await openClient(port, token);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeoutMs} ms`)), timeoutMs);
      // Events may arrive first; the answer is the message carrying the call's id.
      ws.on('message', (data) => {
        const message: unknown = JSON.parse(data.toString());
        if (typeof message !== 'object' || message === null || !('id' in message) || message.id !== 1) return;
        clearTimeout(timer);
        resolve(message);
      });
      ws.send(JSON.stringify({ id: 1, method, input: {} }));
    });
  } finally {
    ws.close();
  }
}
