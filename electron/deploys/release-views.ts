/** Folds what each host says about its releases into one view per release (present where, good since, bad why). */
import { AUDIT_TAIL, type HostLayout } from './layout';
import { parseReleaseId } from './release-id';
import { byCreationNewestFirst } from './retention';
import { type ReleaseView } from './rollback-target';

export interface MergedRelease extends ReleaseView {
  hosts: string[];
  currentOn: string[];
  missingOn: string[];
  /** No cockpit deployed it (no `deploy` line in the hosts' audit logs since it was made): made by hand. */
  outsideApp: boolean;
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
        missingOn: [],
        outsideApp: false,
      };
      merged.hosts.push(layout.host);
      if (layout.current === r.id) merged.currentOn.push(layout.host);
      if (r.goodAt && (!merged.goodAt || r.goodAt < merged.goodAt)) merged.goodAt = r.goodAt;
      merged.bad ??= r.bad;
      byId.set(r.id, merged);
    }
  }
  const audit = layouts.flatMap((l) => l.audit);
  const deployed = new Set(audit.filter((a) => a.action === 'deploy').map((a) => a.release));
  // The hosts' audit logs are read as a tail (AUDIT_TAIL lines): when one was cut, a release older than its first
  // line may have been deployed by a cockpit before it, and is not called "outside the app".
  const whole = layouts.some((l) => l.audit.length < AUDIT_TAIL);
  const auditSince = Math.min(...audit.map((a) => Date.parse(a.at)).filter((t) => !Number.isNaN(t)));
  for (const merged of byId.values()) {
    merged.missingOn = allHosts.filter((h) => !merged.hosts.includes(h));
    merged.everywhere = merged.missingOn.length === 0;
    const made = merged.createdAt ? Date.parse(merged.createdAt) : NaN;
    const covered = whole || (!Number.isNaN(made) && made >= auditSince);
    merged.outsideApp = !deployed.has(merged.id) && covered;
  }
  return [...byId.values()].sort(byCreationNewestFirst);
}

/** The release every host runs, or null when they differ (or none runs one). */
export function commonCurrent(layouts: readonly HostLayout[]): string | null {
  const currents = new Set(layouts.map((l) => l.current));
  return currents.size === 1 ? ([...currents][0] ?? null) : null;
}
