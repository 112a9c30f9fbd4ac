/**
 * The runbook runs this process started, while they go on and for a while after: each run's live log (batched,
 * capped) for a window opened mid-run, its cancel switch, and how it ended. Every event leaves through the same
 * redaction and batching as a deploy's.
 */
import { type RunEvent } from '../../shared/model/deploys';
import { type RunbookRun, type RunbookRunLog } from '../../shared/model/runbooks';
import { CockpitError } from '../../shared/rpc';
// The deploy engine's last redaction pass and output batching: pure helpers, the same for every run of the engine.
import { OutputBatcher } from './output-batcher';
import { redactEvent } from './redact-event';

export interface LiveRunsOptions {
  emit: (event: RunEvent) => void;
  changed: (notice: { runbookId: string; runId: string; reason: 'run-started' | 'run-ended' }) => void;
  /** Ended runs remembered (default 20). */
  keepEnded?: number;
  /** Output kept per run; the oldest goes first (default 512 K characters). */
  maxLogChars?: number;
}

interface Tracked {
  run: RunbookRun;
  events: RunEvent[];
  outputChars: number;
  truncated: boolean;
  controller: AbortController;
  done: Promise<void>;
  finished: () => void;
}

export class LiveRuns {
  private readonly runs = new Map<string, Tracked>();
  private readonly batcher: OutputBatcher;

  constructor(private readonly options: LiveRunsOptions) {
    this.batcher = new OutputBatcher((event) => this.deliver(event));
  }

  /** A run that was journaled and is about to start. */
  track(run: RunbookRun, controller: AbortController): void {
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.runs.set(run.runId, { run, events: [], outputChars: 0, truncated: false, controller, done, finished });
    this.options.changed({ runbookId: run.runbookId, runId: run.runId, reason: 'run-started' });
  }

  /** An event of the engine (or the service's own start and end). */
  onEvent(event: RunEvent): void {
    this.batcher.push(redactEvent(event));
  }

  /** The run ended: its record as journaled. */
  ended(run: RunbookRun): void {
    this.batcher.flush();
    const tracked = this.runs.get(run.runId);
    if (!tracked) return;
    tracked.run = run;
    tracked.finished();
    this.options.changed({ runbookId: run.runbookId, runId: run.runId, reason: 'run-ended' });
    this.forget();
  }

  /** The id of the run of this runbook going on in this environment, if any. */
  running(runbookId: string, environment: string): RunbookRun | null {
    for (const { run } of this.runs.values()) {
      if (run.status === 'running' && run.runbookId === runbookId && run.environment === environment) return run;
    }
    return null;
  }

  get(runId: string): RunbookRun | null {
    return this.runs.get(runId)?.run ?? null;
  }

  all(): RunbookRun[] {
    return [...this.runs.values()].map((t) => t.run);
  }

  cancel(runId: string): boolean {
    const tracked = this.runs.get(runId);
    if (!tracked || tracked.run.status !== 'running') {
      throw new CockpitError('NOT_FOUND', `No runbook run ${runId} is going on in this cockpit.`);
    }
    if (tracked.controller.signal.aborted) return false;
    tracked.controller.abort();
    return true;
  }

  log(runId: string): RunbookRunLog | null {
    this.batcher.flush();
    const tracked = this.runs.get(runId);
    if (!tracked) return null;
    return { run: tracked.run, events: [...tracked.events], truncated: tracked.truncated };
  }

  wait(runId: string): Promise<RunbookRun> {
    const tracked = this.runs.get(runId);
    if (!tracked) return Promise.reject(new CockpitError('NOT_FOUND', `Runbook run ${runId} is not known here.`));
    return tracked.done.then(() => tracked.run);
  }

  /** Waits a moment for runs still going (their end is journaled either way: the journal marks them interrupted). */
  async close(waitMs = 3000): Promise<void> {
    this.batcher.flush();
    const active = [...this.runs.values()].filter((t) => t.run.status === 'running');
    if (active.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(active.map((t) => t.done)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
      ]);
      clearTimeout(timer);
    }
    this.batcher.close();
  }

  private deliver(event: RunEvent): void {
    const tracked = this.runs.get(event.runId);
    if (tracked) this.record(tracked, event);
    this.options.emit(event);
  }

  private record(tracked: Tracked, event: RunEvent): void {
    tracked.events.push(event);
    if (event.type !== 'output') return;
    tracked.outputChars += event.text.length;
    const max = this.options.maxLogChars ?? 512 * 1024;
    while (tracked.outputChars > max) {
      const index = tracked.events.findIndex((e) => e.type === 'output');
      if (index < 0) break;
      const [dropped] = tracked.events.splice(index, 1);
      tracked.outputChars -= dropped?.type === 'output' ? dropped.text.length : 0;
      tracked.truncated = true;
    }
  }

  private forget(): void {
    const keep = this.options.keepEnded ?? 20;
    const ended = [...this.runs.values()].filter((t) => t.run.status !== 'running');
    for (const t of ended.slice(0, Math.max(0, ended.length - keep))) this.runs.delete(t.run.runId);
  }
}
