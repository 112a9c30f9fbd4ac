/**
 * Check results for open windows, without flooding them: a thousand checks every 30 s are 33 results a second,
 * so views are collected per check (the latest wins) and sent at most once per interval. The first result after a
 * quiet spell goes out at once, so a "Run now" click is answered without waiting for the interval.
 */
import { type CheckView } from '../../shared/model/health';

export class SampleCoalescer {
  readonly #emit: (views: CheckView[]) => void;
  readonly #everyMs: number;
  readonly #pending = new Map<string, CheckView>();
  #timer?: ReturnType<typeof setTimeout>;
  #lastEmit = -Infinity;

  constructor(emit: (views: CheckView[]) => void, everyMs = 1_000) {
    this.#emit = emit;
    this.#everyMs = everyMs;
  }

  push(view: CheckView): void {
    this.#pending.set(view.key, view);
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastEmit + this.#everyMs - Date.now());
    this.#timer = setTimeout(() => this.flush(), wait);
    this.#timer.unref?.();
  }

  /** Sends what is pending now. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const views = [...this.#pending.values()];
    this.#pending.clear();
    this.#lastEmit = Date.now();
    this.#emit(views);
  }

  /** Drops what is pending and the timer (the feature is closing). */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
