/**
 * The bridge: the only code that touches the transport. Inside the desktop app the preload exposes
 * `window.cockpit` (Electron IPC); in a plain browser (serve mode) the same contract runs over a WebSocket.
 * Everything else imports `api` and `connection` from here and never knows which one it got. A desktop window
 * whose preload failed gets neither: its connection is 'bridge-missing' and the app shows why.
 */
import { type CockpitApi, type EventName } from '../../shared/api';
import { chooseTransport } from './choose';
import { type ConnectionSource, alwaysOpen } from './connection';
import { createMissingBridge } from './missing';
import { readToken, socketUrl } from './token';
import { type SocketFactory, createWebSocketClient } from './websocket';

declare global {
  interface Window {
    /** Set by the Electron preload; its type is the contract's, never a hand-written list. */
    readonly cockpit?: CockpitApi;
  }
}

export type Transport = 'ipc' | 'websocket';

const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onclose = (event) => handlers.close(event.code, event.reason);
  ws.onmessage = (event) => handlers.message(event.data);
  return { send: (data) => ws.send(data), close: (code, reason) => ws.close(code, reason) };
};

function connect(): { api: CockpitApi; connection: ConnectionSource; transport: Transport } {
  const choice = chooseTransport({
    hasPreloadApi: window.cockpit !== undefined,
    href: window.location.href,
    userAgent: window.navigator.userAgent,
  });
  if (choice === 'ipc' && window.cockpit) return { api: window.cockpit, connection: alwaysOpen, transport: 'ipc' };
  // The desktop window without its preload: nothing can work, and the screen says why (not "token refused").
  if (choice === 'bridge-missing') return { ...createMissingBridge(), transport: 'ipc' };
  const { token, fromEarlierLoad } = readToken({
    href: window.location.href,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  });
  const client = createWebSocketClient({
    url: token === null ? null : socketUrl(window.location, token),
    createSocket: browserSocket,
    tokenFromEarlierLoad: fromEarlierLoad,
  });
  return { api: client.api, connection: client.connection, transport: 'websocket' };
}

const bridge = connect();

export const api: CockpitApi = bridge.api;
export const connection: ConnectionSource = bridge.connection;
export const transport: Transport = bridge.transport;
export { errorCode, errorMessage } from './errors';
export { BRIDGE_MISSING_MESSAGE } from './missing';
export type { ConnectionDetails, ConnectionState } from './connection';

/**
 * One listener for several events: a view that reloads after any of them (coalesced by the caller). Answers the
 * function that stops them all.
 */
export function onAnyOf(names: readonly EventName[], listener: () => void): () => void {
  const offs = names.map((name) => api.on(name, () => listener()));
  return () => offs.forEach((off) => off());
}
