/**
 * A step's output on its way out of the engine (live events, the journal, and through them runLog and the CLI):
 * redacted with createLiveRedactor, one per stream, so a secret cut in two by the network is still hidden whole.
 * The unfinished last line of a stream is held back only briefly: it is shown when the stream goes quiet for
 * `holdMs`, when the other stream speaks (so the two keep the order they arrived in), and when the step ends.
 */
import { type LiveRedactor, createLiveRedactor } from '../journal/redact';

export type OutputStream = 'stdout' | 'stderr';

/** Long enough to join the pieces of one write split by the transport, short enough to read as live. */
export const HOLD_MS = 150;

export class LiveOutput {
  private readonly redactors: Record<OutputStream, LiveRedactor> = {
    stdout: createLiveRedactor(),
    stderr: createLiveRedactor(),
  };
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: (text: string, stream: OutputStream) => void,
    private readonly holdMs = HOLD_MS,
  ) {}

  push(text: string, stream: OutputStream): void {
    const other: OutputStream = stream === 'stdout' ? 'stderr' : 'stdout';
    if (this.redactors[other].holding) this.send(this.redactors[other].release(), other);
    this.send(this.redactors[stream].push(text), stream);
    clearTimeout(this.timer);
    this.timer = this.redactors[stream].holding
      ? setTimeout(() => this.send(this.redactors[stream].release(), stream), this.holdMs)
      : undefined;
  }

  /** The step ended: everything held is shown (a step's output must be complete before its end is). */
  end(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const stream of ['stdout', 'stderr'] as const) this.send(this.redactors[stream].end(), stream);
  }

  private send(text: string, stream: OutputStream): void {
    if (text !== '') this.sink(text, stream);
  }
}
