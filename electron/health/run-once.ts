/**
 * One run of one check under its timeout: the kind gets an abort signal at the timeout, and a kind that ignores
 * the signal is given up on a second later, so a stuck probe can never hold a concurrency slot forever.
 */
import { type Transport } from '../remote/types';
import { type Clock } from './clock';
import { type CheckMemory, type CheckOutcome } from './kinds/types';
import { type ScheduledCheck } from './plan';
import { type KindRegistry, kindFor } from './registry';
import { humanDuration } from './words';

const ABORT_GRACE_MS = 1_000;

export interface RunOnceOptions {
  registry: KindRegistry;
  clock: Clock;
  check: ScheduledCheck;
  memory: CheckMemory;
  /** Aborting it (the check was removed, the scheduler stopped) aborts the run. */
  controller: AbortController;
  transportFor?: (host: string) => Transport;
}

export function runOnce(options: RunOnceOptions): Promise<CheckOutcome> {
  const { check, clock, controller } = options;
  const timedOut: CheckOutcome = { status: 'down', reason: `timed out after ${humanDuration(check.timeoutMs)}` };
  return new Promise<CheckOutcome>((resolve) => {
    const abortTimer = clock.setTimeout(() => controller.abort(new Error('timeout')), check.timeoutMs);
    const giveUp = clock.setTimeout(() => resolve(timedOut), check.timeoutMs + ABORT_GRACE_MS);
    const settle = (outcome: CheckOutcome) => {
      clock.clearTimeout(abortTimer);
      clock.clearTimeout(giveUp);
      resolve(outcome);
    };
    let running: Promise<CheckOutcome>;
    try {
      running = kindFor(options.registry, check.config).run(check.config, {
        signal: controller.signal,
        timeoutMs: check.timeoutMs,
        now: () => clock.now(),
        environment: { name: check.environment, hosts: check.hosts },
        transportFor: (host) => {
          if (!options.transportFor) throw new Error('no transport configured for host checks');
          return options.transportFor(host);
        },
        memory: options.memory,
      });
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(settle, (error: unknown) =>
      settle({ status: 'down', reason: `check failed: ${error instanceof Error ? error.message : String(error)}` }),
    );
  });
}
