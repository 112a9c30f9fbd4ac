/**
 * When each backup is verified in the app and serve mode (never in the CLI): shortly after start (so the first
 * screen is not slowed by a burst of SSH listings), then every `every` (default hourly), one timer per backup.
 * A new workspace re-plans: removed backups stop, new ones start after the short delay, a changed `every` takes
 * effect from the last run. Runs on an injected Clock, so tests move time instead of waiting for it.
 */
import { type Clock, type TimerHandle } from '../health/clock';

export const FIRST_RUN_DELAY_MS = 5_000;

export interface PlannedBackup {
  key: string;
  everyMs: number;
}

interface Entry {
  everyMs: number;
  lastRunAt: number | null;
  nextAt: number;
  timer: TimerHandle;
}

export class VerificationScheduler {
  #entries = new Map<string, Entry>();
  #stopped = false;

  constructor(
    private readonly clock: Clock,
    /** Verifies one backup; the next run is planned once it settles (a slow listing never piles up runs). */
    private readonly run: (key: string) => Promise<unknown>,
    private readonly firstDelayMs = FIRST_RUN_DELAY_MS,
  ) {}

  /** Makes the timers match the declared backups. */
  plan(backups: readonly PlannedBackup[]): void {
    if (this.#stopped) return;
    const wanted = new Map(backups.map((b) => [b.key, b.everyMs]));
    for (const [key, entry] of this.#entries) {
      if (!wanted.has(key)) {
        this.clock.clearTimeout(entry.timer);
        this.#entries.delete(key);
      }
    }
    const now = this.clock.now();
    for (const [key, everyMs] of wanted) {
      const entry = this.#entries.get(key);
      if (!entry) {
        this.#schedule(key, everyMs, null, now + this.firstDelayMs);
      } else if (entry.everyMs !== everyMs) {
        this.clock.clearTimeout(entry.timer);
        const from = entry.lastRunAt ?? now;
        this.#schedule(key, everyMs, entry.lastRunAt, Math.max(now, from + everyMs));
      }
    }
  }

  /** When the backup is verified next (null when it is not planned). */
  nextAt(key: string): Date | null {
    const entry = this.#entries.get(key);
    return entry ? new Date(entry.nextAt) : null;
  }

  /** A verification done outside the schedule (a button, the API) counts as the run: the next one is `every` later. */
  ranNow(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry || this.#stopped) return;
    this.clock.clearTimeout(entry.timer);
    const now = this.clock.now();
    this.#schedule(key, entry.everyMs, now, now + entry.everyMs);
  }

  stop(): void {
    this.#stopped = true;
    for (const entry of this.#entries.values()) this.clock.clearTimeout(entry.timer);
    this.#entries.clear();
  }

  #schedule(key: string, everyMs: number, lastRunAt: number | null, at: number): void {
    const timer = this.clock.setTimeout(() => void this.#fire(key), Math.max(0, at - this.clock.now()));
    this.#entries.set(key, { everyMs, lastRunAt, nextAt: at, timer });
  }

  async #fire(key: string): Promise<void> {
    const startedAt = this.clock.now();
    try {
      await this.run(key);
    } catch {
      // The runner records its own failures; the schedule goes on.
    }
    const entry = this.#entries.get(key);
    if (this.#stopped || !entry) return;
    // A button may have re-planned meanwhile: one timer per backup, always.
    this.clock.clearTimeout(entry.timer);
    // Planned from the start of this run, so hourly stays hourly however long the run took.
    this.#schedule(key, entry.everyMs, startedAt, Math.max(this.clock.now(), startedAt + entry.everyMs));
  }
}
