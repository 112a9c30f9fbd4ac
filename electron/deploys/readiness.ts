/**
 * The deploys feature's part of the readiness scorecard: a previous release kept on every host, so "Roll back" has
 * somewhere to go. No SSH: the evidence is what the deploys feature last read from the hosts (the Deploys screen,
 * `cockpit deploy`, a run), remembered here as it is read. A target never read says "not read yet" rather than a guess.
 *
 * previous-release-kept — over every target whose deploy uses `strategy: releases` (a `script` deploy keeps
 * releases its own way, which the cockpit cannot see):
 *   red    retention keeps fewer than 2 releases, or a host was read holding only one release;
 *   amber  some target or host was not read yet (or was unreachable), or no service deploys with `releases`;
 *   green  every host of every such target was read with at least two releases.
 */
import { type DeployHistory } from '../../shared/model/deploys';
import { type ReadinessItem } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';
import { deployTargets } from '../../shared/workspace/targets';
import { type FeatureContext } from '../features/types';
import { count, item, listWords } from '../features/readiness-items';

/** What one host of one target was last seen holding (null: never read, or unreachable when last read). */
export interface HostReleases {
  service: string;
  environment: string;
  host: string;
  keep: number;
  releases: number | null;
}

type KnownHistory = Pick<DeployHistory, 'releases' | 'unreachable'>;

/** Each host of each releases-strategy target with what its last-read history says. */
export function hostReleases(
  workspace: Workspace,
  known: (service: string, environment: string) => KnownHistory | undefined,
): HostReleases[] {
  return deployTargets(workspace).flatMap(({ service, environment }) => {
    const deploy = workspace.services[service]?.deploy;
    if (deploy?.strategy !== 'releases') return [];
    const history = known(service, environment);
    return (workspace.environments[environment]?.hosts ?? []).map((host) => {
      const unreachable = history?.unreachable.some((u) => u.host === host) ?? true;
      const releases = !history || unreachable ? null : history.releases.filter((r) => r.hosts.includes(host)).length;
      return { service, environment, host, keep: deploy.keep, releases };
    });
  });
}

const at = (h: HostReleases) => `${h.host} (${h.service}, ${h.environment})`;

export function previousReleaseItem(hosts: readonly HostReleases[]): ReadinessItem {
  const fix = (service: string | null) => ({
    label: service ? `Open ${service}'s releases` : 'Deploy with strategy: releases',
    route: 'deploys' as const,
    id: service,
  });
  if (hosts.length === 0) {
    return item(
      'previous-release-kept',
      'amber',
      'No service deploys with `strategy: releases`: the cockpit cannot see whether a previous release is kept.',
      fix(null),
    );
  }
  const shortKeep = hosts.filter((h) => h.keep < 2);
  const single = hosts.filter((h) => h.releases !== null && h.releases < 2);
  const unread = hosts.filter((h) => h.releases === null);
  if (shortKeep.length > 0 || single.length > 0) {
    const parts: string[] = [];
    if (shortKeep.length > 0) {
      const services = [...new Set(shortKeep.map((h) => h.service))];
      parts.push(`${listWords(services)} keep${services.length === 1 ? 's' : ''} fewer than 2 releases`);
    }
    if (single.length > 0) {
      parts.push(
        `${listWords(single.map(at))} ${single.length === 1 ? 'holds' : 'hold'} only ${single.some((h) => h.releases === 0) ? 'its current release or none' : 'its current release'}: a rollback there has nothing to go back to`,
      );
    }
    return item(
      'previous-release-kept',
      'red',
      `${parts.join('; ')}.`,
      fix(shortKeep[0]?.service ?? single[0]?.service ?? null),
    );
  }
  if (unread.length > 0) {
    const targets = [...new Set(unread.map((h) => `${h.service} in ${h.environment}`))];
    return item(
      'previous-release-kept',
      'amber',
      `Not read yet: ${listWords(targets)} (the scorecard uses what the Deploys screen last read, never SSH).`,
      fix(unread[0]?.service ?? null),
    );
  }
  const services = [...new Set(hosts.map((h) => h.service))];
  return item(
    'previous-release-kept',
    'green',
    `${count(hosts.length, 'host')} of ${listWords(services)} keep a previous release to roll back to.`,
    null,
  );
}

/** Remembers each target's history as the deploys feature reads it, and answers the scorecard from that. */
export function registerReleasesKept(context: FeatureContext): { remember(history: DeployHistory): void } {
  const known = new Map<string, KnownHistory>();
  // Keyed by the workspace file too: another workspace's "production" is another fleet.
  const key = (service: string, environment: string) =>
    JSON.stringify([context.workspace.current().loadedFrom?.path ?? null, service, environment]);
  context.contributions.readiness.push(() => {
    const workspace = context.workspace.current().workspace;
    if (!workspace) return [];
    return [previousReleaseItem(hostReleases(workspace, (s, e) => known.get(key(s, e))))];
  });
  return {
    remember(history) {
      known.set(key(history.service, history.environment), {
        releases: history.releases,
        unreachable: history.unreachable,
      });
    },
  };
}
