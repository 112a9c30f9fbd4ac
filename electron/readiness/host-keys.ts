/**
 * Host keys pinned, for the readiness scorecard: every SSH host of the workspace has its key known before the next
 * connection (electron/remote/host-key-pins.ts finds out, without connecting). A workspace without SSH hosts gets no
 * item.
 *
 * host-keys-pinned — green: every SSH host pinned; amber: some are not (their first connection will ask to trust
 * whatever key they offer); red: none is.
 */
import { type ReadinessItem } from '../../shared/model/readiness';
import { type HostConfig } from '../../shared/workspace';
import { item, listWords } from '../features/readiness-items';
import { type HostKeyState, pinnedHostKeys } from '../remote/host-key-pins';
import { type KnownHostsStore } from '../remote/ssh/known-hosts-store';

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

/** The item from the open workspace's hosts and the backend's known_hosts. */
export function hostKeysReadiness(
  hosts: () => Record<string, HostConfig> | null,
  knownHosts: Pick<KnownHostsStore, 'entries'>,
): () => ReadinessItem[] {
  return () => {
    const declared = hosts();
    if (!declared || !Object.values(declared).some((h) => h.ssh !== undefined)) return [];
    const found = hostKeysItem(pinnedHostKeys(declared, knownHosts));
    return found ? [found] : [];
  };
}
