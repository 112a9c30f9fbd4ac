/**
 * What one check's results add up to, as a pure state machine: a failure counts only after `retries` more in a
 * row confirm it (one bad request is not an outage), one success is a recovery, and a check whose confirmed
 * status changes too often is "flapping" — still tracked; alerts then merge its short changes until it has been
 * stable a while, and tell only a status that lasts (electron/alerts/rules.ts).
 */
import { type HealthStatus, type OutcomeStatus } from '../../shared/model/health';

export interface FlapPolicy {
  /** This many status changes within `windowMs` make a check flapping … */
  transitions: number;
  windowMs: number;
  /** … and it is stable again after this long without a change. */
  stableMs: number;
}

export const defaultFlapPolicy: FlapPolicy = { transitions: 4, windowMs: 10 * 60_000, stableMs: 5 * 60_000 };

export interface CheckState {
  status: HealthStatus;
  /** When `status` last changed; null while unknown. */
  since: number | null;
  consecutiveFailures: number;
  /** When the current run of failures began (the first failed run), null while passing. */
  failingSince: number | null;
  flapping: boolean;
  /** Times of recent status changes (inside the flap window). */
  changes: number[];
}

export interface Outcome {
  status: OutcomeStatus;
  at: number;
}

export interface StateChange {
  state: CheckState;
  /** The confirmed status changed. */
  transition?: { from: HealthStatus; to: HealthStatus };
  /** Flapping started (true) or the check settled (false). */
  flapChange?: boolean;
}

export const initialCheckState = (): CheckState => ({
  status: 'unknown',
  since: null,
  consecutiveFailures: 0,
  failingSince: null,
  flapping: false,
  changes: [],
});

export function applyOutcome(state: CheckState, outcome: Outcome, retries: number, flap: FlapPolicy): StateChange {
  const failures = outcome.status === 'up' ? 0 : state.consecutiveFailures + 1;
  const confirmed = outcome.status === 'up' || failures > retries;
  const target: HealthStatus = confirmed ? outcome.status : state.status;
  const failingSince = outcome.status === 'up' ? null : (state.failingSince ?? outcome.at);
  let next: CheckState = { ...state, consecutiveFailures: failures, failingSince };
  const result: StateChange = { state: next };

  if (target !== state.status) {
    result.transition = { from: state.status, to: target };
    // The first status after start-up is learning, not changing: it does not count toward flapping.
    const changes =
      state.status === 'unknown'
        ? state.changes
        : [...state.changes.filter((t) => t > outcome.at - flap.windowMs), outcome.at];
    // A confirmed failure dates from its first failed run: "down for 3 min" counts the retries too.
    const since = target === 'up' ? outcome.at : (failingSince ?? outcome.at);
    next = { ...next, status: target, since, changes };
    if (!next.flapping && changes.length >= flap.transitions) {
      next.flapping = true;
      result.flapChange = true;
    }
  } else if (next.flapping) {
    const lastChange = next.changes.at(-1) ?? next.since ?? outcome.at;
    if (outcome.at - lastChange >= flap.stableMs) {
      next = { ...next, flapping: false, changes: [] };
      result.flapChange = false;
    }
  }
  result.state = next;
  return result;
}
