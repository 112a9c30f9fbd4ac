/** What every step kind gets from the engine, and the shape of a step kind's executor. */
import { type StepFailureInfo } from '../../../shared/model/deploys';
import { type TransportErrorKind } from '../../remote/types';
import { setLongTimeout } from '../../timers/long-timeout';
import { type RunnerDeps, type Step, type TaskContext } from '../types';

export interface StepContext extends TaskContext {
  readonly deps: RunnerDeps;
  /** The step's id and title, for messages. */
  readonly stepId: string;
  /** True once the step's own timeout (not a cancel) stopped it. */
  timedOut(): boolean;
  /** Throws the StepFailure for this step and host. */
  fail(
    reason: StepFailureInfo['reason'],
    message: string,
    extra?: Partial<StepFailureInfo>,
    transportKind?: TransportErrorKind | null,
    transportDetails?: Record<string, unknown> | null,
  ): never;
}

export interface StepOutput {
  exitCode: number | null;
  stdout: string;
  detail: string | null;
}

export type StepExecutor<S extends Step> = (step: S, ctx: StepContext) => Promise<StepOutput>;

/** Resolves after `ms`, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setLongTimeout(done, ms);
    function done() {
      timer.clear();
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
