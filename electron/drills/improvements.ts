/**
 * What a rollback drill says to improve, each derived from evidence the drill holds — the watched checks' timing,
 * the deploy's health gate, how alerts go out, the measures against targets, earlier drills — with that evidence
 * in words, so the team can see why. A drill where all is well yields nothing (the screen says "Nothing to improve").
 */
import {
  type DrillImprovement,
  type DrillMeasure,
  type DrillPlan,
  type DrillTimes,
  type RollbackDrillSummary,
  type WatchedCheck,
} from '../../shared/model/drills';
import { detectionTimeMs } from '../../shared/model/health';
import { formatDuration } from '../../shared/workspace/units';
import { durationWords, measureAgainstTarget, measureOf, recoverAction } from './measures';

export interface ImprovementEvidence {
  plan: DrillPlan;
  times: DrillTimes;
  measures: DrillMeasure[];
  /** The service's deploy config: gate ids (empty = no gate), gateTimeoutMs; null when it has no deploy. */
  deploy: { gate: string[]; gateTimeoutMs: number; strategy: 'releases' | 'script' } | null;
  /** How alerts go out: desktop on?, slack configured?, quiet hours. */
  alerts: { desktop: boolean; slack: boolean; quietHours: string | null };
  /** The failure was detected (the service went down by its checks' rules) before the drill gave up or acted. */
  detected: boolean;
  /** Every watched check passed again after the recovery. */
  recovered: boolean;
  /** Earlier drills of this service (newest first), for "slower than last time". */
  previous: RollbackDrillSummary[];
}

/** Slower than the drill before by more than this share is worth a look… */
const SLOWER_SHARE = 0.25;
/** …unless the difference is within a check interval's jitter: 3 s vs 4 s is 33 % slower and means nothing. */
const SLOWER_FLOOR_MS = 5_000;
/** Retries that eat this share of the detect target are worth reconsidering. */
const RETRIES_SHARE = 0.5;

/** The longest a check can take to make the service down: wait for its next run, fail, retry, time out. */
export function worstCaseDetectionMs(check: WatchedCheck): number {
  return detectionTimeMs(check);
}

/** "checkout-ready: every 5m, retries 1" — the check's settings as the workspace file spells them. */
function checkSettings(check: WatchedCheck): string {
  const parts = [`every ${formatDuration(check.everyMs)}`, `retries ${check.retries}`];
  if (check.retries > 0 && check.everyFailingMs !== check.everyMs) {
    parts.push(`${formatDuration(check.everyFailingMs)} apart while failing`);
  }
  parts.push(`timeout ${formatDuration(check.timeoutMs)}`);
  return `${check.checkId}: ${parts.join(', ')}`;
}

function listed(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1] ?? ''}`;
}

function slowChecks(e: ImprovementEvidence): DrillImprovement[] {
  const target = e.plan.targets.detectMs;
  return e.plan.watch.flatMap((check): DrillImprovement[] => {
    const worst = worstCaseDetectionMs(check);
    if (worst <= target) return [];
    const line =
      check.everyMs >= target
        ? `${check.checkId} runs every ${durationWords(check.everyMs)}: it cannot detect within ${durationWords(target)}`
        : `${check.checkId} can take up to ${durationWords(worst)} to notice a failure: it cannot be sure to detect within ${durationWords(target)}`;
    return [
      {
        id: `check-too-slow:${check.checkId}`,
        severity: 'fix',
        line,
        evidence: `${checkSettings(check)}; worst case ${durationWords(worst)} against the ${durationWords(target)} target`,
      },
    ];
  });
}

function slowRetries(e: ImprovementEvidence): DrillImprovement[] {
  const target = e.plan.targets.detectMs;
  return e.plan.watch.flatMap((check): DrillImprovement[] => {
    const added = check.retries * check.everyFailingMs;
    if (check.retries === 0 || added < RETRIES_SHARE * target) return [];
    return [
      {
        id: `retries-slow:${check.checkId}`,
        severity: 'consider',
        line: `retries ${check.retries} × ${durationWords(check.everyFailingMs)} on ${check.checkId} add ${durationWords(added)} before anyone is told`,
        evidence: `${checkSettings(check)}; detect target ${formatDuration(target)}`,
      },
    ];
  });
}

function gate(e: ImprovementEvidence): DrillImprovement[] {
  if (e.deploy === null) return [];
  if (e.deploy.gate.length === 0) {
    return [
      {
        id: 'no-gate',
        severity: 'fix',
        line: 'no health gate: a bad deploy would go live unnoticed until the checks catch it',
        evidence: `the deploy of ${e.plan.service} declares no gate: checks`,
      },
    ];
  }
  const watched = e.plan.watch.map((c) => c.checkId);
  if (watched.length === 0 || e.deploy.gate.some((id) => watched.includes(id))) return [];
  return [
    {
      id: 'gate-not-watched',
      severity: 'consider',
      line: `the health gate does not run ${listed(watched)}: a release broken like this one would pass the gate`,
      evidence: `gate: ${e.deploy.gate.join(', ')}; the drill watched ${watched.join(', ')}`,
    },
  ];
}

function noCritical(e: ImprovementEvidence): DrillImprovement[] {
  if (e.plan.watch.length === 0 || e.plan.watch.some((c) => c.critical)) return [];
  const ids = e.plan.watch.map((c) => c.checkId);
  const which = ids.length === 1 ? ids.join('') : `${ids[0] ?? ''} (or another watched check)`;
  return [
    {
      id: 'no-critical-check',
      severity: 'fix',
      line: `mark ${which} critical: only critical checks make the service down and page someone`,
      evidence: `${listed(ids)} ${ids.length === 1 ? 'is' : 'are'} not critical`,
    },
  ];
}

function alerting(e: ImprovementEvidence): DrillImprovement[] {
  const found: DrillImprovement[] = [];
  if (!e.alerts.desktop && !e.alerts.slack) {
    found.push({
      id: 'nobody-told',
      severity: 'fix',
      line: 'nobody would be told: desktop alerts are off and Slack is not set up',
      evidence: 'alerts: desktop off, no Slack webhook',
    });
  }
  if (e.alerts.quietHours !== null) {
    found.push({
      id: 'quiet-hours',
      severity: 'consider',
      line: 'a down alert still goes out in quiet hours; warnings wait',
      evidence: `quiet hours ${e.alerts.quietHours}`,
    });
  }
  return found;
}

function targetsAndOutcome(e: ImprovementEvidence): DrillImprovement[] {
  const found: DrillImprovement[] = [];
  if (!e.detected && e.times.injectedAt !== null) {
    const actedFirst = e.times.actedAt !== null;
    found.push({
      id: 'not-detected',
      severity: 'fix',
      line: actedFirst
        ? `the checks had not noticed the failure when "${recoverAction(e.plan.method)}" was pressed: make sure ${listed(e.plan.watch.map((c) => c.checkId)) || 'a check'} sees this kind of failure`
        : `nothing noticed the failure within ${durationWords(e.plan.detectTimeoutMs)}: add or change a check so it sees this kind of failure`,
      evidence: `watched: ${e.plan.watch.map((c) => c.checkId).join(', ') || 'no check'}; detect timeout ${formatDuration(e.plan.detectTimeoutMs)}`,
    });
  }
  for (const id of ['detect', 'recover'] as const) {
    const measure = measureOf(e.measures, id);
    if (measure?.met !== false) continue;
    found.push({
      id: `${id}-target-missed`,
      severity: 'fix',
      line: measureAgainstTarget(measure),
      evidence: `${measure.span}: ${durationWords(measure.ms ?? 0)}`,
    });
  }
  if (!e.recovered && e.times.actedAt !== null) {
    found.push({
      id: 'not-recovered',
      severity: 'fix',
      line: `${e.plan.service} did not pass its checks again after the recovery: check the release it returns to is really healthy`,
      evidence: `returned to ${e.plan.returnTo.map((r) => `${r.host} ${r.release ?? 'unknown release'}`).join(', ') || 'nothing'}`,
    });
  }
  return found;
}

function humanSlowerThanMachine(e: ImprovementEvidence): DrillImprovement[] {
  const act = measureOf(e.measures, 'act')?.ms ?? null;
  const recover = measureOf(e.measures, 'recover')?.ms ?? null;
  if (act === null || recover === null || act <= recover) return [];
  return [
    {
      id: 'act-slower-than-recover',
      severity: 'consider',
      line:
        e.plan.method === 'command'
          ? 'the human part took longer than the recovery: keep the runbook and the Heal now button one click away'
          : 'the human part took longer than the rollback: keep the runbook and the Roll back button one click away',
      evidence: `time to act ${durationWords(act)}, time to recover ${durationWords(recover)}`,
    },
  ];
}

function slowerThanBefore(e: ImprovementEvidence): DrillImprovement[] {
  const earlier = e.previous.filter((d) => d.service === e.plan.service && d.environment === e.plan.environment);
  return (['detect', 'recover'] as const).flatMap((id): DrillImprovement[] => {
    const now = measureOf(e.measures, id);
    if (now === null || now.ms === null) return [];
    const before = earlier.find((d) => (measureOf(d.measures, id)?.ms ?? null) !== null);
    const beforeMs = before ? (measureOf(before.measures, id)?.ms ?? null) : null;
    if (!before || beforeMs === null) return [];
    const slower = now.ms - beforeMs;
    if (slower <= SLOWER_SHARE * beforeMs || slower < SLOWER_FLOOR_MS) return [];
    const share = beforeMs === 0 ? null : Math.round((slower / beforeMs) * 100);
    return [
      {
        id: `slower-${id}`,
        severity: 'consider',
        line: `${now.label} ${durationWords(now.ms)}, ${share === null ? durationWords(slower) : `${share} %`} slower than the drill before`,
        evidence: `this drill ${durationWords(now.ms)}; the drill of ${before.startedAt.slice(0, 10)} ${durationWords(beforeMs)}`,
      },
    ];
  });
}

/** Fixes first (they leave the team exposed), then things to consider; each in the order the rules are read. */
export function improvements(e: ImprovementEvidence): DrillImprovement[] {
  const all = [
    ...targetsAndOutcome(e),
    ...slowChecks(e),
    ...noCritical(e),
    ...alerting(e),
    ...gate(e),
    ...slowRetries(e),
    ...humanSlowerThanMachine(e),
    ...slowerThanBefore(e),
  ];
  return [...all.filter((i) => i.severity === 'fix'), ...all.filter((i) => i.severity === 'consider')];
}
