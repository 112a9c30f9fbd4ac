/**
 * Timers that cannot overflow. Node (and browsers) keep a timer's delay in a signed 32-bit int: anything past
 * 2^31 - 1 ms (24.8 days) is taken as 1 ms and fires at once, so a "25d" timeout would end every step at once.
 * The workspace schema caps durations well below that; these helpers make sure no other path can get there.
 */

/** The longest delay one timer can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay one timer can hold: negative, NaN and infinite values are made safe rather than firing at once. */
export function clampTimerMs(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(ms, MAX_TIMER_MS);
}

export interface LongTimeout {
  clear(): void;
}

/**
 * Calls `fn` once after `ms`, however long: a wait past what one timer holds is split into several timers.
 * `unref`: the wait alone does not keep the process alive.
 */
export function setLongTimeout(fn: () => void, ms: number, options: { unref?: boolean } = {}): LongTimeout {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cleared = false;
  const due = Date.now() + (Number.isFinite(ms) ? Math.max(0, ms) : Number.MAX_SAFE_INTEGER);
  const arm = (left: number) => {
    timer = setTimeout(() => {
      if (cleared) return;
      const remaining = due - Date.now();
      if (remaining > 0) arm(remaining);
      else fn();
    }, clampTimerMs(left));
    if (options.unref) timer.unref?.();
  };
  arm(due - Date.now());
  return {
    clear() {
      cleared = true;
      clearTimeout(timer);
    },
  };
}
