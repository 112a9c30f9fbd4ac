/**
 * The one scheduler: it alone decides when each check runs (its interval, with jitter so a thousand checks do
 * not fire in the same millisecond; a shorter interval while failing), how long a run may take (per-check
 * timeout), how many run at once (a global limit), what a result means (retries before down, flap suppression,
 * via check-state.ts) and what is stored (every sample, every status change, every "not watched" gap).
 *
 * Sleep: timers run on the monotonic clock, which stops while the machine sleeps, so after a sleep a heartbeat
 * timer fires with the wall clock far ahead of where it should be. That drift (more than twice the heartbeat
 * interval) is recorded as a "not watched" gap and every check runs at once. Electron's powerMonitor can say
 * the same thing sooner through notifySuspend()/notifyResume().
 */
import { type CheckView, type HealthSample, type WatchGap } from '../../shared/model/health';
import { type Transport } from '../remote/types';
import { type FlapPolicy, applyOutcome, defaultFlapPolicy, initialCheckState } from './check-state';
import { type Clock, type TimerHandle, systemClock } from './clock';
import { type CheckOutcome, createMemory } from './kinds/types';
import { type ScheduledCheck, headlineOf } from './plan';
import { type KindRegistry } from './registry';
import { runOnce } from './run-once';
import { type Entry, viewOf } from './scheduler-entry';
import { type HealthStore } from './store';
import { unattendedTransport } from '../remote/unattended';
import { log } from '../log';

export interface CheckTransition {
  key: string;
  at: number;
  from: CheckView['status'];
  to: CheckView['status'];
  reason: string;
  flapping: boolean;
}

export interface SchedulerListeners {
  sample?(sample: HealthSample, view: CheckView): void;
  transition?(transition: CheckTransition, view: CheckView): void;
  /** A check started (true) or stopped (false) flapping. */
  flapping?(view: CheckView, flapping: boolean): void;
  gap?(gap: WatchGap): void;
  /** For measurements: when a run was due and when it really started. */
  runStart?(key: string, dueAt: number, startedAt: number): void;
}

export interface SchedulerOptions {
  registry: KindRegistry;
  clock?: Clock;
  store?: HealthStore;
  /** Checks running at once, all kinds together. */
  concurrency?: number;
  /** Each interval varies by ± this fraction. */
  jitter?: number;
  random?: () => number;
  flap?: FlapPolicy;
  /** The sleep detector's tick. */
  heartbeatMs?: number;
  /** First runs after start are spread over this long (or the check's interval, if shorter). Default: see below. */
  initialSpreadMs?: number;
  transportFor?: (host: string) => Transport;
  listeners?: SchedulerListeners;
  /** A storage error must not stop the watching: it is reported here (default: console.error). */
  onError?: (error: unknown) => void;
}

const AWAKE_META = 'awake_at';

export class Scheduler {
  readonly #clock: Clock;
  readonly #options: SchedulerOptions;
  readonly #flap: FlapPolicy;
  readonly #heartbeatMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #queue: Entry[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  #running = 0;
  #started = false;
  #heartbeat?: TimerHandle;
  #lastTick = 0;
  #suspendedAt: number | null = null;
  #lastResumeAt = -Infinity;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#flap = options.flap ?? defaultFlapPolicy;
    this.#heartbeatMs = options.heartbeatMs ?? 5_000;
  }

  /** Replaces what is watched. Checks that stay keep their state and history; changed ones run again soon. */
  setPlan(checks: ScheduledCheck[]): void {
    const next = new Map(checks.map((c) => [c.key, c]));
    for (const [key, entry] of this.#entries) {
      if (!next.has(key)) this.#remove(entry);
    }
    for (const check of checks) {
      const existing = this.#entries.get(check.key);
      if (!existing) {
        const entry: Entry = {
          check,
          state: initialCheckState(),
          phase: 'idle',
          dueAt: null,
          lastRunAt: null,
          memory: createMemory(),
          removed: false,
        };
        this.#entries.set(check.key, entry);
        if (this.#started) this.#schedule(entry, this.#initialDelay(check));
      } else if (JSON.stringify(existing.check) !== JSON.stringify(check)) {
        existing.check = check;
        existing.memory = createMemory();
        if (existing.phase === 'waiting') this.#schedule(existing, this.#initialDelay(check));
      }
    }
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const now = this.#clock.now();
    this.#lastTick = now;
    const awake = Number(this.#safe(() => this.#options.store?.getMeta(AWAKE_META)) ?? NaN);
    if (Number.isFinite(awake) && now - awake > this.#heartbeatMs * 3) {
      this.#recordGap({ start: awake, end: now, reason: 'not-running' });
    }
    for (const entry of this.#entries.values()) this.#schedule(entry, this.#initialDelay(entry.check));
    this.#heartbeat = this.#clock.setTimeout(this.#tick, this.#heartbeatMs);
  }

  /** Stops every timer, aborts running checks and waits for them to end. */
  async stop(): Promise<void> {
    this.#started = false;
    if (this.#heartbeat) this.#clock.clearTimeout(this.#heartbeat);
    for (const entry of this.#entries.values()) {
      if (entry.timer) this.#clock.clearTimeout(entry.timer);
      entry.controller?.abort(new Error('stopped'));
      if (entry.phase !== 'running') entry.phase = 'idle';
    }
    this.#queue.length = 0;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Runs the check (or every check) now, outside its schedule, unless it is already queued or running. */
  runNow(key?: string): void {
    for (const entry of this.#entries.values()) {
      if (key === undefined || entry.check.key === key) this.#enqueue(entry);
    }
  }

  /** The machine is about to sleep (Electron powerMonitor 'suspend'): the gap starts now. */
  notifySuspend(): void {
    this.#suspendedAt = this.#clock.now();
  }

  /** The machine woke (Electron powerMonitor 'resume'): record the gap and check everything at once. */
  notifyResume(): void {
    this.#resumed();
  }

  views(): CheckView[] {
    return [...this.#entries.values()].map((e) => viewOf(e));
  }

  view(key: string): CheckView | undefined {
    const entry = this.#entries.get(key);
    return entry && viewOf(entry);
  }

  readonly #tick = (): void => {
    const now = this.#clock.now();
    if (now - this.#lastTick > this.#heartbeatMs * 3) this.#resumed();
    this.#lastTick = now;
    this.#safe(() => this.#options.store?.setMeta(AWAKE_META, String(now)));
    if (this.#started) this.#heartbeat = this.#clock.setTimeout(this.#tick, this.#heartbeatMs);
  };

  #resumed(): void {
    const now = this.#clock.now();
    const start = this.#suspendedAt ?? this.#lastTick;
    this.#suspendedAt = null;
    this.#lastTick = now;
    // powerMonitor and the drift detector both notice one wake-up: act once.
    if (now - this.#lastResumeAt < this.#heartbeatMs) return;
    this.#lastResumeAt = now;
    if (now - start > this.#heartbeatMs) this.#recordGap({ start, end: now, reason: 'asleep' });
    if (this.#started) this.runNow();
  }

  #recordGap(gap: WatchGap): void {
    this.#safe(() => this.#options.store?.insertGap(gap));
    this.#options.listeners?.gap?.(gap);
  }

  /**
   * First runs spread over 2 s, or 20 ms per check for big workspaces (a thousand checks at once would queue
   * behind the concurrency limit and start late anyway), never longer than the check's own interval.
   */
  #initialDelay(check: ScheduledCheck): number {
    // 20 ms per check keeps a big fleet's first runs from landing at once; a handful need no more than a moment.
    const spread = Math.min(check.everyMs, this.#options.initialSpreadMs ?? Math.max(250, this.#entries.size * 20));
    return (this.#options.random ?? Math.random)() * spread;
  }

  #schedule(entry: Entry, delayMs: number): void {
    if (entry.timer) this.#clock.clearTimeout(entry.timer);
    entry.phase = 'waiting';
    entry.dueAt = this.#clock.now() + delayMs;
    entry.timer = this.#clock.setTimeout(() => {
      entry.timer = undefined;
      this.#enqueue(entry);
    }, delayMs);
  }

  #enqueue(entry: Entry): void {
    if (entry.removed || entry.phase === 'queued' || entry.phase === 'running') return;
    if (entry.timer) this.#clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    // A timer that fired keeps its planned time (lateness is measured against it); anything else is due now.
    const now = this.#clock.now();
    entry.dueAt = entry.phase === 'waiting' && entry.dueAt !== null ? Math.min(entry.dueAt, now) : now;
    entry.phase = 'queued';
    this.#queue.push(entry);
    this.#pump();
  }

  #pump(): void {
    const limit = this.#options.concurrency ?? 16;
    while (this.#running < limit && this.#queue.length > 0) {
      const entry = this.#queue.shift() as Entry;
      if (entry.removed) continue;
      const run = this.#run(entry).finally(() => this.#inFlight.delete(run));
      this.#inFlight.add(run);
    }
  }

  async #run(entry: Entry): Promise<void> {
    const { check } = entry;
    entry.phase = 'running';
    this.#running++;
    const startedAt = this.#clock.now();
    this.#options.listeners?.runStart?.(check.key, entry.dueAt ?? startedAt, startedAt);
    const controller = new AbortController();
    entry.controller = controller;
    const { registry, transportFor } = this.#options;
    const outcome = await runOnce({
      registry,
      clock: this.#clock,
      check,
      memory: entry.memory,
      controller,
      // Scheduled runs are background work: they never re-open a question (a key's passphrase) a person declined.
      transportFor: transportFor && ((host) => unattendedTransport(transportFor(host))),
    });
    this.#running--;
    entry.controller = undefined;
    if (!entry.removed && this.#started) this.#record(entry, outcome, startedAt);
    else entry.phase = 'idle';
    this.#pump();
  }

  #record(entry: Entry, outcome: CheckOutcome, startedAt: number): void {
    const { check } = entry;
    const at = this.#clock.now();
    const headline = headlineOf(check, outcome);
    entry.last = { ...outcome, headline };
    entry.lastRunAt = at;
    const change = applyOutcome(entry.state, { status: outcome.status, at }, check.retries, this.#flap);
    entry.state = change.state;
    const failing = outcome.status !== 'up';
    const interval = failing ? check.everyFailingMs : check.everyMs;
    const sample: HealthSample = {
      key: check.key,
      at,
      status: outcome.status,
      latencyMs: outcome.latencyMs ?? null,
      reason: outcome.reason,
      coverMs: interval,
      ...(outcome.metrics ? { metrics: outcome.metrics } : {}),
    };
    this.#safe(() => this.#options.store?.insertSample(sample));
    const view = viewOf(entry);
    const listeners = this.#options.listeners;
    if (change.transition) {
      const transition: CheckTransition = {
        key: check.key,
        at,
        ...change.transition,
        reason: outcome.reason,
        flapping: entry.state.flapping,
      };
      this.#safe(() => this.#options.store?.insertTransition(transition));
      listeners?.transition?.(transition, view);
    }
    if (change.flapChange !== undefined) listeners?.flapping?.(view, change.flapChange);
    listeners?.sample?.(sample, view);
    const jitter = this.#options.jitter ?? 0.1;
    const jittered = interval * (1 + jitter * (2 * (this.#options.random ?? Math.random)() - 1));
    this.#schedule(entry, Math.max(0, startedAt + jittered - at));
  }

  #remove(entry: Entry): void {
    entry.removed = true;
    if (entry.timer) this.#clock.clearTimeout(entry.timer);
    entry.controller?.abort(new Error('removed'));
    this.#entries.delete(entry.check.key);
  }

  #safe<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      (this.#options.onError ?? ((e: unknown) => log.error('[health] storage failed:', e)))(error);
      return undefined;
    }
  }
}
