/**
 * Host keys pinned, for the readiness scorecard: every SSH host of the workspace has its key known before the
 * next connection (in the cockpit's own known_hosts, the user's known_hosts or the system's, the same files a
 * connection checks; a `@cert-authority` line counts). No connection is made: the names are worked out from the
 * workspace and ~/.ssh/config exactly as a connection would, then looked up. Local hosts do not count, and a
 * workspace without SSH hosts gets no item.
 *
 * host-keys-pinned — green: every SSH host pinned; amber: some are not (their first connection will ask to trust
 * whatever key they offer); red: none is.
 */
import { join } from 'node:path';
import { type ReadinessItem } from '../../shared/model/readiness';
import { type HostConfig } from '../../shared/workspace';
import { item, listWords } from '../features/readiness-items';
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

export function hostKeysItem(states: readonly HostKeyState[]): ReadinessItem | null {
  if (states.length === 0) return null;
  const open = states.filter((s) => !s.pinned);
  if (open.length === 0) {
    return item(
      'host-keys-pinned',
      'green',
      `Every SSH host's key is known: ${listWords(states.map((s) => s.host))}.`,
      null,
    );
  }
  const first = open[0]?.host ?? null;
  return item(
    'host-keys-pinned',
    open.length === states.length ? 'red' : 'amber',
    `No known key for ${listWords(open.map((s) => s.host))}: the first connection will ask you to trust whatever key ${
      open.length === 1 ? 'it offers' : 'they offer'
    }. Check the fingerprint with the host's owner, then trust it once.`,
    { label: `Connect to ${first ?? 'the host'} and trust its checked key`, route: 'deploys', id: first },
  );
}

/** The item from the open workspace's hosts, the backend's known_hosts and the user's ~/.ssh/config. */
export function hostKeysReadiness(
  hosts: () => Record<string, HostConfig> | null,
  knownHosts: Pick<KnownHostsStore, 'entries'>,
): () => ReadinessItem[] {
  return () => {
    const declared = hosts();
    if (!declared || !Object.values(declared).some((h) => h.ssh !== undefined)) return [];
    const local = localContext();
    const sshConfig = loadSshConfig(join(local.home, '.ssh', 'config'), local.home);
    const found = hostKeysItem(hostKeyStates(declared, knownHosts, sshConfig, local));
    return found ? [found] : [];
  };
}
