/**
 * The deploys feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/deploys/actions.ts; components read it through features/deploys/selectors.ts.
 *
 * Runs go on in the backend whatever the window does, so their live logs are kept here from the events of every
 * run (capped, tail first), and a dialog that opens mid-run fills the start from `deploys.runLog`.
 */
import { type StateCreator } from 'zustand';
import { type DeploysOverview, type RunSummary, runSummaryFromStart } from '../../shared/api/deploys';
import { type DeployHistory, type RunEvent } from '../../shared/model/deploys';

/** Which dialog of the feature is open, and about what. */
export type DeploysDialog =
  | { kind: 'deploy'; service: string | null; environment: string | null }
  | { kind: 'rollback'; service: string; environment: string; to?: string }
  | { kind: 'run'; runId: string }
  | { kind: 'lock'; service: string; environment: string }
  | null;

export interface RunLogState {
  run: RunSummary | null;
  events: RunEvent[];
  /** Output was dropped from the start (kept whole in the journal). */
  truncated: boolean;
}

export const targetKey = (service: string, environment: string) => `${service}@${environment}`;

/** Events kept per run in the window; the oldest output goes first. */
const MAX_EVENTS = 3000;

export interface DeploysSlice {
  deploysOverview: DeploysOverview | null;
  deploysError: string | null;
  /** History per `service@environment`, loaded when shown. */
  deployHistories: Record<string, DeployHistory>;
  deployHistoryErrors: Record<string, string>;
  /** The service × environment whose history the Deploys screen shows. */
  deploysSelected: { service: string; environment: string } | null;
  deployRunLogs: Record<string, RunLogState>;
  deploysDialog: DeploysDialog;

  setDeploysOverview(overview: DeploysOverview): void;
  setDeploysError(error: string | null): void;
  setDeployHistory(history: DeployHistory): void;
  setDeployHistoryError(key: string, error: string | null): void;
  selectDeployTarget(target: { service: string; environment: string } | null): void;
  /** A live event of any run. */
  applyRunEvent(event: RunEvent): void;
  /** The log so far of a run opened mid-way (events already here are kept). */
  setRunLog(runId: string, log: RunLogState): void;
  openDeploysDialog(dialog: DeploysDialog): void;
  resetDeploys(): void;
}

function cap(events: RunEvent[]): { events: RunEvent[]; dropped: boolean } {
  if (events.length <= MAX_EVENTS) return { events, dropped: false };
  // Drop the oldest output first; step and run events keep the log's structure.
  const excess = events.length - MAX_EVENTS;
  let removed = 0;
  const kept = events.filter((e) => {
    if (removed < excess && e.type === 'output') {
      removed += 1;
      return false;
    }
    return true;
  });
  return { events: kept, dropped: removed > 0 };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export const createDeploysSlice =
  <S extends DeploysSlice>(): StateCreator<S, [], [], DeploysSlice> =>
  (set) => ({
    deploysOverview: null,
    deploysError: null,
    deployHistories: {},
    deployHistoryErrors: {},
    deploysSelected: null,
    deployRunLogs: {},
    deploysDialog: null,

    setDeploysOverview: (overview) => set({ deploysOverview: overview, deploysError: null } as Partial<S>),
    setDeploysError: (error) => set({ deploysError: error } as Partial<S>),
    setDeployHistory: (history) =>
      set((s) => {
        const key = targetKey(history.service, history.environment);
        const errors = without(s.deployHistoryErrors, key);
        return { deployHistories: { ...s.deployHistories, [key]: history }, deployHistoryErrors: errors } as Partial<S>;
      }),
    setDeployHistoryError: (key, error) =>
      set((s) => {
        const errors =
          error === null ? without(s.deployHistoryErrors, key) : { ...s.deployHistoryErrors, [key]: error };
        return { deployHistoryErrors: errors } as Partial<S>;
      }),
    selectDeployTarget: (target) => set({ deploysSelected: target } as Partial<S>),
    applyRunEvent: (event) =>
      set((s) => {
        const before = s.deployRunLogs[event.runId] ?? { run: null, events: [], truncated: false };
        let run = before.run;
        if (event.type === 'run.started') run = runSummaryFromStart(event);
        if (event.type === 'run.ended' && run) {
          run = {
            ...run,
            status: event.status,
            summary: event.summary,
            outcome: event.outcome,
            problem: event.problem ?? null,
            cancelling: false,
          };
        }
        const { events, dropped } = cap([...before.events, event]);
        return {
          deployRunLogs: {
            ...s.deployRunLogs,
            [event.runId]: { run, events, truncated: before.truncated || dropped },
          },
        } as Partial<S>;
      }),
    setRunLog: (runId, log) =>
      set((s) => {
        const live = s.deployRunLogs[runId];
        // Events that arrived live after the log was read are kept (the log is a prefix of what happened).
        const extra = live ? live.events.slice(log.events.length) : [];
        const ended = live?.run && live.run.status !== 'running' ? live.run : null;
        return {
          deployRunLogs: {
            ...s.deployRunLogs,
            [runId]: { run: ended ?? log.run, events: [...log.events, ...extra], truncated: log.truncated },
          },
        } as Partial<S>;
      }),
    openDeploysDialog: (dialog) => set({ deploysDialog: dialog } as Partial<S>),
    resetDeploys: () =>
      set({
        deploysOverview: null,
        deploysError: null,
        deployHistories: {},
        deployHistoryErrors: {},
        deploysSelected: null,
        deploysDialog: null,
      } as Partial<S>),
  });
