/**
 * The runs this cockpit started, as they go on in the background whatever the windows do: each run's live log
 * (batched, capped) for windows that open mid-run, its cancel switch, and how it ended. Every event goes to every
 * window; a run start or end also says "deploys changed" so screens reload what they show.
 */
import { type RunLog, type RunSummary, runSummaryFromStart } from '../../shared/api/deploys';
import { type DeployOutcome, type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { OutputBatcher, type OutputBatcherOptions } from '../runbooks/output-batcher';
import { redactEvent } from '../runbooks/redact-event';
import { type RunControl } from './run';
import { type RunOptions } from './service';
import { describeHosts } from './way-back';

/** Steps whose output is the engine's own protocol, not something a person reads. */
const PROTOCOL_STEPS = new Set(['lock', 'inspect']);

export interface ChangedNotice {
  service: string | null;
  environment: string | null;
  reason: 'run-started' | 'run-ended';
  runId: string;
}

export interface RunRegistryOptions {
  /** A (batched) run event for every window. */
  emit: (event: RunEvent) => void;
  changed: (notice: ChangedNotice) => void;
  /** Ended runs remembered for runLog (default 20). */
  keepEnded?: number;
  /** Output kept per run for runLog; the oldest goes first (default 512 K characters). */
  maxLogChars?: number;
  batch?: OutputBatcherOptions;
}

interface Tracked {
  summary: RunSummary;
  events: RunEvent[];
  outputChars: number;
  truncated: boolean;
  controller: AbortController | null;
  control: RunControl | null;
  done: Promise<void>;
  finished: () => void;
}

export class RunRegistry {
  private readonly runs = new Map<string, Tracked>();
  private readonly batcher: OutputBatcher;
  private readonly waiters = new Map<string, Array<(summary: RunSummary) => void>>();
  private closed = false;

  constructor(private readonly options: RunRegistryOptions) {
    this.batcher = new OutputBatcher((event) => this.deliver(event), options.batch);
  }

  /** Raw events from the deploy service. */
  onEvent(event: RunEvent): void {
    // The lock and inspect steps print a machine protocol (markers, tab-separated layouts): the journal keeps it,
    // the live log shows only the step and its result.
    if (event.type === 'output' && PROTOCOL_STEPS.has(event.step)) return;
    this.batcher.push(redactEvent(event));
  }

  /**
   * Starts a run in the background and resolves with its id once it exists; a refusal before that (a bad input,
   * a protected environment without confirmation, an unknown service) rejects instead.
   */
  start(go: (options: RunOptions) => Promise<DeployOutcome>): Promise<{ runId: string }> {
    return this.startWithOutcome(go).then(({ runId }) => ({ runId }));
  }

  /**
   * Like `start`, and also hands back the run's outcome for a caller that follows the run to its end (a drill).
   * The outcome rejects when the run stopped on an unexpected error; the registry has ended the run either way.
   */
  startWithOutcome(
    go: (options: RunOptions) => Promise<DeployOutcome>,
  ): Promise<{ runId: string; outcome: Promise<DeployOutcome> }> {
    if (this.closed) return Promise.reject(new CockpitError('UNAVAILABLE', 'The cockpit is closing.'));
    const controller = new AbortController();
    return new Promise((resolve, reject) => {
      let runId: string | null = null;
      let outcome: Promise<DeployOutcome> | null = null;
      const promise = go({
        signal: controller.signal,
        onRun: (id, control) => {
          runId = id;
          const run = this.runs.get(id);
          if (run) {
            run.controller = controller;
            run.control = control;
          }
          // onRun is called while `go` runs synchronously up to its first await: the promise may not exist yet.
          queueMicrotask(() => resolve({ runId: id, outcome: outcome as Promise<DeployOutcome> }));
        },
      });
      outcome = promise;
      promise.then(
        () => runId && this.settle(runId, null),
        (error: unknown) => {
          if (!runId) reject(error);
          else this.settle(runId, error);
        },
      );
    });
  }

  /** After the service's promise settles: a run that never said how it ended gets an end now. */
  private settle(runId: string, error: unknown): void {
    this.batcher.flush();
    const run = this.runs.get(runId);
    if (!run) return;
    if (run.summary.status === 'running') {
      const message = error instanceof Error ? error.message : 'the run stopped without a result';
      this.deliver(
        redactEvent({ type: 'run.ended', runId, status: 'failed', summary: message, outcome: null, problem: null }),
      );
    }
    run.finished();
  }

  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.summary.status !== 'running') {
      throw new CockpitError('NOT_FOUND', `No run ${runId} is going on in this cockpit.`);
    }
    if (!run.controller) return false;
    run.summary = { ...run.summary, cancelling: true };
    run.controller.abort();
    return true;
  }

  log(runId: string): RunLog {
    this.batcher.flush();
    const run = this.runs.get(runId);
    if (!run) throw new CockpitError('NOT_FOUND', `Run ${runId} is not known to this cockpit (see Activity).`);
    return { run: run.summary, events: [...run.events], truncated: run.truncated };
  }

  /** Running first, then the newest ended ones. */
  list(): RunSummary[] {
    const all = [...this.runs.values()].map((r) => r.summary).reverse();
    return [...all.filter((r) => r.status === 'running'), ...all.filter((r) => r.status !== 'running')];
  }

  running(service: string, environment: string): string | null {
    for (const run of this.runs.values()) {
      const s = run.summary;
      if (s.status === 'running' && s.service === service && s.environment === environment) return s.runId;
    }
    return null;
  }

  get active(): number {
    return [...this.runs.values()].filter((r) => r.summary.status === 'running').length;
  }

  /** Resolves when the run has ended (at once when it already has). */
  wait(runId: string): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (!run) return Promise.reject(new CockpitError('NOT_FOUND', `Run ${runId} is not known to this cockpit.`));
    return run.done.then(() => run.summary);
  }

  private deliver(event: RunEvent): void {
    if (event.type === 'run.started') this.track(event);
    const run = this.runs.get(event.runId);
    if (run) this.record(run, event);
    if (event.type === 'run.ended' && run) {
      run.summary = {
        ...run.summary,
        status: event.status,
        summary: event.summary,
        outcome: event.outcome,
        problem: event.problem ?? null,
        cancelling: false,
      };
      this.options.emit(event);
      this.options.changed({
        service: run.summary.service,
        environment: run.summary.environment,
        reason: 'run-ended',
        runId: event.runId,
      });
      this.forget();
      return;
    }
    this.options.emit(event);
  }

  private track(event: Extract<RunEvent, { type: 'run.started' }>): void {
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.runs.set(event.runId, {
      summary: runSummaryFromStart(event),
      events: [],
      outputChars: 0,
      truncated: false,
      controller: null,
      control: null,
      done,
      finished,
    });
    this.options.changed({
      service: event.service ?? null,
      environment: event.environment ?? null,
      reason: 'run-started',
      runId: event.runId,
    });
  }

  private record(run: Tracked, event: RunEvent): void {
    run.events.push(event);
    if (event.type !== 'output') return;
    run.outputChars += event.text.length;
    const max = this.options.maxLogChars ?? 512 * 1024;
    while (run.outputChars > max) {
      const index = run.events.findIndex((e) => e.type === 'output');
      if (index < 0) break;
      const [dropped] = run.events.splice(index, 1);
      run.outputChars -= dropped?.type === 'output' ? dropped.text.length : 0;
      run.truncated = true;
    }
  }

  /** Keeps every running run and the newest ended ones. */
  private forget(): void {
    const keep = this.options.keepEnded ?? 20;
    const ended = [...this.runs.values()].filter((r) => r.summary.status !== 'running');
    for (const run of ended.slice(0, Math.max(0, ended.length - keep))) this.runs.delete(run.summary.runId);
  }

  /**
   * Waits a little for runs still going; what is still running then is noted in its journal (where each host
   * stands) so the next start's recovery shows it as interrupted with that note. Nothing is cancelled silently.
   */
  async close(waitMs = 3000): Promise<void> {
    this.closed = true;
    this.batcher.flush();
    const active = [...this.runs.values()].filter((r) => r.summary.status === 'running');
    if (active.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(active.map((r) => r.done)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
      ]);
      clearTimeout(timer);
    }
    for (const run of active) {
      if (run.summary.status !== 'running' || !run.control) continue;
      const states = run.control.hostStates();
      run.control.note(
        `The cockpit closed while this ${run.summary.kind} was still running; hosts as last known: ${describeHosts(states)}. Check them, and roll back if needed.`,
        { step: 'closing', hosts: states },
      );
    }
    this.batcher.close();
  }
}
