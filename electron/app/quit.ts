/**
 * Quitting in the order that loses nothing: the windows close first while IPC still answers (a page that saves or
 * answers a prompt on its way out is heard), then IPC and the tray go, then the backend closes (journal flushed,
 * watchers and SSH connections stopped), and only then does the app really quit.
 */
import { type PreventableEvent } from './web-guards';
import { log } from '../log';

/** The slice of a BrowserWindow quitting needs; a fake in tests. */
export interface QuitWindowLike {
  isDestroyed(): boolean;
  close(): void;
  destroy(): void;
  once(event: 'closed', listener: () => void): unknown;
}

/** The slice of Electron's app quitting needs. */
export interface QuitAppLike {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface QuitSteps {
  windows(): QuitWindowLike[];
  /** Once every window is destroyed: stop answering IPC, remove the tray. */
  release(): void;
  /** Then: close the backend (waits for one still starting). */
  closeBackend(): Promise<void>;
}

export interface QuitOptions {
  /** A window whose page does not let it close (a hung renderer) is destroyed after this long. */
  windowCloseTimeoutMs?: number;
  /** setTimeout, injectable for tests; returns a cancel function. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

export interface QuitSequence {
  /** True from the first quit request on: no new window may open. */
  readonly quitting: boolean;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export function installQuitSequence(app: QuitAppLike, steps: QuitSteps, options: QuitOptions = {}): QuitSequence {
  const schedule = options.schedule ?? defaultSchedule;
  const timeout = options.windowCloseTimeoutMs ?? 5000;
  let quitting = false;
  let done = false;

  const finish = async () => {
    try {
      steps.release();
    } catch (error) {
      log.error('[cockpit] releasing IPC and the tray failed:', error);
    }
    try {
      await steps.closeBackend();
    } catch (error) {
      log.error('[cockpit] closing the backend failed:', error);
    }
    done = true;
    app.quit();
  };

  const closeWindows = (next: () => void) => {
    const open = steps.windows().filter((window) => !window.isDestroyed());
    if (open.length === 0) {
      next();
      return;
    }
    let left = open.length;
    const cancel = schedule(() => {
      for (const window of open) if (!window.isDestroyed()) window.destroy();
    }, timeout);
    for (const window of open) {
      window.once('closed', () => {
        left -= 1;
        if (left > 0) return;
        cancel();
        next();
      });
    }
    for (const window of open) window.close();
  };

  app.on('before-quit', (event) => {
    if (done) return; // our own final quit: let it through
    event.preventDefault();
    if (quitting) return; // already on its way (e.g. window-all-closed asking again as the windows close)
    quitting = true;
    closeWindows(() => void finish());
  });

  return {
    get quitting() {
      return quitting;
    },
  };
}
