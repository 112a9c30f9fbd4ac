/**
 * DORA figures from deploy history: deploy frequency (per week), change failure rate, and time to restore
 * (median). Definitions, so the numbers can be argued with:
 * - a deploy counts when some host was switched to it and it ended (healthy, failed, rolled back, bad or
 *   unknown); cancelled runs and runs that stopped before switching (locked, failed to prepare) do not;
 * - a failed change is a deploy that did not end healthy, or a healthy one later rolled back by hand before the
 *   next deploy;
 * - restored = the failed deploy's own automatic rollback ended, or else the next run (deploy or rollback)
 *   that ended healthy; time to restore runs from the start of the failed deploy (or, for a deploy that looked
 *   healthy and was rolled back later, from when it ended).
 */
import { type DeployRecord, type DoraFigures } from '../../shared/model/deploys';

const counted = new Set(['healthy', 'failed', 'rolled-back', 'bad', 'unknown']);

export function doraFigures(records: readonly DeployRecord[], now: Date, windowDays = 30): DoraFigures {
  const since = now.getTime() - windowDays * 86_400_000;
  const ordered = [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const deploys = ordered.filter(
    (r) => r.kind === 'deploy' && r.wentLive && counted.has(r.result) && Date.parse(r.startedAt) >= since,
  );

  const restoreTimes: number[] = [];
  let failed = 0;
  for (const deploy of deploys) {
    const later = ordered.filter((r) => r.startedAt > deploy.startedAt && r.id !== deploy.id);
    const nextDeployAt = later.find((r) => r.kind === 'deploy' && r.wentLive && counted.has(r.result))?.startedAt;
    const manualRollback = later.find(
      (r) => r.kind === 'rollback' && r.wentLive && (!nextDeployAt || r.startedAt < nextDeployAt),
    );
    const isFailure = deploy.result !== 'healthy' || manualRollback !== undefined;
    if (!isFailure) continue;
    failed++;
    let from = Date.parse(deploy.startedAt);
    let restoredAt: number | null = null;
    if (deploy.result === 'rolled-back' && deploy.endedAt) {
      restoredAt = Date.parse(deploy.endedAt);
    } else {
      if (deploy.result === 'healthy' && deploy.endedAt) from = Date.parse(deploy.endedAt);
      const healthyAgain = later.find((r) => r.result === 'healthy' && r.endedAt);
      if (healthyAgain?.endedAt) restoredAt = Date.parse(healthyAgain.endedAt);
    }
    if (restoredAt !== null && restoredAt >= from) restoreTimes.push(restoredAt - from);
  }

  return {
    windowDays,
    deploys: deploys.length,
    deploysPerWeek: Math.round((deploys.length / (windowDays / 7)) * 100) / 100,
    failedChanges: failed,
    changeFailureRate: deploys.length === 0 ? null : failed / deploys.length,
    timeToRestoreMs: median(restoreTimes),
    restores: restoreTimes.length,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
