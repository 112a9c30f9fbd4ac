/**
 * A service's rollback drills over time: the points a small chart draws (time to detect, to recover, total) and
 * one line that says whether the team is getting faster — "Time to recover 41 s, 12 s faster than the drill before".
 */
import { type RollbackDrillSummary } from '../../shared/model/drills';
import { durationWords, measureOf } from './measures';

export interface DrillTrendPoint {
  id: string;
  startedAt: string;
  detectMs: number | null;
  recoverMs: number | null;
  totalMs: number | null;
  status: string;
}

/** Differences under this are the checks' own jitter, not the team getting faster or slower. */
const SAME_WITHIN_MS = 1_000;

const unfinished: Record<string, string> = {
  failed: 'failed',
  cancelled: 'was cancelled',
};

function recoverMs(drill: RollbackDrillSummary): number | null {
  return measureOf(drill.measures, 'recover')?.ms ?? null;
}

/**
 * `history` newest first, as the overview lists it; the trend is the newest drill's service (a list holding
 * several services is narrowed to it). Points come oldest first, the order a chart reads; a drill still running
 * is left out, since it has measured nothing final yet.
 */
export function drillTrend(history: RollbackDrillSummary[]): { points: DrillTrendPoint[]; line: string } {
  const service = history[0]?.service;
  const done = history.filter((d) => d.service === service && d.status !== 'running');
  const points = [...done].reverse().map((d) => ({
    id: d.id,
    startedAt: d.startedAt,
    detectMs: measureOf(d.measures, 'detect')?.ms ?? null,
    recoverMs: recoverMs(d),
    totalMs: measureOf(d.measures, 'total')?.ms ?? null,
    status: d.status,
  }));
  const latest = done[0];
  if (service === undefined || latest === undefined) {
    return { points, line: service === undefined ? 'no rollback drill yet' : `no finished drill of ${service} yet` };
  }
  const latestMs = recoverMs(latest);
  if (latestMs === null) {
    return {
      points,
      line: `the last drill of ${service} ${unfinished[latest.status] ?? latest.status}: no time to recover measured`,
    };
  }
  const head = `Time to recover ${durationWords(latestMs)}`;
  if (done.length === 1) return { points, line: `${head}, first drill of ${service}` };
  const before = done.slice(1).find((d) => recoverMs(d) !== null);
  const beforeMs = before ? recoverMs(before) : null;
  if (beforeMs === null) return { points, line: `${head}, the first of ${service}'s drills to recover` };
  const diff = latestMs - beforeMs;
  const which = before === done[1] ? 'the drill before' : 'the last drill that recovered';
  if (Math.abs(diff) < SAME_WITHIN_MS) return { points, line: `${head}, about the same as ${which}` };
  return { points, line: `${head}, ${durationWords(Math.abs(diff))} ${diff < 0 ? 'faster' : 'slower'} than ${which}` };
}
