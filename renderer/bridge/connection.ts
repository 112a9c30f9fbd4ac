/** How the UI's link to the backend is doing, for the banner and the full-screen "token refused" message. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface ConnectionSource {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** The desktop app's IPC is always there: a constant source. */
export const alwaysOpen: ConnectionSource = {
  get: () => 'open',
  subscribe: () => () => undefined,
};
