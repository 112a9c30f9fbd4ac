/**
 * A clock that moves only when told to, for tests and benchmarks. Like a real laptop, it keeps two times: the
 * monotonic time timers run on, and the wall-clock time `now()` returns. `advance(ms)` moves both and fires due
 * timers in order, letting promise chains settle between them; `suspend(ms)` moves only the wall clock, as a
 * sleeping machine does, so the next timer fires "late" by that much.
 */
import { type Clock, type TimerHandle } from './clock';

interface PendingTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  #mono = 0;
  #offset: number;
  #seq = 0;
  #timers = new Map<number, PendingTimer>();

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.#offset = start;
  }

  now(): number {
    return this.#mono + this.#offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.#seq;
    this.#timers.set(id, { id, at: this.#mono + Math.max(0, ms), seq: id, fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'object' && handle !== null && 'id' in handle && typeof handle.id === 'number') {
      this.#timers.delete(handle.id);
    }
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing every timer that comes due, in order, and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.#mono + ms;
    await settle();
    for (;;) {
      const next = this.#nextDue(target);
      if (!next) break;
      this.#timers.delete(next.id);
      this.#mono = next.at;
      next.fn();
      await settle();
    }
    this.#mono = target;
    await settle();
  }

  /** The machine sleeps for `ms`: the wall clock jumps, timers do not fire. */
  suspend(ms: number): void {
    this.#offset += ms;
  }

  #nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.at > limit) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}

/** Lets pending promise callbacks (and the I/O callbacks they queue) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
