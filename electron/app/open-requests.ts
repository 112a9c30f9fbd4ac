/**
 * Workspaces asked for after launch — by a second launch, or by macOS `open-file` (a double-clicked cockpit.yaml,
 * which can arrive before the app is even ready) — wait here until the backend can open them. Only the newest
 * waits: one workspace is open at a time, so opening each of several in turn would only flicker.
 */
import { type LaunchRequest } from './args';

export interface OpenRequests {
  /** Opens it now when ready, otherwise keeps it (replacing an older one). Requests that ask nothing are dropped. */
  push(request: LaunchRequest): void;
  /** Takes the waiting request, so the start can open it first instead of the last workspace used. */
  takePending(): LaunchRequest | null;
  /** The backend is up: opens what waits, and from now on every request at once. */
  ready(): void;
}

export function asksForSomething(request: LaunchRequest): boolean {
  return request.workspace !== null || request.demo;
}

export function createOpenRequests(open: (request: LaunchRequest) => void): OpenRequests {
  let isReady = false;
  let pending: LaunchRequest | null = null;
  return {
    push(request) {
      if (!asksForSomething(request)) return;
      if (isReady) open(request);
      else pending = request;
    },
    takePending() {
      const taken = pending;
      pending = null;
      return taken;
    },
    ready() {
      if (isReady) return;
      isReady = true;
      const waiting = pending;
      pending = null;
      if (waiting) open(waiting);
    },
  };
}
