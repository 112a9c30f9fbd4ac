/**
 * Shared clocks for every time on screen: one timer per pace while anything shows a time, none when nothing does.
 * Relative times ("3 min ago") follow the 30 s clock; clocks people watch (an open incident, a drill running)
 * follow the 1 s one. Used through useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';

interface Clock {
  subscribe(listener: () => void): () => void;
  getNow(): number;
}

function tickingClock(everyMs: number): Clock {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((l) => l());
        }, everyMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    getNow: () => now,
  };
}

const everyHalfMinute = tickingClock(30_000);
const everySecond = tickingClock(1000);

export const subscribeNow = everyHalfMinute.subscribe;
export const getNow = everyHalfMinute.getNow;

/**
 * Now, in ms: every second while `running` (a clock someone watches); otherwise the shared 30 s clock, enough for
 * a relative time or a due date, with no extra timer.
 */
export function useClock(running: boolean): number {
  const clock = running ? everySecond : everyHalfMinute;
  // The same snapshot serves a static render (tests render components to markup).
  return useSyncExternalStore(clock.subscribe, clock.getNow, clock.getNow);
}
