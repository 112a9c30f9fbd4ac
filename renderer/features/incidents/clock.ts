/**
 * A clock that ticks every second, for an open incident's running time: one timer while anything shows it, none
 * otherwise (the app's shared clock ticks every 30 s, too slowly for a clock people watch).
 */
import { useSyncExternalStore } from 'react';
import { getNow as getSharedNow, subscribeNow } from '../../components/now';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getNow = () => now;

/**
 * Now, in ms: every second while `running` (an open incident's clock); otherwise the app's shared 30 s clock,
 * enough for a resolved incident or a due date, with no extra timer.
 */
export function useSecondClock(running: boolean): number {
  const snapshot = running ? getNow : getSharedNow;
  // The same snapshot serves a static render (tests render the card to markup).
  return useSyncExternalStore(running ? subscribe : subscribeNow, snapshot, snapshot);
}
