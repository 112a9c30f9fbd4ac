/**
 * How the UI's link to the backend is doing, for the top bar, the banner and the full-screen messages: "token
 * refused" (serve mode without a valid token), "session ended" (the token worked once; the cockpit was restarted
 * since, so this page's token is no longer valid) and "bridge missing" (the desktop window's preload failed; see
 * choose.ts).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'session-ended' | 'bridge-missing';

/** The times behind the state, so the UI can say "stale since 22:14 · last tried 22:15:03 · next in 8 s". */
export interface ConnectionDetails {
  state: ConnectionState;
  /** When data last came from the backend (the socket opening or any frame), ms since the epoch; null before. */
  lastReceivedAt: number | null;
  /** When the client last tried to reconnect; null until it has. */
  lastAttemptAt: number | null;
  /** When the next reconnect attempt is due; null when none is scheduled. */
  nextAttemptAt: number | null;
}

export interface ConnectionSource {
  get(): ConnectionState;
  details(): ConnectionDetails;
  /** Told whenever the state or one of its times changes (not on every frame received). */
  subscribe(listener: (state: ConnectionState) => void): () => void;
  /** Tries to reconnect at once instead of waiting out the back-off; does nothing unless reconnecting. */
  retryNow(): void;
}

/** A source that never changes: the desktop app's IPC (always open) and a window without its bridge. */
export function constantConnection(state: ConnectionState): ConnectionSource {
  const details: ConnectionDetails = { state, lastReceivedAt: null, lastAttemptAt: null, nextAttemptAt: null };
  return {
    get: () => state,
    details: () => details,
    subscribe: () => () => undefined,
    retryNow: () => undefined,
  };
}

/** The desktop app's IPC is always there. */
export const alwaysOpen: ConnectionSource = constantConnection('open');
