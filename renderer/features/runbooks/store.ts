/**
 * The runbooks feature's own state (the app store never knows about it): the list from `runbooks.list`, each
 * runbook read for an environment with `runbooks.get`, and the runs this window follows (their live events).
 */
import { create } from 'zustand';
import { type RunEvent } from '../../../shared/model/deploys';
import { type RunbookDetail, type RunbookRun, type RunbookSummary } from '../../../shared/model/runbooks';

/** A run this window follows: what `runbooks.runLog` said, plus the live events since. */
export interface FollowedRun {
  run: RunbookRun | null;
  events: RunEvent[];
  truncated: boolean;
}

export interface RunbooksState {
  list: RunbookSummary[] | null;
  error: string | null;
  /** Runbooks read in full, by `detailKey(id, environment)`. */
  details: Record<string, RunbookDetail>;
  /** Why a runbook could not be read, by the same key. */
  detailErrors: Record<string, string>;
  runs: Record<string, FollowedRun>;
  /** The run started from this window last, by `detailKey(id, environment)`: the screen shows its log. */
  latestRun: Record<string, string>;
  /** Keys whose start is on its way. */
  starting: string[];
}

export const initialRunbooksState: RunbooksState = {
  list: null,
  error: null,
  details: {},
  detailErrors: {},
  runs: {},
  latestRun: {},
  starting: [],
};

export const useRunbooks = create<RunbooksState>()(() => initialRunbooksState);

export function detailKey(id: string, environment: string): string {
  return `${id}@${environment}`;
}
