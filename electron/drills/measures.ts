/**
 * What a rollback drill measured, from its moments: time to detect, to alert, to act (the human part), to recover
 * (the machine part) and in total, against the team's targets, and the drill's verdict from them.
 */
import { type DrillMeasure, type DrillTimes } from '../../shared/model/drills';
import { humanDuration } from '../health/words';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A duration for the drill's words: "7.9 s", "41 s", "2.5 min", "1 h 5 min". Minutes keep one decimal because
 * targets are in minutes: `humanDuration` rounds 2 min 50 s down to "2 min", which would read as meeting a 2 min
 * target that was missed.
 */
export function durationWords(ms: number): string {
  const value = Math.max(0, ms);
  if (value < MINUTE || value >= HOUR) return humanDuration(value);
  const minutes = Math.round((value / MINUTE) * 10) / 10;
  return `${minutes} min`;
}

/** The words a span uses: the service's name and the button that recovers it. */
export interface MeasureWords {
  /** "checkout"; "the service" when not given. */
  service?: string;
  /** "Roll back now" (a breakRelease drill) or "Heal now" (a break/heal command drill). */
  action?: string;
}

/** The button that recovers the service in this drill: a rollback, or the team's heal command. */
export function recoverAction(method: 'release' | 'command'): string {
  return method === 'command' ? 'Heal now' : 'Roll back now';
}

/** ms between two ISO moments; null when either is missing or unreadable, never negative. */
export function between(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}

function againstTarget(ms: number | null, targetMs: number | null): boolean | null {
  if (ms === null || targetMs === null) return null;
  return ms <= targetMs;
}

export function drillMeasures(
  times: DrillTimes,
  targets: { detectMs: number; recoverMs: number },
  words: MeasureWords = {},
): DrillMeasure[] {
  const service = words.service ?? 'the service';
  const action = words.action ?? 'Roll back now';
  const measure = (
    id: DrillMeasure['id'],
    label: string,
    span: string,
    ms: number | null,
    targetMs: number | null,
  ): DrillMeasure => ({ id, label, span, ms, targetMs, met: againstTarget(ms, targetMs) });
  return [
    measure(
      'detect',
      'Time to detect',
      `failure injected → ${service} down`,
      between(times.injectedAt, times.detectedAt),
      targets.detectMs,
    ),
    measure(
      'alert',
      'Time to alert',
      'failure injected → down alert sent',
      between(times.injectedAt, times.alertedAt),
      null,
    ),
    measure(
      'act',
      'Time to act',
      `${service} down → "${action}" pressed`,
      between(times.detectedAt, times.actedAt),
      null,
    ),
    measure(
      'recover',
      'Time to recover',
      `"${action}" pressed → every watched check passes`,
      between(times.actedAt, times.recoveredAt),
      targets.recoverMs,
    ),
    measure(
      'total',
      'Total',
      'failure injected → recovery verified',
      between(times.injectedAt, times.verifiedAt),
      null,
    ),
  ];
}

/** One measure by id, or null when absent. */
export function measureOf(measures: readonly DrillMeasure[], id: DrillMeasure['id']): DrillMeasure | null {
  return measures.find((m) => m.id === id) ?? null;
}

/**
 * `failed` when the service did not recover or the failure was never detected (a drill that cannot see the
 * failure proves nothing about the team's time to detect); `missed-target` when a target was missed; else `passed`.
 */
export function drillVerdict(measures: DrillMeasure[], recovered: boolean): 'passed' | 'missed-target' | 'failed' {
  if (!recovered) return 'failed';
  const detect = measureOf(measures, 'detect');
  if (detect === null || detect.ms === null) return 'failed';
  return measures.some((m) => m.met === false) ? 'missed-target' : 'passed';
}

/** "Time to detect 3.3 min, 1.3 min over the 2 min target" / "Time to detect 7.9 s (target 2 min)". */
export function measureAgainstTarget(measure: DrillMeasure): string {
  if (measure.ms === null) {
    return `${measure.label} not measured${measure.targetMs === null ? '' : ` (target ${durationWords(measure.targetMs)})`}`;
  }
  if (measure.targetMs === null) return `${measure.label} ${durationWords(measure.ms)}`;
  if (measure.ms > measure.targetMs) {
    return `${measure.label} ${durationWords(measure.ms)}, ${durationWords(measure.ms - measure.targetMs)} over the ${durationWords(measure.targetMs)} target`;
  }
  return `${measure.label} ${durationWords(measure.ms)} (target ${durationWords(measure.targetMs)})`;
}
