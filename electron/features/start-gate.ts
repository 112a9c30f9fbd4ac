/**
 * When background work may start. A fresh start used to launch the demo's sandboxes, the health checks and a
 * budget check while the first page was still loading, on the same two cores: the page waited for them. Now they
 * wait for the page instead: the gate opens once the first screen's requests have all been answered and none came
 * for a short while (the first screen asks in a burst or two), or at the latest `maxWaitMs` after the backend is
 * ready, so the checks still start within about a second when no window asks anything.
 */
import { type Dispatch } from '../api/dispatch';

export interface StartGateOptions {
  /** No request in flight for this long after the first answers: the first screen has what it asked for. */
  quietMs?: number;
  /** Opens at the latest this long after arm(), whether or not anything asked. */
  maxWaitMs?: number;
}

export interface StartGate {
  /** Resolves when background work may start. Never rejects. */
  readonly opened: Promise<void>;
  readonly isOpen: boolean;
  /** The same dispatch, watched: the gate counts the requests it answers. */
  track(dispatch: Dispatch): Dispatch;
  /** The backend answers from now on: the longest wait counts from here. */
  arm(): void;
  /** Opens now (idempotent). */
  open(): void;
  /** Drops the timers without opening (the backend closes). */
  dispose(): void;
}

export const DEFAULT_QUIET_MS = 80;
export const DEFAULT_MAX_WAIT_MS = 1_000;

export function createStartGate(options: StartGateOptions = {}): StartGate {
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  let isOpen = false;
  let inFlight = 0;
  let quietTimer: NodeJS.Timeout | undefined;
  let maxTimer: NodeJS.Timeout | undefined;
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });

  function clearTimers() {
    if (quietTimer) clearTimeout(quietTimer);
    if (maxTimer) clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    clearTimers();
    release();
  }

  function settled() {
    inFlight--;
    if (isOpen || inFlight > 0) return;
    quietTimer = setTimeout(open, quietMs);
    // A backend nobody asks must still be able to exit; the longest wait is armed separately.
    quietTimer.unref();
  }

  return {
    opened,
    get isOpen() {
      return isOpen;
    },
    track(dispatch) {
      return (message) => {
        if (isOpen) return dispatch(message);
        inFlight++;
        if (quietTimer) clearTimeout(quietTimer);
        quietTimer = undefined;
        const answer = dispatch(message);
        void answer.finally(settled).catch(() => undefined);
        return answer;
      };
    },
    arm() {
      if (isOpen || maxTimer) return;
      maxTimer = setTimeout(open, maxWaitMs);
      maxTimer.unref();
    },
    open,
    dispose: clearTimers,
  };
}
