/**
 * One cockpit per user: a second launch hands its command line to the running one and quits, so a double-clicked
 * `cockpit.yaml` (or `--workspace PATH` from a terminal) opens in the window that is already there instead of a
 * second app fighting over the same journal and deploy locks.
 */
import { workspaceArg } from './args';

/** The part of Electron's `app` this needs; a fake in tests. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): void;
}

export interface SingleInstanceHandlers {
  /** Bring the existing window forward. */
  show(): void;
  /** Open the workspace the second launch asked for (absolute path). */
  openWorkspace(path: string): void;
}

/**
 * Takes the lock. Returns false (after asking the app to quit) when another instance holds it; the caller must then
 * start nothing. Until `ready()` is called, a workspace asked for by a second launch is kept and opened then.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  handlers: SingleInstanceHandlers,
): { primary: false } | { primary: true; ready(): void } {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false };
  }
  let isReady = false;
  let pending: string | undefined;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handlers.show();
    const path = workspaceArg(argv, workingDirectory);
    if (!path) return;
    if (isReady) handlers.openWorkspace(path);
    else pending = path;
  });
  return {
    primary: true,
    ready() {
      isReady = true;
      if (pending === undefined) return;
      const path = pending;
      pending = undefined;
      handlers.openWorkspace(path);
    },
  };
}
