/**
 * One cockpit per user: a second launch hands its request to the running one and quits, so a double-clicked
 * `cockpit.yaml` (or `--workspace PATH` from a terminal) opens in the window that is already there instead of a
 * second app fighting over the same journal and deploy locks.
 *
 * The request travels as the lock's `additionalData`, already resolved against the directory the second launch
 * was run in: the argv Electron relays is not the one typed (Chromium reorders it and adds switches). That data
 * comes from another process, so it is checked before use; argv is read only when a launch sent no data at all
 * (an older version of the app).
 */
import { isAbsolute } from 'node:path';
import { type LaunchRequest } from './args';
import { log } from '../log';

export type SecondInstanceListener = (
  event: unknown,
  argv: string[],
  workingDirectory: string,
  additionalData: unknown,
) => void;

/** The part of Electron's `app` this needs; a fake in tests. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  quit(): void;
  on(event: 'second-instance', listener: SecondInstanceListener): unknown;
}

export interface SingleInstanceOptions {
  /** What this launch asks for; sent to the running instance when there is one. */
  request: LaunchRequest;
  /** Reads a request from a relayed command line, for a launch that sent none. */
  fromArgv(argv: string[], workingDirectory: string): LaunchRequest;
  /** Another launch happened: bring the window forward and act on its request (null: nothing valid to act on). */
  onSecondInstance(request: LaunchRequest | null): void;
}

/** Longer than any real path (Linux PATH_MAX is 4096); a bigger string is not a path we should pass on. */
export const MAX_RELAYED_PATH = 4096;

/** The additionalData a second launch sends: exactly this shape, nothing else. */
export function toAdditionalData(request: LaunchRequest): Record<string, unknown> {
  return { workspace: request.workspace, demo: request.demo };
}

export type RelayedRequest =
  { kind: 'absent' } | { kind: 'invalid'; reason: string } | { kind: 'request'; request: LaunchRequest };

/** Checks what another process sent; it is treated like any other untrusted input. */
export function readAdditionalData(data: unknown): RelayedRequest {
  // No data (or Electron's empty object for it): an older launcher; its argv is all there is.
  if (data === undefined || data === null) return { kind: 'absent' };
  if (typeof data !== 'object' || Array.isArray(data)) return { kind: 'invalid', reason: 'not an object' };
  const keys = Object.keys(data);
  if (keys.length === 0) return { kind: 'absent' };
  if (keys.some((key) => key !== 'workspace' && key !== 'demo') || keys.length !== 2)
    return { kind: 'invalid', reason: `unexpected keys ${JSON.stringify(keys.sort())}` };
  const { workspace, demo } = data as { workspace?: unknown; demo?: unknown };
  if (typeof demo !== 'boolean') return { kind: 'invalid', reason: 'demo is not a boolean' };
  if (workspace === null) return { kind: 'request', request: { workspace: null, demo } };
  if (typeof workspace !== 'string') return { kind: 'invalid', reason: 'workspace is not a string' };
  if (workspace.length === 0 || workspace.length > MAX_RELAYED_PATH)
    return { kind: 'invalid', reason: `workspace path of ${workspace.length} characters` };
  if (workspace.includes('\0')) return { kind: 'invalid', reason: 'workspace path contains a NUL character' };
  // The sender resolved it against its own directory; a relative path here would resolve against ours.
  if (!isAbsolute(workspace)) return { kind: 'invalid', reason: 'workspace path is not absolute' };
  return { kind: 'request', request: { workspace, demo } };
}

/**
 * Takes the lock, sending this launch's request along. Returns false (after asking the app to quit) when another
 * instance holds it; the caller must then start nothing.
 */
export function claimSingleInstance(app: SingleInstanceApp, options: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock(toAdditionalData(options.request))) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const relayed = readAdditionalData(additionalData);
    if (relayed.kind === 'invalid') {
      log.warn(`[cockpit] ignored a second launch's request (${relayed.reason})`);
      options.onSecondInstance(null);
    } else if (relayed.kind === 'request') {
      options.onSecondInstance(relayed.request);
    } else {
      options.onSecondInstance(options.fromArgv(argv, workingDirectory));
    }
  });
  return true;
}
