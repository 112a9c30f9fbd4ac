/** Narrow selectors over the deploys slice: each component takes the smallest piece it shows. */
import { type StoreState } from '../../store';
import { targetKey } from '../../store/deploys-slice';

export const selectDeploysOverview = (s: StoreState) => s.deploysOverview;
export const selectDeploysError = (s: StoreState) => s.deploysError;
export const selectDeploysDialog = (s: StoreState) => s.deploysDialog;
export const selectDeploysSelected = (s: StoreState) => s.deploysSelected;
export const selectDeployTargets = (s: StoreState) => s.deploysOverview?.targets ?? null;
export const selectDora = (s: StoreState) => s.deploysOverview?.dora ?? null;
export const selectRuns = (s: StoreState) => s.deploysOverview?.runs ?? null;

export const selectHistoryOf = (service: string, environment: string) => (s: StoreState) =>
  s.deployHistories[targetKey(service, environment)] ?? null;
export const selectHistoryErrorOf = (service: string, environment: string) => (s: StoreState) =>
  s.deployHistoryErrors[targetKey(service, environment)] ?? null;
export const selectRunLog = (runId: string) => (s: StoreState) => s.deployRunLogs[runId] ?? null;

/** The run going on for a target, from live events first (the overview may lag a moment). */
export const selectRunningRunId = (service: string, environment: string) => (s: StoreState) => {
  for (const log of Object.values(s.deployRunLogs)) {
    const run = log.run;
    if (run && run.status === 'running' && run.service === service && run.environment === environment) return run.runId;
  }
  return (
    s.deploysOverview?.targets.find((t) => t.service === service && t.environment === environment)?.runningRunId ?? null
  );
};
