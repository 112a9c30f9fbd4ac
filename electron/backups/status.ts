/**
 * A backup against its promises, now: the newest copy's age against the RPO (recomputed from the clock, so a backup
 * goes past its RPO between verifications too), the last verification's findings, and the restore drill's last
 * result and due date. Reasons are listed worst first; the health is the worst of them.
 */
import {
  type BackupHealth,
  type BackupStatus,
  type RestoreDrill,
  type Verification,
  type VerificationCheck,
  worstBackupsFirst,
} from '../../shared/model/backups';
import { type BackupsOverview } from '../../shared/api/backups';
import { describeBackupSource, sourceKindOf } from '../../shared/workspace/backups';
import { type DeclaredBackup } from './declared';
import { type BackupHistory, type BackupRef, type StoredVerification } from './history';
import { MEDIAN_WINDOW, isShrunk } from './verify-checks';
import { humanAge } from './words';

/** A drill due within this is worth a reminder. */
export const DRILL_REMINDER_MS = 7 * 86_400_000;
/** How many copies the size sparkline shows. */
export const SPARKLINE_COPIES = 30;

export interface DrillFacts {
  last: RestoreDrill | null;
  running: string | null;
}

export interface StatusInput {
  declared: DeclaredBackup;
  ref: BackupRef;
  history: Pick<BackupHistory, 'last' | 'listing' | 'recentCopies'>;
  drill: DrillFacts;
  now: Date;
  nextVerificationAt: Date | null;
  verifying: boolean;
}

interface Reason {
  health: BackupHealth;
  text: string;
}

const checkOf = (v: Verification | undefined, kind: VerificationCheck['kind']) =>
  v?.checks.filter((c) => c.kind === kind) ?? [];

/** The drill block: when the next drill is due (now when never drilled) and whether that has passed. */
export function drillBlock(declared: DeclaredBackup, facts: DrillFacts, now: Date): BackupStatus['drill'] {
  const drill = declared.config.drill;
  if (!drill) return null;
  const due = facts.last ? new Date(Date.parse(facts.last.startedAt) + drill.every) : now;
  return {
    host: drill.host,
    rtoTargetMs: drill.rto,
    everyMs: drill.every,
    last: facts.last,
    dueAt: due.toISOString(),
    overdue: facts.last === null || due.getTime() <= now.getTime(),
    running: facts.running,
  };
}

function sizesOf(input: StatusInput, shrink: number): BackupStatus['sizes'] {
  // One more than shown: the oldest shown copy needs the ones before it for its median.
  const seen = input.history.recentCopies(input.ref, SPARKLINE_COPIES + MEDIAN_WINDOW);
  return seen.slice(-SPARKLINE_COPIES).map((copy, i, shown) => {
    const index = seen.length - shown.length + i;
    const before = seen.slice(Math.max(0, index - MEDIAN_WINDOW), index).reverse();
    return { id: copy.id, time: copy.time, size: copy.size, shrunk: isShrunk(copy.size, before, shrink) };
  });
}

function reasonsOf(
  input: StatusInput,
  last: StoredVerification | null,
  ageMs: number | null,
  drill: BackupStatus['drill'],
): Reason[] {
  const { config } = input.declared;
  const v = last?.verification;
  const reasons: Reason[] = [];
  const listError = checkOf(v, 'list').find((c) => c.status === 'error');
  if (ageMs !== null && ageMs > config.rpo) {
    reasons.push({
      health: 'broken',
      text: `newest copy ${humanAge(ageMs)} old, past the RPO of ${humanAge(config.rpo)}`,
    });
  } else if (last && !listError && last.copies === 0) {
    reasons.push({ health: 'broken', text: 'no copies found' });
  }
  for (const check of checkOf(v, 'count'))
    if (check.status === 'failed') reasons.push({ health: 'broken', text: check.summary });
  for (const check of [...checkOf(v, 'integrity'), ...checkOf(v, 'native')]) {
    if (check.status === 'failed') reasons.push({ health: 'broken', text: `integrity check ${check.summary}` });
  }
  if (drill?.last?.status === 'failed') {
    reasons.push({
      health: 'broken',
      text: `the last restore drill failed${drill.last.summary ? `: ${drill.last.summary}` : ''}`,
    });
  }
  if (drill?.overdue && !drill.running) {
    reasons.push({
      health: 'warning',
      text: drill.last
        ? `restore drill overdue since ${drill.dueAt.slice(0, 10)} (every ${humanAge(drill.everyMs)})`
        : 'never restored in a drill',
    });
  }
  for (const check of checkOf(v, 'size'))
    if (check.status === 'warning') reasons.push({ health: 'warning', text: check.summary });
  if (ageMs !== null && ageMs <= config.rpo && ageMs > config.rpo * 0.8) {
    reasons.push({
      health: 'warning',
      text: `newest copy ${humanAge(ageMs)} old, close to the RPO of ${humanAge(config.rpo)}`,
    });
  }
  for (const check of [...checkOf(v, 'integrity'), ...checkOf(v, 'native')]) {
    if (check.status === 'error') reasons.push({ health: 'warning', text: `integrity not checked: ${check.summary}` });
  }
  if (listError) reasons.push({ health: 'unknown', text: `could not read the copies: ${listError.summary}` });
  if (!last) reasons.push({ health: 'unknown', text: 'not verified yet' });
  if (drill && !drill.overdue && Date.parse(drill.dueAt) - input.now.getTime() <= DRILL_REMINDER_MS) {
    reasons.push({
      health: 'ok',
      text: `next restore drill due in ${humanAge(Date.parse(drill.dueAt) - input.now.getTime())}`,
    });
  }
  return reasons;
}

const healthRank: Record<BackupHealth, number> = { broken: 3, warning: 2, unknown: 1, ok: 0 };

export function backupStatus(input: StatusInput): BackupStatus {
  const { declared, ref, now } = input;
  const { config } = declared;
  const last = input.history.last(ref);
  // A failed listing keeps the last copies known, so the age still counts against the RPO.
  const newest = last?.newest ?? input.history.listing(ref)[0] ?? null;
  const ageMs = newest ? Math.max(0, now.getTime() - Date.parse(newest.time)) : null;
  const drill = drillBlock(declared, input.drill, now);
  const reasons = reasonsOf(input, last, ageMs, drill).sort((a, b) => healthRank[b.health] - healthRank[a.health]);
  const health = reasons[0]?.health ?? 'ok';
  const fine =
    newest && ageMs !== null
      ? `newest copy ${humanAge(ageMs)} old (RPO ${humanAge(config.rpo)}), ${last?.copies ?? 0} copies`
      : 'ok';
  const texts = reasons.filter((r) => r.health !== 'ok' || health === 'ok').map((r) => r.text);
  return {
    key: declared.key,
    service: declared.service,
    id: config.id,
    description: config.description ?? null,
    sourceKind: sourceKindOf(config.source),
    source: describeBackupSource(config.source),
    health,
    reason: health === 'ok' ? [fine, ...texts].join('; ') : texts.join('; '),
    rpoMs: config.rpo,
    minCopies: config.minCopies,
    newest,
    ageMs,
    copies: last?.copies ?? null,
    sizes: sizesOf(input, config.shrink),
    lastVerification: last?.verification ?? null,
    nextVerificationAt: input.nextVerificationAt?.toISOString() ?? null,
    verifying: input.verifying,
    drill,
  };
}

export function overviewOf(statuses: BackupStatus[]): BackupsOverview {
  const backups = [...statuses].sort(worstBackupsFirst);
  const worst = backups[0]?.health ?? 'ok';
  const kept = backups.filter((b) => b.health === 'ok').length;
  const first = backups[0];
  let verdict: string;
  if (backups.length === 0) verdict = 'No backups declared in this workspace.';
  else if (backups.length === 1 && kept === 1) verdict = `${first?.key} keeps its promises.`;
  else if (kept === backups.length) verdict = `All ${backups.length} backups keep their promises.`;
  else verdict = `${kept} of ${backups.length} backups keep their promises; ${first?.key}: ${first?.reason}`;
  return { backups, worst, verdict };
}
