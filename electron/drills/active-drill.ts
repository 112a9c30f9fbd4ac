/**
 * What the service keeps about the drill it runs, beyond its record: the moments it waits on (cancel, detection,
 * the press, the passes), the runs it started and the hosts it touched. Also how a deploy-engine run's outcome
 * reads as a drill step's result.
 */
import { performance } from 'node:perf_hooks';
import { type DeployOutcome } from '../../shared/model/deploys';
import { type DrillPlan, type RollbackDrill } from '../../shared/model/drills';
import { DrillLog } from '../backups/drill/drill-log';
import { redactText } from '../journal/redact';
import { type ActionHandle } from '../journal/types';
import { DrillHealthWatch } from './watch';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  settled: boolean;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  const d: Deferred<T> = {
    promise,
    settled: false,
    resolve(value) {
      if (d.settled) return;
      d.settled = true;
      resolve(value);
    },
  };
  return d;
}

/** What a recovery (or restore) run came to. */
export interface RunResult {
  ok: boolean;
  detail: string;
  durationMs: number;
}

export interface ActiveDrill {
  drill: RollbackDrill;
  handle: ActionHandle;
  log: DrillLog;
  watch: DrillHealthWatch;
  cancelled: Deferred<'cancelled'>;
  detected: Deferred<'detected'>;
  detectTimedOut: Deferred<'timeout'>;
  acted: Deferred<'acted'>;
  passed: Deferred<'passed'>;
  /** From injection until the drill ends: alerts and incidents of the service × environment are practice. */
  practising: boolean;
  stopWatch: (() => void) | null;
  injectStartedAt: number | null;
  /** When the inject run switched its first host to the broken release. */
  liveAt: number | null;
  /** The inject run's end, while it runs (a cancel waits for it). */
  injecting: Promise<unknown> | null;
  /** The practice release the inject deployed (removed at the end). */
  practiceRelease: string | null;
  /** Went down while the broken release was still being deployed. */
  downWhileInjecting: { at: number; reason: string } | null;
  /** The press, while it starts the recovery; then the recovery run. */
  acting: Promise<unknown> | null;
  recover: { runId: string | null; done: Promise<RunResult> } | null;
  /** Hosts the `heal:` command ran on successfully. */
  healed: Set<string>;
  breakRan: boolean;
  /** The drill's deploy-engine runs, whose steps are echoed into its log. */
  runIds: Set<string>;
  /** Time each run's health gate spent waiting on checks: not the cockpit's own time. */
  gateWaitMs: Map<string, number>;
  timers: Set<NodeJS.Timeout>;
  /** The drill's end, once it runs past its preflight. */
  done: Promise<RollbackDrill> | null;
}

/** A drill that passed its preflight, with nothing waited on yet. */
export function activeDrill(drill: RollbackDrill, handle: ActionHandle, plan: DrillPlan): ActiveDrill {
  return {
    drill,
    handle,
    log: new DrillLog(),
    watch: new DrillHealthWatch(
      plan.service,
      plan.environment,
      plan.watch.map((c) => c.checkId),
      plan.passes,
    ),
    cancelled: deferred(),
    detected: deferred(),
    detectTimedOut: deferred(),
    acted: deferred(),
    passed: deferred(),
    practising: false,
    stopWatch: null,
    injectStartedAt: null,
    liveAt: null,
    injecting: null,
    practiceRelease: null,
    downWhileInjecting: null,
    acting: null,
    recover: null,
    healed: new Set(),
    breakRan: false,
    runIds: new Set(),
    gateWaitMs: new Map(),
    timers: new Set(),
    done: null,
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A deploy-engine result that left the broken (or recovered) release live as asked. */
export function reached(outcome: DeployOutcome): boolean {
  return outcome.result !== 'failed' && outcome.result !== 'cancelled' && outcome.result !== 'rolled-back';
}

export function runResult(outcome: Promise<DeployOutcome>): Promise<RunResult> {
  const t0 = performance.now();
  return outcome.then(
    (o) => ({ ok: reached(o), detail: redactText(o.summary), durationMs: o.durationMs }),
    (error: unknown) => ({
      ok: false,
      detail: redactText(errorMessage(error)),
      durationMs: Math.round(performance.now() - t0),
    }),
  );
}
