/**
 * Where a `local: true` host with a `root:` lives on this machine. The demo's pretend hosts each get their own
 * folder inside the cockpit's data folder, used as that host's home (~): deploy paths like `~/checkout` land in
 * `<dataDir>/<root>/checkout`, and the demo sandbox reads its releases from there.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { type HostConfig } from '../../shared/workspace';

/** The folder a local host uses as its home, or undefined for hosts without a root (they use the real home). */
export function localHostHome(dataDir: string, host: HostConfig): string | undefined {
  if (!host.local || !host.root) return undefined;
  return isAbsolute(host.root) ? host.root : resolve(dataDir, host.root);
}

/** A `~/…` path on a local host with a root, as a path on this machine. */
export function localHostPath(dataDir: string, host: HostConfig, path: string): string {
  const home = localHostHome(dataDir, host);
  if (home && (path === '~' || path.startsWith('~/'))) return join(home, path.slice(1));
  return path;
}
