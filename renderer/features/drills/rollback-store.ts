/**
 * The guided rollback drill's own state (the app store never knows about it): the overview from `drills.overview`,
 * each drill as its last `drills.changed` event (or `drills.get`) carried it, their live logs, and the preflight
 * the wizard is showing.
 */
import { create } from 'zustand';
import { type DrillsOverview } from '../../../shared/api/drills';
import { type RunEvent } from '../../../shared/model/deploys';
import { type DrillPlan, type RollbackDrill } from '../../../shared/model/drills';

export interface PreflightState {
  service: string;
  environment: string | null;
  plan: DrillPlan | null;
  error: string | null;
  checking: boolean;
}

export interface RollbackDrillsState {
  overview: DrillsOverview | null;
  error: string | null;
  /** Whole drills by id: the newest copy wins. */
  drills: Record<string, RollbackDrill>;
  /** Drills `drills.get` could not read, by id: why. */
  unreadable: Record<string, string>;
  logs: Record<string, RunEvent[]>;
  preflight: PreflightState | null;
  starting: boolean;
  /** Drills whose "Roll back now" / Cancel was pressed and not yet answered. */
  acting: string[];
  cancelling: string[];
}

export const initialRollbackDrillsState: RollbackDrillsState = {
  overview: null,
  error: null,
  drills: {},
  unreadable: {},
  logs: {},
  preflight: null,
  starting: false,
  acting: [],
  cancelling: [],
};

export const useRollbackDrills = create<RollbackDrillsState>()(() => initialRollbackDrillsState);

/** Keeps the newer of two copies of a drill: events may overtake a `drills.get` answer. */
export function newerDrill(a: RollbackDrill | undefined, b: RollbackDrill): RollbackDrill {
  if (!a) return b;
  if (a.status !== 'running' && b.status === 'running') return a;
  return a.events.length > b.events.length && a.status === b.status ? a : b;
}
