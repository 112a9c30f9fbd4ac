/**
 * What every feature's readiness source builds its items with: the fixed titles (so the screen, the CLI and the
 * tests name each item the same way whoever computes it), the 90-day window the playbooks use, and the words for
 * lists and ages. Pure; each feature keeps its own rules beside its own evidence (electron/<feature>/readiness.ts).
 */
import { type ReadinessItem, type ReadinessItemId, type ReadinessStatus } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';

export const DAY_MS = 86_400_000;

/** "Practised", "restored": within this many days counts (the playbooks' quarterly rhythm). */
export const PRACTICE_WINDOW_DAYS = 90;

export const itemTitles: Record<ReadinessItemId, string> = {
  'critical-checks': 'Critical health checks cover every production service',
  'alerts-reach-a-person': 'Alerts reach a person (desktop and Slack)',
  'rollback-practised': 'Rollback practised within 90 days',
  'previous-release-kept': 'A previous release kept on every host',
  'backups-fresh': 'Backups fresh against their RPO',
  'backups-restored': 'Backups restored in a drill within 90 days',
  'budget-alerts': 'Budgets with 80 % and 100 % alerts',
  'spend-tagged': 'At least 90 % of spend tagged',
  'host-keys-pinned': 'SSH host keys pinned',
  'production-protected': 'Production protected',
  runbooks: 'Runbooks for the common failures',
  'incident-figures': 'Time to detect and to recover tracked',
};

type Fix = NonNullable<ReadinessItem['fix']>;

/** An item; a green one has no fix (nothing to do), whatever the caller passed. */
export function item(id: ReadinessItemId, status: ReadinessStatus, evidence: string, fix: Fix | null): ReadinessItem {
  return { id, title: itemTitles[id], status, evidence, fix: status === 'green' ? null : fix };
}

/** The worse of two statuses: red over amber over green. */
export function worse(a: ReadinessStatus, b: ReadinessStatus): ReadinessStatus {
  const rank: Record<ReadinessStatus, number> = { green: 0, amber: 1, red: 2 };
  return rank[a] >= rank[b] ? a : b;
}

/** "checkout", "checkout and auth", "checkout, auth and webhooks". */
export function listWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
  if (days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** "1 service", "3 services". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** Production as the scorecard sees it: the protected environments, else the ones whose name says prod. */
export function productionEnvironments(workspace: Workspace): string[] {
  const all = Object.keys(workspace.environments);
  const guarded = all.filter((env) => workspace.environments[env]?.protected === true);
  return guarded.length > 0 ? guarded : all.filter((env) => /prod/i.test(env));
}

/** Whether a service runs in an environment (its `environments:`, default every one). */
export function runsIn(workspace: Workspace, service: string, environment: string): boolean {
  const envs = workspace.services[service]?.environments;
  return envs === undefined || envs.includes(environment);
}
