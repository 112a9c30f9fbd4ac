/**
 * "Run it now and tell me what it found": callers waiting for a check's next result. The scheduler's sample
 * listener resolves them; a check that does not report within its timeout (plus a little) is answered with its
 * view as it stands, so a caller is never left hanging.
 */
import { type CheckView } from '../../shared/model/health';
import { type Clock } from './clock';

export class RunWaiters {
  readonly #clock: Clock;
  readonly #waiting = new Map<string, Set<(view: CheckView | undefined) => void>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** A check ran: everyone waiting for it gets its view. */
  resolve(view: CheckView): void {
    const waiting = this.#waiting.get(view.key);
    this.#waiting.delete(view.key);
    waiting?.forEach((done) => done(view));
  }

  /** The next result of `key`, or `fallback()` after `timeoutMs`. */
  wait(key: string, timeoutMs: number, fallback: () => CheckView | undefined): Promise<CheckView | undefined> {
    return new Promise((resolve) => {
      const waiting = this.#waiting.get(key) ?? new Set();
      this.#waiting.set(key, waiting);
      const done = (view: CheckView | undefined) => {
        this.#clock.clearTimeout(timer);
        waiting.delete(done);
        resolve(view);
      };
      const timer = this.#clock.setTimeout(() => done(fallback()), timeoutMs);
      waiting.add(done);
    });
  }
}
