/**
 * How the UI's link to the backend is doing, for the banner and the full-screen messages: "token refused" (serve
 * mode without a valid token) and "bridge missing" (the desktop window's preload failed; see choose.ts).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'bridge-missing';

export interface ConnectionSource {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** The desktop app's IPC is always there: a constant source. */
export const alwaysOpen: ConnectionSource = {
  get: () => 'open',
  subscribe: () => () => undefined,
};
