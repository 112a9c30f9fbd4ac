/**
 * What every step of a rollback drill shares: the service's dependencies, its record store, and which drill this
 * backend runs now. One object passed to each step, so the steps live in their own modules.
 */
import { type EventBus } from '../api/events';
import { type Capabilities } from '../features/types';
import { type Journal } from '../journal/types';
import { type ActiveDrill } from './active-drill';
import { type RollbackDrillServiceDeps } from './service-contract';
import { type RollbackDrillStore, openRollbackDrillStore } from './store';

export const PRACTICE_REASON = 'rollback drill (practice)';
const DEFAULT_AUTO_ACT_MS = 3_000;

export interface DrillContext {
  readonly deps: RollbackDrillServiceDeps;
  readonly caps: Capabilities;
  readonly events: EventBus;
  readonly journal: Journal;
  readonly store: RollbackDrillStore;
  readonly autoActDelayMs: number;
  /** The drill this backend runs now. */
  active: ActiveDrill | null;
  /** A start between its preflight and its first record: a second start is refused meanwhile. */
  starting: string | null;
  closed: boolean;
  /** Deploy runs of this cockpit going on, by run id (the preflight's "no deploy running" item). */
  readonly deployRuns: Map<string, { service: string; environment: string }>;
}

export function createDrillContext(deps: RollbackDrillServiceDeps): DrillContext {
  const { capabilities: caps, events, journal } = deps;
  return {
    deps,
    caps,
    events,
    journal,
    store: openRollbackDrillStore(deps.db, deps.now),
    autoActDelayMs: deps.autoActDelayMs ?? DEFAULT_AUTO_ACT_MS,
    active: null,
    starting: null,
    closed: false,
    deployRuns: new Map(),
  };
}

export function nowMs(ctx: DrillContext): number {
  return ctx.deps.now().getTime();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
