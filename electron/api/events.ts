/**
 * The backend's event bus: services publish typed events; transports (IPC, WebSocket) forward them to every
 * window. Payloads are validated on the way out so a service bug shows up here, not as a confused UI.
 */
import { type EventName, type Payload, events } from '../../shared/api';
import { type EventMessage } from '../../shared/rpc';
import { log } from '../log';

type Listener = (message: EventMessage) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<K extends EventName>(event: K, payload: Payload<K>): void {
    const checked = events[event].payload.parse(payload);
    const message: EventMessage = { event, payload: checked };
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        // One broken transport must not stop the others from hearing the event.
        log.error(`event listener failed for ${event}:`, error);
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
