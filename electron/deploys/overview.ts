/**
 * Every service × environment with a deploy, at a glance: what runs, what was good last, what happened last,
 * whether a run or a teammate's lock is on it — built from each target's history, read in parallel.
 */
import { type DeployTarget as TargetView, type RunSummary } from '../../shared/api/deploys';
import { type DeployHistory } from '../../shared/model/deploys';
import { type Workspace } from '../../shared/workspace';
import { describeHolder } from './lock';
import { rollbackBlock } from './rollback-block';

import { type TargetRef } from '../../shared/workspace/targets';

export { type TargetRef, deployTargets } from '../../shared/workspace/targets';

export function targetView(input: {
  workspace: Workspace;
  ref: TargetRef;
  history: DeployHistory | null;
  problem: string | null;
  runs: readonly RunSummary[];
}): TargetView {
  const { workspace, ref, history } = input;
  const config = workspace.services[ref.service]?.deploy;
  const env = workspace.environments[ref.environment];
  const running = input.runs.find(
    (r) => r.status === 'running' && r.service === ref.service && r.environment === ref.environment,
  );
  const currentLabel = history?.releases.find((r) => r.id === history.current)?.label ?? null;
  const rollbackLabel = history?.releases.find((r) => r.id === history.rollbackTarget)?.label ?? null;
  const held = history?.locks.find((l) => l.held);
  const facts = {
    service: ref.service,
    environment: ref.environment,
    strategy: config?.strategy ?? 'releases',
    protected: env?.protected ?? false,
    hosts: env?.hosts ?? [],
    current: history?.current ?? null,
    currentByHost: history?.currentByHost ?? [],
    currentLabel,
    lastGood: history?.lastGood ?? null,
    lastDeploy: lastRealRun(history),
    rollbackTarget: history?.rollbackTarget ?? null,
    rollbackLabel,
    runningRunId: running?.runId ?? null,
    lockedBy: held ? describeHolder(held.host, held.info) : null,
    unreachable: history?.unreachable ?? [],
    problem: input.problem,
  };
  return { ...facts, rollbackBlock: rollbackBlock(facts, history) };
}

/** What happened last, a drill's practice runs left out: they are shown in the history, not as the target's news. */
function lastRealRun(history: DeployHistory | null): DeployHistory['records'][number] | null {
  const real = history?.records.filter((r) => !r.practice) ?? [];
  return real.find((r) => r.wentLive || r.result === 'running') ?? real[0] ?? null;
}
