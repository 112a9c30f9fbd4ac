/** Folds what each host says about its releases into one view per release (present where, good since, bad why). */
import { type HostLayout } from './layout';
import { parseReleaseId } from './release-id';
import { type ReleaseView } from './rollback-target';

export interface MergedRelease extends ReleaseView {
  hosts: string[];
  currentOn: string[];
}

export function mergeReleases(layouts: readonly HostLayout[], allHosts: readonly string[]): MergedRelease[] {
  const byId = new Map<string, MergedRelease>();
  for (const layout of layouts) {
    for (const r of layout.releases) {
      const merged = byId.get(r.id) ?? {
        id: r.id,
        createdAt: parseReleaseId(r.id).createdAt?.toISOString() ?? r.mtime,
        goodAt: null,
        bad: null,
        everywhere: false,
        hosts: [],
        currentOn: [],
      };
      merged.hosts.push(layout.host);
      if (layout.current === r.id) merged.currentOn.push(layout.host);
      if (r.goodAt && (!merged.goodAt || r.goodAt < merged.goodAt)) merged.goodAt = r.goodAt;
      merged.bad ??= r.bad;
      byId.set(r.id, merged);
    }
  }
  for (const merged of byId.values()) merged.everywhere = allHosts.every((h) => merged.hosts.includes(h));
  return [...byId.values()].sort((a, b) => b.id.localeCompare(a.id));
}

/** The release every host runs, or null when they differ (or none runs one). */
export function commonCurrent(layouts: readonly HostLayout[]): string | null {
  const currents = new Set(layouts.map((l) => l.current));
  return currents.size === 1 ? ([...currents][0] ?? null) : null;
}
