/**
 * Which SSH hosts of a workspace have their key known before the next connection (in the cockpit's own known_hosts,
 * the user's or the system's: the same files a connection checks; a `@cert-authority` line counts). No connection
 * is made: the names are worked out from the workspace and ~/.ssh/config exactly as a connection would, then looked
 * up. Local hosts are left out. The readiness scorecard's "host keys pinned" reads it.
 */
import { join } from 'node:path';
import { type HostConfig } from '../../shared/workspace';
import { type SshConfigBlock } from './ssh/config';
import { loadSshConfig } from './ssh/config-file';
import { buildConnectPlan } from './ssh/connect-plan';
import { entryMatches } from './ssh/known-hosts';
import { type KnownHostsStore } from './ssh/known-hosts-store';
import { localContext } from './registry';

export interface HostKeyState {
  host: string;
  /** The name its key is looked up under (`web-1`, `[web-1]:2222`), or why it could not be worked out. */
  knownHostsName: string | null;
  pinned: boolean;
}

export function hostKeyStates(
  hosts: Record<string, HostConfig>,
  knownHosts: Pick<KnownHostsStore, 'entries'>,
  sshConfig: readonly SshConfigBlock[],
  local = localContext(),
): HostKeyState[] {
  return Object.entries(hosts)
    .filter(([, config]) => config.ssh !== undefined)
    .map(([host, config]) => {
      try {
        const { target } = buildConnectPlan({ name: host, host: config, sshConfig, local });
        const entries = knownHosts.entries(target.userKnownHostsFiles);
        const pinned = entries.some((e) => e.marker !== 'revoked' && entryMatches(e, target.knownHostsName));
        return { host, knownHostsName: target.knownHostsName, pinned };
      } catch {
        return { host, knownHostsName: null, pinned: false };
      }
    });
}

/** The states of the declared SSH hosts, with the user's ~/.ssh/config read as a connection would. */
export function pinnedHostKeys(
  declared: Record<string, HostConfig>,
  knownHosts: Pick<KnownHostsStore, 'entries'>,
): HostKeyState[] {
  const local = localContext();
  const sshConfig = loadSshConfig(join(local.home, '.ssh', 'config'), local.home);
  return hostKeyStates(declared, knownHosts, sshConfig, local);
}
