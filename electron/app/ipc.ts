/**
 * The IPC transport of the contract: one invoke channel for calls, one event channel for events, nothing else.
 * Every call is checked for its sender before dispatch (which validates the envelope and the input), and every
 * event of the bus is forwarded to every live window.
 */
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api';
import { CockpitError, type EventMessage, type RpcResponse } from '../../shared/rpc';
import { type Dispatch, requestIdOf } from '../api/dispatch';
import { type SenderEventLike } from './sender-trust';
import { log } from '../log';

/** The slice of Electron's ipcMain we use; a fake in tests. */
export interface IpcMainLike<E extends SenderEventLike = SenderEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The slice of the backend's EventBus we use. */
export interface EventSource {
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export interface IpcHooks {
  /** A trusted page's `app.commandsReady` went through: it listens for `app.command` now (see commands.ts). */
  onCommandsReady?(sender: unknown): void;
}

export function registerIpc<E extends SenderEventLike>(
  ipcMain: IpcMainLike<E>,
  dispatch: Dispatch,
  isTrustedSender: (event: E) => boolean,
  events: EventSource,
  getWebContents: () => WebContentsLike[],
  hooks: IpcHooks = {},
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, ...args) => {
    const [message] = args;
    if (!trusted(isTrustedSender, event)) {
      log.warn(`[cockpit] refused an IPC call from an untrusted sender (${originOf(event.senderFrame?.url)})`);
      return forbidden(requestIdOf(message));
    }
    if (args.length !== 1)
      return badRequest(requestIdOf(message), `expected one request envelope, got ${args.length} arguments`);
    const response = await dispatch(message);
    // Only after dispatch accepted it: the envelope and its input were valid, so this really was that method.
    if (response.ok && methodOf(message) === 'app.commandsReady') {
      try {
        hooks.onCommandsReady?.(event.sender);
      } catch (error) {
        log.error('[cockpit] delivering the queued menu commands failed:', error);
      }
    }
    return response;
  });

  const unsubscribe = events.subscribe((message) => {
    for (const contents of getWebContents()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message);
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}

function trusted<E>(check: (event: E) => boolean, event: E): boolean {
  try {
    return check(event);
  } catch {
    return false; // a check that cannot decide trusts nobody
  }
}

/** Only the origin goes to the log: a URL's path or query may carry a token. */
function originOf(url: string | undefined): string {
  if (url === undefined) return 'no frame';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'a file: page' : parsed.origin;
  } catch {
    return 'an unparsable URL';
  }
}

function methodOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null && 'method' in message ? message.method : undefined;
}

function forbidden(id: number): RpcResponse {
  return {
    id,
    ok: false,
    error: new CockpitError('FORBIDDEN', 'this window may not call the cockpit backend').toJSON(),
  };
}

function badRequest(id: number, message: string): RpcResponse {
  return { id, ok: false, error: new CockpitError('BAD_REQUEST', message).toJSON() };
}
