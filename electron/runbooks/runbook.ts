/**
 * A runbook: steps on hosts in rolling batches. Hosts of one batch run in parallel, each doing its steps in
 * order; the first failure anywhere stops the run (steps already running finish, nothing new starts), and the
 * result says how far each host got.
 */
import { type StepRunner } from './runner';
import { type Step, StepFailure } from './types';

export interface Runbook {
  hosts: string[];
  /** Hosts per batch (default: all at once). */
  batchSize?: number;
  /** Steps for one host (built per host, so commands can use host-specific paths). */
  steps: (host: string) => Step[];
  /** Steps run once before the first batch (a confirmation, a local build …). */
  before?: Step[];
  /** Steps run once after the last batch, when everything succeeded. */
  after?: Step[];
}

export interface HostProgress {
  host: string;
  completed: string[];
  failedStep: string | null;
  started: boolean;
}

export interface RunbookResult {
  ok: boolean;
  hosts: HostProgress[];
  failure: StepFailure | null;
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export async function runRunbook(runner: StepRunner, runbook: Runbook): Promise<RunbookResult> {
  const progress = new Map<string, HostProgress>(
    runbook.hosts.map((h) => [h, { host: h, completed: [], failedStep: null, started: false }]),
  );
  let failure: StepFailure | null = null;
  const record = (error: unknown): StepFailure => {
    if (error instanceof StepFailure) return error;
    throw error;
  };

  try {
    for (const step of runbook.before ?? []) await runner.run(step, null);
    for (const batch of inBatches(runbook.hosts, runbook.batchSize ?? runbook.hosts.length)) {
      await Promise.all(
        batch.map(async (host) => {
          const p = progress.get(host) as HostProgress;
          for (const step of runbook.steps(host)) {
            if (failure) return;
            p.started = true;
            try {
              await runner.run(step, host);
              p.completed.push(step.id);
            } catch (error) {
              p.failedStep = step.id;
              failure ??= record(error);
              return;
            }
          }
        }),
      );
      if (failure) break;
    }
    if (!failure) for (const step of runbook.after ?? []) await runner.run(step, null);
  } catch (error) {
    failure ??= record(error);
  }
  return { ok: failure === null, hosts: [...progress.values()], failure };
}
