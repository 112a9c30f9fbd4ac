/**
 * The one action most likely to help right now, from evidence the app already has: a fleet split across releases,
 * a service that went down soon after a deploy, a failing check a runbook answers, a backup past its RPO. Each rule
 * is one function, tried in priority order; each returns the action and why it was chosen, in words with the
 * evidence, because the person at 10 PM should see the reason before pressing the button. Pure: the Overview's
 * banner and `cockpit status` feed it the same inputs and say the same thing.
 */
import { type BackupStatus } from './backups';
import { type DeployRecord } from './deploys';
import { type ServiceHealth } from './health';
import { type RunbookSummary } from './runbooks';

/** A service down within this long of a deploy or rollback going live points at that release. */
export const RECENT_DEPLOY_MS = 6 * 3_600_000;

type ServiceEvidence = Pick<ServiceHealth, 'service' | 'environment' | 'status' | 'since'>;

/** What a deploy target says (see DeployTarget in shared/api/deploys.ts); only the fields the rules read. */
export interface TargetEvidence {
  service: string;
  environment: string;
  protected: boolean;
  current: string | null;
  currentByHost: Array<{ host: string; release: string | null }>;
  lastDeploy: Pick<DeployRecord, 'kind' | 'releaseId' | 'startedAt' | 'endedAt' | 'wentLive' | 'practice'> | null;
  rollbackTarget: string | null;
  rollbackLabel: string | null;
  runningRunId: string | null;
  unreachable: Array<{ host: string }>;
}

export interface FailingCheckEvidence {
  service: string;
  environment: string;
  checkId: string;
  status: 'down' | 'degraded';
}

export interface NextActionEvidence {
  now: number;
  services: ServiceEvidence[];
  targets: TargetEvidence[];
  /** Runs going on (deploys.overview's runs): says whether a running run is a deploy or a rollback. */
  runs?: Array<{ runId: string; kind: 'deploy' | 'rollback' }>;
  failingChecks: FailingCheckEvidence[];
  runbooks: Array<Pick<RunbookSummary, 'id' | 'title' | 'service' | 'environments' | 'for'>>;
  backups: Array<Pick<BackupStatus, 'service' | 'id' | 'ageMs' | 'rpoMs' | 'verifying'>>;
}

interface Where {
  service: string;
  environment: string;
}

export type NextAction =
  /** Rolls the environment to `to` (a release id): the rollback dialog, preselected. */
  | (Where & { kind: 'finish-rollback' | 'rollback'; to: string; protected: boolean; title: string; why: string })
  | (Where & { kind: 'runbook'; runbookId: string; title: string; why: string })
  | { kind: 'verify'; service: string; backup: string; title: string; why: string }
  /** A deploy or rollback is already running on the target the evidence points at: watch it, start nothing. */
  | (Where & { kind: 'running'; runId: string; title: string; why: string });

type Rule = (evidence: NextActionEvidence) => NextAction | null;

/** Highest priority first. */
const rules: Rule[] = [finishSplitFleet, rollBackRecentDeploy, runRunbook, verifyStaleBackup];

export function nextAction(evidence: NextActionEvidence): NextAction | null {
  for (const rule of rules) {
    const action = rule(evidence);
    if (action) return action;
  }
  return null;
}

// ---- a. a fleet split across releases ----------------------------------------------------------------------------

/**
 * The hosts that could be read and run a release, grouped by release id (hosts not read say nothing). Ids with the
 * same name count as one release: the same version deployed to two hosts one at a time gets two ids (their times).
 */
export function releaseGroups(target: Pick<TargetEvidence, 'currentByHost' | 'unreachable'>): Map<string, string[]> {
  const unreachable = new Set(target.unreachable.map((u) => u.host));
  const groups = new Map<string, string[]>();
  const idOfName = new Map<string, string>();
  for (const { host, release } of target.currentByHost) {
    if (release === null || unreachable.has(host)) continue;
    const id = idOfName.get(releaseName(release)) ?? release;
    idOfName.set(releaseName(release), id);
    groups.set(id, [...(groups.get(id) ?? []), host]);
  }
  return groups;
}

/**
 * Where a split fleet should end up: the release a rollback (or the way back from a half-done deploy) was taking
 * the hosts to, else the release most hosts run.
 */
function splitDestination(target: TargetEvidence, groups: Map<string, string[]>): string {
  const last = target.lastDeploy;
  if (last?.kind === 'rollback' && last.releaseId && groups.has(last.releaseId)) return last.releaseId;
  const others = [...groups.entries()].filter(([release]) => last?.kind !== 'deploy' || release !== last.releaseId);
  const pool = others.length > 0 ? others : [...groups.entries()];
  pool.sort((a, b) => b[1].length - a[1].length);
  return (pool[0] as [string, string[]])[0];
}

function finishSplitFleet(evidence: NextActionEvidence): NextAction | null {
  const split = byUrgency(
    evidence.targets.filter((t) => releaseGroups(t).size > 1),
    evidence,
  );
  const target = split[0];
  if (!target) return null;
  const groups = releaseGroups(target);
  const to = splitDestination(target, groups);
  const behind = [...groups.entries()].filter(([release]) => release !== to);
  const stragglers = behind
    .map(
      ([release, hosts]) => `${hosts.join(', ')} still ${hosts.length === 1 ? 'runs' : 'run'} ${releaseName(release)}`,
    )
    .join('; ');
  const why = `${target.environment} is split: ${[...groups.entries()]
    .map(([release, hosts]) => `${hosts.join(', ')} ${hosts.length === 1 ? 'runs' : 'run'} ${releaseName(release)}`)
    .join(', ')}`;
  const running = runningOn(target, evidence, why);
  if (running) return running;
  const finishing = target.lastDeploy?.kind === 'rollback';
  return {
    kind: 'finish-rollback',
    service: target.service,
    environment: target.environment,
    to,
    protected: target.protected,
    title: finishing
      ? `Finish the rollback: ${stragglers}`
      : `Bring ${target.service} in ${target.environment} back to ${releaseName(to)}: ${stragglers}`,
    why,
  };
}

// ---- b. down soon after a deploy or rollback ---------------------------------------------------------------------

function rollBackRecentDeploy(evidence: NextActionEvidence): NextAction | null {
  const failing = failingServices(evidence);
  // A deploy or rollback already running where something fails: whatever it is, it decides what happens next.
  for (const service of failing) {
    const target = targetOf(evidence, service);
    const running = target ? runningOn(target, evidence, `${service.service} is ${service.status}`) : null;
    if (running) return running;
  }
  const candidates = failing.flatMap((service) => {
    const target = targetOf(evidence, service);
    const last = target?.lastDeploy;
    if (!target || !last || last.practice || !last.wentLive) return [];
    // A deploy that did not stay live (its gate rolled it back) is not what runs now: rolling back would not help.
    if (!target.current || last.releaseId !== target.current) return [];
    if (!target.rollbackTarget || target.rollbackTarget === target.current) return [];
    const liveAt = Date.parse(last.endedAt ?? last.startedAt);
    const failedAt = service.since ?? evidence.now;
    if (!Number.isFinite(liveAt) || failedAt < Date.parse(last.startedAt)) return [];
    if (failedAt - liveAt > RECENT_DEPLOY_MS) return [];
    return [{ service, target, afterMs: Math.max(0, failedAt - liveAt) }];
  });
  const first = candidates[0];
  if (!first) return null;
  const { service, target, afterMs } = first;
  const release = releaseName(target.current);
  const after = afterMs < 60_000 ? 'right after' : `${shortDuration(afterMs)} after`;
  const why = `${service.service} went ${service.status} ${after} ${release} went live`;
  const to = target.rollbackTarget as string;
  const healthy = healthyFor(target.rollbackLabel);
  return {
    kind: 'rollback',
    service: target.service,
    environment: target.environment,
    to,
    protected: target.protected,
    title: `Roll back ${target.service} in ${target.environment} to ${releaseName(to)}${healthy ? ` (${healthy})` : ''}`,
    why,
  };
}

// ---- c. a failing check a runbook answers -------------------------------------------------------------------------

function runRunbook(evidence: NextActionEvidence): NextAction | null {
  const checks = [...evidence.failingChecks].sort(
    (a, b) =>
      severity(b.status) - severity(a.status) || Number(isProtected(evidence, b)) - Number(isProtected(evidence, a)),
  );
  for (const check of checks) {
    const runbook = evidence.runbooks.find(
      (r) =>
        r.service === check.service &&
        r.for.includes(check.checkId) &&
        (r.environments.length === 0 || r.environments.includes(check.environment)),
    );
    if (!runbook) continue;
    const why = `${check.checkId} is ${check.status} in ${check.environment}; this runbook answers it`;
    const target = targetOf(evidence, check);
    const running = target ? runningOn(target, evidence, why) : null;
    if (running) return running;
    return {
      kind: 'runbook',
      service: check.service,
      environment: check.environment,
      runbookId: runbook.id,
      title: `Run '${runbook.title}'`,
      why,
    };
  }
  return null;
}

// ---- d. a backup past its RPO --------------------------------------------------------------------------------------

function verifyStaleBackup(evidence: NextActionEvidence): NextAction | null {
  // While a service is down or degraded, an unrelated backup is not what helps: the banner names no action rather
  // than send the person at 10 PM to verify a copy (the Backups card still shows it).
  if (evidence.services.some((s) => s.status === 'down' || s.status === 'degraded')) return null;
  const stale = evidence.backups
    .filter((b) => !b.verifying && b.ageMs !== null && b.ageMs > b.rpoMs)
    .sort((a, b) => (b.ageMs ?? 0) / b.rpoMs - (a.ageMs ?? 0) / a.rpoMs);
  const backup = stale[0];
  if (!backup || backup.ageMs === null) return null;
  return {
    kind: 'verify',
    service: backup.service,
    backup: backup.id,
    title: `Verify ${backup.id} now`,
    why: `last good copy ${shortDuration(backup.ageMs)} ago, RPO ${shortDuration(backup.rpoMs)}`,
  };
}

// ---- shared helpers ------------------------------------------------------------------------------------------------

const severity = (status: string): number => (status === 'down' ? 2 : status === 'degraded' ? 1 : 0);

function isProtected(evidence: NextActionEvidence, where: Where): boolean {
  return evidence.targets.some((t) => t.environment === where.environment && t.protected);
}

function targetOf(evidence: NextActionEvidence, where: Where): TargetEvidence | undefined {
  return evidence.targets.find((t) => t.service === where.service && t.environment === where.environment);
}

/** Down beats degraded; production (protected) beats staging; otherwise the order given. */
function byUrgency<T extends Where>(list: T[], evidence: NextActionEvidence, status?: (item: T) => string): T[] {
  return list
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (status ? severity(status(b.item)) - severity(status(a.item)) : 0) ||
        Number(isProtected(evidence, b.item)) - Number(isProtected(evidence, a.item)) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

function failingServices(evidence: NextActionEvidence): ServiceEvidence[] {
  return byUrgency(
    evidence.services.filter((s) => s.status === 'down' || s.status === 'degraded'),
    evidence,
    (s) => s.status,
  );
}

/** A run already going on the target: nothing new should start; the banner says what runs instead. */
function runningOn(target: TargetEvidence, evidence: NextActionEvidence, why: string): NextAction | null {
  if (!target.runningRunId) return null;
  const kind = evidence.runs?.find((r) => r.runId === target.runningRunId)?.kind ?? 'deploy';
  return {
    kind: 'running',
    service: target.service,
    environment: target.environment,
    runId: target.runningRunId,
    title: `A ${kind} of ${target.service} in ${target.environment} is running`,
    why: `${why}; wait for it to end before doing anything else`,
  };
}

/** `20250101T120000Z-v1.5.0` → "v1.5.0"; any other name is shown as it is. */
export function releaseName(id: string | null): string {
  if (!id) return 'no release';
  return /^\d{8}T\d{6}Z-(.+)$/.exec(id)?.[1] ?? id;
}

/** "healthy for 3 days" out of a rollback label like "3 days ago · v1.4.0 · healthy for 3 days, until 15 min ago". */
function healthyFor(label: string | null): string | null {
  const part = label?.split(' · ').find((p) => p.startsWith('healthy for'));
  return part ? (part.split(',')[0] ?? part).trim() : null;
}

/** "40 s", "4 min", "30 h", "3 days": one unit, rounded down, as a person says it. */
export function shortDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
