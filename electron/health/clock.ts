/**
 * Time as the health engine sees it. Injected everywhere so tests run days of schedule in milliseconds and
 * deterministically. `now()` is wall-clock time (what samples are stamped with); timers run on the process's
 * monotonic clock, which on Linux and macOS stops while the machine sleeps: after a sleep the wall clock has
 * jumped and timers fire late by the sleep's length. The scheduler's sleep detector relies on exactly that.
 */
import { clampTimerMs } from '../timers/long-timeout';

export type TimerHandle = { readonly id: number } | ReturnType<typeof setTimeout>;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    // Clamped: past 2^31 - 1 ms a timer fires at once. Health timings are capped far below by the schema.
    const timer = setTimeout(fn, clampTimerMs(ms));
    // Health timers alone must never keep a CLI process (or a test) alive.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on the given clock. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const handle = clock.setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clock.clearTimeout(handle);
        resolve();
      },
      { once: true },
    );
  });
}
