/**
 * A per-host check arrives as one view per host (`…#web-1`, `…#web-2`); the table shows it as one check row with
 * a sub-list of its hosts. The check's status is its worst instance's, and its line says how many hosts pass or
 * names the worst one. Pure and unit-tested.
 */
import { type CheckRow, type HealthStatus, statusSeverityOrder, worstStatus } from '../../../shared/model/health';

export type CheckEntry =
  | { kind: 'single'; check: CheckRow }
  | {
      kind: 'per-host';
      /** The check's environment-wide key (`service/check@environment`), for React and for "Run now". */
      key: string;
      checkId: string;
      status: HealthStatus;
      /** "2 of 3 hosts up", or the worst host's reason: "web-2: exit 7: curl: (7) Failed to connect". */
      summary: string;
      instances: CheckRow[];
    };

/** Keeps the order of first appearance: a check's instances stand where its first one stood. */
export function groupInstances(checks: readonly CheckRow[]): CheckEntry[] {
  const entries: CheckEntry[] = [];
  const byCheck = new Map<string, CheckRow[]>();
  for (const check of checks) {
    if (!check.host) {
      entries.push({ kind: 'single', check });
      continue;
    }
    const key = `${check.service}/${check.checkId}@${check.environment}`;
    let instances = byCheck.get(key);
    if (!instances) {
      instances = [];
      byCheck.set(key, instances);
      entries.push({ kind: 'per-host', key, checkId: check.checkId, status: 'unknown', summary: '', instances });
    }
    instances.push(check);
  }
  return entries.map((entry) => {
    if (entry.kind === 'single') return entry;
    const instances = [...entry.instances].sort((a, b) => (a.host ?? '').localeCompare(b.host ?? ''));
    return { ...entry, instances, status: worstStatus(instances.map((c) => c.status)), summary: summary(instances) };
  });
}

function summary(instances: CheckRow[]): string {
  const worst = [...instances].sort((a, b) => statusSeverityOrder[b.status] - statusSeverityOrder[a.status])[0];
  const up = instances.filter((c) => c.status === 'up').length;
  const hosts = `${instances.length} ${instances.length === 1 ? 'host' : 'hosts'}`;
  if (!worst || worst.status === 'up') return `all ${hosts} up`;
  if (worst.status === 'unknown') return `${up} of ${hosts} up, ${instances.length - up} not checked yet`;
  return `${up} of ${hosts} up · ${worst.host}: ${worst.reason ?? worst.status}`;
}
