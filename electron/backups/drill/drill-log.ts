/**
 * A drill's live log, kept for its evidence page: every run event, bounded to the last 2000 events and 1 MiB of
 * output so a restore that prints a line per table cannot grow the journal without end. What was dropped is said
 * at the top of the log, never silently.
 */
import { type RunEvent } from '../../../shared/model/deploys';

export const MAX_LOG_EVENTS = 2000;
export const MAX_LOG_BYTES = 1024 * 1024;

function sizeOf(event: RunEvent): number {
  return event.type === 'output' ? event.text.length : 200;
}

export class DrillLog {
  private events: RunEvent[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(
    private readonly maxEvents = MAX_LOG_EVENTS,
    private readonly maxBytes = MAX_LOG_BYTES,
  ) {}

  push(event: RunEvent): void {
    this.events.push(event);
    this.bytes += sizeOf(event);
    while (this.events.length > 2 && (this.events.length > this.maxEvents || this.bytes > this.maxBytes)) {
      // The first event (run.started) stays, it says what the log is about; so does the newest.
      const [gone] = this.events.splice(1, 1);
      if (gone) this.bytes -= sizeOf(gone);
      this.dropped++;
    }
  }

  /** The kept events; when some were dropped, an output line after run.started says how many. */
  snapshot(): RunEvent[] {
    if (this.dropped === 0) return [...this.events];
    const [first, ...rest] = this.events;
    if (!first) return [];
    const note: RunEvent = {
      type: 'output',
      runId: first.runId,
      host: null,
      step: 'log',
      stream: 'stderr',
      text: `… ${this.dropped} earlier log events were dropped to keep this log under ${this.maxEvents} events / ${Math.round(this.maxBytes / 1024)} KiB …\n`,
    };
    return [first, note, ...rest];
  }
}
