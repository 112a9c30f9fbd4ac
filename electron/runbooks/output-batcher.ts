/**
 * Live run events on their way to the windows: output chunks are gathered for a moment and sent as one event per
 * host, step and stream, so a chatty build cannot flood the socket with thousands of tiny messages; a torrent is
 * cut to its tail with a note saying how much was not shown live (the journal keeps it). Every other event
 * (a step started or ended, the run ended) first sends the output gathered before it, so order is kept.
 */
import { type RunEvent } from '../../shared/model/deploys';

type OutputEvent = Extract<RunEvent, { type: 'output' }>;

export interface OutputBatcherOptions {
  /** How long output is gathered before it is sent (default 100 ms). */
  intervalMs?: number;
  /** Most output text sent per interval; beyond it only the tail goes live (default 64 KB). */
  maxChars?: number;
}

export class OutputBatcher {
  private pending: OutputEvent[] = [];
  private chars = 0;
  private skipped = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly maxChars: number;

  constructor(
    private readonly send: (event: RunEvent) => void,
    options: OutputBatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.maxChars = options.maxChars ?? 64 * 1024;
  }

  push(event: RunEvent): void {
    if (event.type !== 'output') {
      this.flush();
      this.send(event);
      return;
    }
    const last = this.pending[this.pending.length - 1];
    if (
      last &&
      last.runId === event.runId &&
      last.host === event.host &&
      last.step === event.step &&
      last.stream === event.stream
    ) {
      last.text += event.text;
    } else {
      this.pending.push({ ...event });
    }
    this.chars += event.text.length;
    if (this.chars > this.maxChars) this.trim();
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Keeps the newest `maxChars` of the gathered output: the tail is what a person watching needs. */
  private trim(): void {
    let excess = this.chars - this.maxChars;
    while (excess > 0 && this.pending.length > 0) {
      const first = this.pending[0] as OutputEvent;
      if (first.text.length <= excess) {
        excess -= first.text.length;
        this.skipped += first.text.length;
        this.pending.shift();
      } else {
        first.text = first.text.slice(excess);
        this.skipped += excess;
        excess = 0;
      }
    }
    this.chars = this.pending.reduce((n, e) => n + e.text.length, 0);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.chars = 0;
    if (this.skipped > 0) {
      const first = batch[0] as OutputEvent;
      const kb = Math.max(1, Math.round(this.skipped / 1024));
      first.text = `… ${kb} KB of output not shown live (the journal keeps it) …\n${first.text}`;
      this.skipped = 0;
    }
    for (const event of batch) this.send(event);
  }

  close(): void {
    this.flush();
  }
}
