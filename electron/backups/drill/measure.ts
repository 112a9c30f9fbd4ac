/**
 * What a drill measured against its promises: RTO achieved (restore start → the last check passed, null unless
 * every check passed) and RPO achieved (how old the restored data was when the drill began: the newest time a
 * check printed, else the copy's own time), and the one-line summary that says how the drill went.
 */
import { type DrillCheckResult, type RestoreDrill } from '../../../shared/model/backups';
import { humanDuration } from '../../health/words';

export interface RpoAchieved {
  rpoMs: number | null;
  rpoFrom: string | null;
}

/** The newest data time any check printed wins; the copy's time is the fallback (it is at least that old). */
export function rpoAchieved(
  drillStart: Date,
  checks: readonly DrillCheckResult[],
  copyTime: string | null,
): RpoAchieved {
  let newest: { at: number; check: string } | null = null;
  for (const check of checks) {
    if (!check.dataTime) continue;
    const at = Date.parse(check.dataTime);
    if (!Number.isNaN(at) && (newest === null || at > newest.at)) newest = { at, check: check.name };
  }
  if (newest) {
    return {
      rpoMs: Math.max(0, drillStart.getTime() - newest.at),
      rpoFrom: `the newest data's time (check "${newest.check}")`,
    };
  }
  const copyAt = copyTime ? Date.parse(copyTime) : Number.NaN;
  if (Number.isNaN(copyAt)) return { rpoMs: null, rpoFrom: null };
  return { rpoMs: Math.max(0, drillStart.getTime() - copyAt), rpoFrom: "the copy's time" };
}

/** Restore start → the end of the last check; only when the restore and every check passed. */
export function rtoAchieved(restoreMs: number | null, checksMs: number, allPassed: boolean): number | null {
  return restoreMs === null || !allPassed ? null : restoreMs + checksMs;
}

/** "RTO 41 s (target 30 min)", flagged when over: "RTO 41 min, 11 min over the 30 min target". */
export function againstTarget(label: 'RTO' | 'RPO', achievedMs: number | null, targetMs: number): string {
  if (achievedMs === null) return `${label} not measured (target ${humanDuration(targetMs)})`;
  if (achievedMs > targetMs) {
    return `${label} ${humanDuration(achievedMs)}, ${humanDuration(achievedMs - targetMs)} over the ${humanDuration(targetMs)} target`;
  }
  return `${label} ${humanDuration(achievedMs)} (target ${humanDuration(targetMs)})`;
}

/** Targets missed, in words; a drill that restored and passed its checks stays `succeeded` but says so. */
export function missedTargets(drill: Pick<RestoreDrill, 'rtoMs' | 'rtoTargetMs' | 'rpoMs' | 'rpoTargetMs'>): string[] {
  const missed: string[] = [];
  if (drill.rtoMs !== null && drill.rtoMs > drill.rtoTargetMs)
    missed.push(againstTarget('RTO', drill.rtoMs, drill.rtoTargetMs));
  if (drill.rpoMs !== null && drill.rpoMs > drill.rpoTargetMs)
    missed.push(againstTarget('RPO', drill.rpoMs, drill.rpoTargetMs));
  return missed;
}

/** The drill's one line, for the journal, the Drills list and alerts. */
export function drillSummary(drill: RestoreDrill, failure: string | null): string {
  const copy = drill.copy?.id ?? 'no copy';
  const passed = drill.checks.filter((c) => c.ok).length;
  const checks = drill.checks.length === 0 ? 'no smoke checks' : `${passed} of ${drill.checks.length} checks passed`;
  const restore = drill.phases.find((p) => p.name === 'restore');
  const teardown =
    drill.teardownOk === false
      ? ` Teardown failed: ${drill.phases.find((p) => p.name === 'teardown')?.detail ?? ''}`.trimEnd()
      : '';
  if (drill.status === 'succeeded') {
    const missed = missedTargets(drill);
    const measures = [
      againstTarget('RTO', drill.rtoMs, drill.rtoTargetMs),
      againstTarget('RPO', drill.rpoMs, drill.rpoTargetMs),
    ];
    const flag = missed.length > 0 ? ` Target missed: ${missed.join('; ')}.` : '';
    return `Restored ${copy} in ${humanDuration(restore?.durationMs ?? 0)}; ${checks}; ${measures.join(', ')}.${flag}`;
  }
  if (drill.status === 'cancelled') {
    if (!restore) return `Cancelled before the restore of ${copy}: nothing was restored.`;
    return `Cancelled while restoring ${copy}${drill.teardownOk === true ? '; teardown ran' : drill.teardownOk === null ? '; no teardown declared' : ''}.${teardown}`;
  }
  const why = failure ?? (drill.checks.length > 0 ? checks : 'the drill failed');
  return `Drill of ${copy} failed: ${why}.${teardown}`.replace(/\.\./g, '.');
}
