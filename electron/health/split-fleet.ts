/**
 * A fleet split across releases (a rollback that stopped half-way, a deploy a host missed) serves two versions of
 * the service at once: whatever its checks say, the service is at least degraded, and the reason names the hosts
 * that differ — "split: prod-2 runs v1.5.0, prod-1 runs v1.4.0". What each host runs comes from what the deploys
 * feature last read (no SSH here); hosts it could not read say nothing.
 */
import { type ServiceHealth } from '../../shared/model/health';
import { releaseName } from '../../shared/model/next-action';

export type HostReleases = ReadonlyArray<{ host: string; release: string | null }>;

/** "prod-2 runs v1.5.0, prod-1 runs v1.4.0" (fewest hosts first: the odd ones out), or null when not split. */
export function splitLine(hosts: HostReleases | null): string | null {
  if (!hosts) return null;
  // By name: the same version deployed to two hosts one at a time gets two ids (their times), yet is one release.
  const groups = new Map<string, string[]>();
  for (const { host, release } of hosts) {
    if (release !== null) groups.set(releaseName(release), [...(groups.get(releaseName(release)) ?? []), host]);
  }
  if (groups.size < 2) return null;
  return [...groups.entries()]
    .sort((a, b) => a[1].length - b[1].length)
    .map(([release, list]) => `${list.join(', ')} ${list.length === 1 ? 'runs' : 'run'} ${release}`)
    .join(', ');
}

/** The service's status with a split fleet folded in: at least degraded, the split said in its reason. */
export function withSplitFleet<T extends Pick<ServiceHealth, 'status' | 'reason' | 'since'>>(
  service: T,
  hosts: HostReleases | null,
): T {
  const split = splitLine(hosts);
  if (!split) return service;
  const said = `split: ${split}`;
  if (service.status === 'down' || service.status === 'degraded') {
    return { ...service, reason: `${service.reason} · ${said}` };
  }
  // Degraded by the split alone: nothing here knows since when, so no "for 3 min" is claimed.
  return { ...service, status: 'degraded', reason: said, since: null };
}
