/**
 * What the preload exposes as `window.cockpit`: one async function per contract method and `on(event, handler)`,
 * built from the contract so it can never drift from it. Pure (the preload passes in `ipcRenderer`), and the
 * only two channels it ever touches are IPC_INVOKE_CHANNEL and IPC_EVENT_CHANNEL.
 */
import { type CockpitApi, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isEventName, methods } from '../../shared/api';
import { buildClient, eventMessageSchema } from '../../shared/rpc';
import { createCall } from './rpc-call';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The slice of Electron's ipcRenderer the preload needs; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

type Handler = (payload: unknown) => void;

export function buildPreloadApi(ipcRenderer: IpcRendererLike): CockpitApi {
  // Errors cross contextBridge as `new Error(message)`: the code rides in the message (see rpc-call.ts).
  const call = createCall((request) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, request), { codeInMessage: true });
  const client = buildClient(methods, call);

  const handlers = new Map<string, Set<Handler>>();
  // One ipcRenderer listener for all subscriptions, attached while anyone listens: the page cannot pile up
  // listeners on the channel however often it subscribes.
  const fanOut: IpcListener = (_event, message) => {
    const parsed = eventMessageSchema.safeParse(message);
    if (!parsed.success) return;
    for (const handler of [...(handlers.get(parsed.data.event) ?? [])]) {
      try {
        handler(parsed.data.payload);
      } catch (error) {
        // One broken subscriber must not stop the others from hearing the event.
        console.error(`cockpit: handler for ${parsed.data.event} failed:`, error);
      }
    }
  };
  let listening = false;

  const on = (event: string, handler: Handler) => {
    if (!isEventName(event)) throw new Error(`unknown event "${String(event)}"`);
    if (typeof handler !== 'function') throw new Error(`the handler for "${event}" is not a function`);
    let set = handlers.get(event);
    const first = !set;
    if (!set) handlers.set(event, (set = new Set()));
    set.add(handler);
    if (!listening) {
      ipcRenderer.on(IPC_EVENT_CHANNEL, fanOut);
      listening = true;
    }
    // The main process holds menu and tray commands back until the page listens (electron/app/commands.ts); say
    // so once the listener is in place. A reload runs the preload again, so the new page says it again.
    if (first && event === 'app.command') {
      client.app
        .commandsReady({})
        .catch((error: unknown) => console.error('cockpit: could not ask for menu commands:', error));
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(handler);
      if (set.size === 0) handlers.delete(event);
      if (handlers.size === 0 && listening) {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, fanOut);
        listening = false;
      }
    };
  };

  // `on` is typed by the contract for callers; inside, payloads are whatever the (validated) bus sent.
  return { ...client, on: on as CockpitApi['on'] };
}
