/** What the scheduler keeps per check, and how that reads as a CheckView for the UI. */
import { type CheckView } from '../../shared/model/health';
import { type CheckState } from './check-state';
import { type TimerHandle } from './clock';
import { type CheckMemory, type CheckOutcome } from './kinds/types';
import { type ScheduledCheck } from './plan';

export interface Entry {
  check: ScheduledCheck;
  state: CheckState;
  /** idle (not started) → waiting (timer set) → queued (due, waiting for a slot) → running → waiting … */
  phase: 'idle' | 'waiting' | 'queued' | 'running';
  timer?: TimerHandle;
  /** When the next run is (or the current one was) planned, wall clock. */
  dueAt: number | null;
  lastRunAt: number | null;
  last?: CheckOutcome & { headline: string };
  memory: CheckMemory;
  controller?: AbortController;
  removed: boolean;
}

export function viewOf(entry: Entry): CheckView {
  const { check, state, last } = entry;
  return {
    key: check.key,
    service: check.service,
    environment: check.environment,
    checkId: check.checkId,
    ...(check.host === undefined ? {} : { host: check.host }),
    kind: check.kind,
    subject: check.subject,
    critical: check.critical,
    status: state.status,
    since: state.since,
    reason: last?.reason ?? null,
    headline: last?.headline ?? null,
    latencyMs: last?.latencyMs ?? null,
    lastRunAt: entry.lastRunAt,
    nextRunAt: entry.phase === 'waiting' ? entry.dueAt : null,
    consecutiveFailures: state.consecutiveFailures,
    flapping: state.flapping,
  };
}
