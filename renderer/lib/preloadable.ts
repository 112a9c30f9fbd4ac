/**
 * Code that loads on first use without React.lazy: React 19 keeps a Suspense fallback for at least 300 ms once
 * shown, which made a dialog or screen whose chunk was already fetched still appear 300 ms late. A preloadable
 * renders nothing (or its own placeholder) for the few milliseconds its module takes, then re-renders with it.
 */
import { useSyncExternalStore } from 'react';

export type Loaded<T> = { kind: 'ready'; module: T } | { kind: 'loading' } | { kind: 'failed' };

export interface Preloadable<T> {
  /** Starts loading unless loaded or on its way; resolves once settled, never rejects. */
  preload(): Promise<void>;
  /** The module once loaded (starting the load on first ask); re-renders the caller when it settles. */
  use(): Loaded<T>;
  /** Forgets a failed load so the next `use` tries again. */
  retry(): void;
}

const LOADING = { kind: 'loading' } as const;

export function preloadable<T>(load: () => Promise<T>): Preloadable<T> {
  let state: Loaded<T> = LOADING;
  let inFlight: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const settle = (next: Loaded<T>) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  const preload = (): Promise<void> => {
    if (state.kind === 'ready') return Promise.resolve();
    inFlight ??= load()
      .then((module) => settle({ kind: 'ready', module }))
      .catch(() => settle({ kind: 'failed' }))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    preload,
    use() {
      const snapshot = () => state;
      const current = useSyncExternalStore(subscribe, snapshot, snapshot);
      // Starting the load while rendering is safe: it only ever starts once, and settles outside the render.
      if (current.kind === 'loading' && inFlight === null) void preload();
      return current;
    },
    retry() {
      if (state.kind === 'failed') settle(LOADING);
    },
  };
}
