/**
 * Menu, tray and notification commands for the UI (`app.command`). An event sent before the page has subscribed
 * is lost — a freshly created window paints (`ready-to-show`) before its script has run — so commands wait here
 * until the page says it listens (`app.commandsReady`, sent by the preload when the page subscribes). A reload or a
 * new window starts over: its page has not subscribed yet.
 */
import { type AppCommand } from './menu';

export interface CommandRelay {
  /** Delivers now when the page listens; otherwise queues it (a repeat of a queued command is dropped). */
  send(command: AppCommand): void;
  /** The page listens: delivers the queue, in order, once. */
  ready(): void;
  /** The page is gone or reloading: queue again until it says it listens. */
  reset(): void;
  readonly isReady: boolean;
}

export function createCommandRelay(deliver: (command: AppCommand) => void): CommandRelay {
  let isReady = false;
  const queue: AppCommand[] = [];
  return {
    send(command) {
      if (isReady) {
        deliver(command);
        return;
      }
      // Pressing Ctrl+O three times while the window loads should open the picker once.
      if (queue.some((queued) => queued.command === command.command && queued.arg === command.arg)) return;
      queue.push(command);
    },
    ready() {
      if (isReady) return;
      isReady = true;
      for (const command of queue.splice(0)) deliver(command);
    },
    reset() {
      isReady = false;
    },
    get isReady() {
      return isReady;
    },
  };
}
