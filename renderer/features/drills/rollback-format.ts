/**
 * How the guided rollback drill reads on screen: its deep link, status words, measures against targets, the moments
 * it reached (offsets from the injection), the running clock, the trend across drills, and why "Start drill" is not
 * allowed yet. Pure, so every sentence is unit-tested.
 */
import {
  type DrillMeasure,
  type DrillPlan,
  type DrillPhase,
  type RollbackDrill,
  type RollbackDrillSummary,
  type WatchedCheck,
  type DrillableService,
} from '../../../shared/model/drills';
import { type Tone } from '../../components/StatusPill';
import { formatElapsed, formatInterval, formatRelative } from '../../lib/format';

type DrillStatus = RollbackDrill['status'];

// The deep links live on their own so the start-up code that opens a drill does not carry this whole module.
export { rollbackDrillFromHash, rollbackDrillHref } from './rollback-links';

export const drillStatusTone: Record<DrillStatus, Tone> = {
  running: 'running',
  passed: 'ok',
  'missed-target': 'warn',
  failed: 'bad',
  cancelled: 'idle',
};

export const drillStatusWords: Record<DrillStatus, string> = {
  running: 'running',
  passed: 'passed',
  'missed-target': 'missed a target',
  failed: 'failed',
  cancelled: 'cancelled',
};

export const phaseTone: Record<DrillPhase['status'], Tone> = {
  pending: 'idle',
  running: 'running',
  waiting: 'warn',
  passed: 'ok',
  failed: 'bad',
  skipped: 'idle',
  cancelled: 'idle',
};

/** The recovery button: the same words the on-call would read. */
export function actLabel(method: DrillPlan['method']): string {
  return method === 'command' ? 'Heal now' : 'Roll back now';
}

export interface MeasureView {
  label: string;
  span: string;
  value: string;
  target: string | null;
  /** "met, 1 min 52 s to spare" / "missed by 30 s"; null without a target or a measure. */
  verdict: string | null;
  met: boolean | null;
}

export function measureView(m: DrillMeasure): MeasureView {
  const value = m.ms === null ? 'not reached' : formatElapsed(m.ms);
  const target = m.targetMs === null ? null : formatInterval(m.targetMs);
  let verdict: string | null = null;
  if (m.ms !== null && m.targetMs !== null && m.met !== null) {
    const gap = Math.abs(m.targetMs - m.ms);
    verdict = m.met ? `met, ${formatElapsed(gap)} to spare` : `missed by ${formatElapsed(gap)}`;
  } else if (m.ms === null && m.targetMs !== null) {
    verdict = 'not measured';
  }
  return { label: m.label, span: m.span, value, target, verdict, met: m.met };
}

/** One measure in ms (a history row shows detect and recover, the two the team sets targets for). */
export function measureMs(measures: readonly DrillMeasure[], id: DrillMeasure['id']): number | null {
  return measures.find((m) => m.id === id)?.ms ?? null;
}

export interface Moment {
  id: keyof RollbackDrill['times'];
  label: string;
  at: string | null;
  /** Since the injection; null before it, or for the injection itself. */
  offsetMs: number | null;
}

/** The moments a drill measures, in the order they happen, reached or not. */
export function drillMoments(drill: Pick<RollbackDrill, 'times' | 'plan' | 'alertsDelivered'>): Moment[] {
  const { times } = drill;
  const labels: [Moment['id'], string][] = [
    ['injectedAt', 'Failure injected'],
    ['firstFailureAt', 'First failing sample'],
    ['detectedAt', 'Detected: service down by its checks'],
    ['alertedAt', drill.alertsDelivered ? 'Alert sent (practice)' : 'Alert would have been sent'],
    ['actedAt', `${actLabel(drill.plan.method)} pressed`],
    ['recoveredAt', 'Recovered: every watched check passes'],
    ['verifiedAt', `Verified: ${drill.plan.passes} passes in a row`],
  ];
  const start = times.injectedAt ? Date.parse(times.injectedAt) : null;
  return labels.map(([id, label]) => {
    const at = times[id];
    const offsetMs = at && start !== null && id !== 'injectedAt' ? Math.max(0, Date.parse(at) - start) : null;
    return { id, label, at, offsetMs };
  });
}

/** The big clock: "0:42", "12:05", "1:02:03". */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** How long the clock has run: from the injection to the verification (or now, or the end). */
export function drillClockMs(drill: Pick<RollbackDrill, 'times' | 'endedAt'>, now: number): number | null {
  if (!drill.times.injectedAt) return null;
  const end = drill.times.verifiedAt ?? drill.endedAt;
  return Math.max(0, (end ? Date.parse(end) : now) - Date.parse(drill.times.injectedAt));
}

/** A phase's time so far (running) or in all (ended); null when it has not started. */
export function phaseMs(phase: DrillPhase, now: number): number | null {
  if (!phase.startedAt) return null;
  return Math.max(0, (phase.endedAt ? Date.parse(phase.endedAt) : now) - Date.parse(phase.startedAt));
}

/** "every 5 s (2 s while failing), retries 1, timeout 3 s": what bounds how fast the check can notice. */
export function checkTiming(c: WatchedCheck): string {
  const failing = c.everyFailingMs !== c.everyMs ? ` (${formatInterval(c.everyFailingMs)} while failing)` : '';
  return `every ${formatInterval(c.everyMs)}${failing}, retries ${c.retries}, timeout ${formatInterval(c.timeoutMs)}`;
}

/** Why "Start drill" cannot be pressed yet, in words; null when it can. */
export function startBlocker(plan: DrillPlan, typed: string): string | null {
  const failed = plan.items.filter((i) => !i.ok);
  if (failed.length > 0) return `Preflight failed: ${failed.map((i) => i.detail).join('; ')}. Nothing was changed.`;
  if (!plan.ready) return 'Preflight is not ready yet.';
  if (plan.protected && typed !== plan.environment)
    return `Type ${plan.environment} to confirm the protected environment.`;
  return null;
}

/** "Due in 85 days", "Overdue: due 3 days ago", "No drill yet"; "Every 90 d" rhythm when none is due. */
export function dueText(s: Pick<DrillableService, 'dueAt' | 'overdue' | 'lastDrill'>, now: number): string {
  if (s.dueAt)
    return s.overdue ? `Overdue: was due ${formatRelative(s.dueAt, now)}` : `Due ${formatRelative(s.dueAt, now)}`;
  if (s.lastDrill) return 'No reminder set';
  return s.overdue ? 'Never practised: due now' : 'Never practised';
}

export interface TrendRow {
  id: string;
  /** Epoch ms of the drill's start. */
  t: number;
  detectS: number | null;
  recoverS: number | null;
}

/** The trend across drills, oldest first: only drills that ended and measured something. */
export function trendRows(history: readonly RollbackDrillSummary[]): TrendRow[] {
  return history
    .filter((d) => d.status !== 'running')
    .map((d) => {
      const detect = measureMs(d.measures, 'detect');
      const recover = measureMs(d.measures, 'recover');
      return {
        id: d.id,
        t: Date.parse(d.startedAt),
        detectS: detect === null ? null : Math.round(detect / 100) / 10,
        recoverS: recover === null ? null : Math.round(recover / 100) / 10,
      };
    })
    .filter((r) => r.detectS !== null || r.recoverS !== null)
    .sort((a, b) => a.t - b.t);
}

/** The targets of a history's drills (they may change over time: the newest wins), in seconds. */
export function trendTargets(history: readonly RollbackDrillSummary[]): {
  detectS: number | null;
  recoverS: number | null;
} {
  const newest = history[0];
  const target = (id: DrillMeasure['id']) => {
    const ms = newest?.measures.find((m) => m.id === id)?.targetMs ?? null;
    return ms === null ? null : ms / 1000;
  };
  return { detectS: target('detect'), recoverS: target('recover') };
}

/** Round ticks for the trend's axis, in seconds (at most six steps of 5 s, 10 s, …, 1 h), from 0 past `topS`. */
export function trendTicks(topS: number): number[] {
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const step = steps.find((s) => topS / s <= 5) ?? Math.ceil(topS / 5 / 3600) * 3600;
  const count = Math.max(1, Math.ceil(topS / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
