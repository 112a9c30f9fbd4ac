/**
 * DORA figures from deploy history: deploy frequency (per week), change failure rate, and time to restore
 * (median). Definitions, so the numbers can be argued with:
 * - a deploy counts when some host was switched to it and it ended (healthy, failed, rolled back, bad or
 *   unknown); cancelled runs and runs that stopped before switching (locked, failed to prepare) do not;
 * - a failed change is a deploy that did not end healthy (a release found on the hosts with unknown health is
 *   not one), or a healthy one later rolled back by hand before the next deploy;
 * - restored = the failed deploy's own automatic rollback ended, or else the next run (deploy or rollback)
 *   that ended healthy; time to restore runs from the start of the failed deploy (or, for a deploy that looked
 *   healthy and was rolled back later, from when it ended);
 * - a rollback drill's runs (`practice`) are not there at all: not deploys, not a rollback by hand of a real deploy,
 *   not a restore. A drill practises the team; it must not move the team's figures.
 */
import { type DeployRecord, type DoraFigures } from '../../shared/model/deploys';

const counted = new Set(['healthy', 'failed', 'rolled-back', 'bad', 'unknown']);

export function doraFigures(records: readonly DeployRecord[], now: Date, windowDays = 30): DoraFigures {
  return doraAcross([records], now, windowDays);
}

/**
 * The figures over several services × environments at once (the Deploys screen's stat row): each group is one
 * target's history, analysed on its own (a rollback of one service never restores another), then pooled.
 */
export function doraAcross(groups: ReadonlyArray<readonly DeployRecord[]>, now: Date, windowDays = 30): DoraFigures {
  const since = now.getTime() - windowDays * 86_400_000;
  let deploys = 0;
  let failed = 0;
  const restoreTimes: number[] = [];
  for (const records of groups) {
    const one = analyse(records, since);
    deploys += one.deploys;
    failed += one.failed;
    restoreTimes.push(...one.restoreTimes);
  }
  return {
    windowDays,
    deploys,
    deploysPerWeek: Math.round((deploys / (windowDays / 7)) * 100) / 100,
    failedChanges: failed,
    changeFailureRate: deploys === 0 ? null : failed / deploys,
    timeToRestoreMs: median(restoreTimes),
    restores: restoreTimes.length,
  };
}

function analyse(records: readonly DeployRecord[], since: number) {
  const ordered = records.filter((r) => !r.practice).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
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
    // A release found on the hosts with no word on its health is not counted as a failure: nothing says it failed.
    const unknownExternal = deploy.external && deploy.result === 'unknown';
    const isFailure = (deploy.result !== 'healthy' && !unknownExternal) || manualRollback !== undefined;
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
  return { deploys: deploys.length, failed, restoreTimes };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
