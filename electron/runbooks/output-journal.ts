/**
 * Writes a step's output into the journal in chunks of a sensible size rather than one row per network packet,
 * and stops journaling a runaway step's output past a cap (the live log and the step's tail still have it).
 */
import { type ActionHandle } from '../journal/types';

const FLUSH_BYTES = 8 * 1024;
const FLUSH_MS = 500;
export const JOURNAL_OUTPUT_CAP = 256 * 1024;

export class OutputJournal {
  private buffer = '';
  private stream: 'stdout' | 'stderr' = 'stdout';
  private written = 0;
  private capped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly journal: ActionHandle,
    private readonly data: { host: string | null; step: string },
  ) {}

  push(text: string, stream: 'stdout' | 'stderr'): void {
    if (this.capped) return;
    if (stream !== this.stream && this.buffer) this.flush();
    this.stream = stream;
    this.buffer += text;
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer || this.capped) return;
    let text = this.buffer;
    this.buffer = '';
    if (this.written + text.length > JOURNAL_OUTPUT_CAP) {
      text = text.slice(0, Math.max(0, JOURNAL_OUTPUT_CAP - this.written));
      this.capped = true;
    }
    this.written += text.length;
    if (text) this.journal.output(text, { ...this.data, stream: this.stream });
    if (this.capped) {
      this.journal.output(
        `… output beyond ${JOURNAL_OUTPUT_CAP / 1024} KB is not journaled (the step result keeps its tail)\n`,
        {
          ...this.data,
          stream: 'stderr',
        },
      );
    }
  }
}
