import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthSample, type WatchGap } from '../../shared/model/health';
import { type HttpCheckConfig } from '../../shared/workspace/health';
import { type ExecOptions, type ExecResult, type Transport } from '../remote/types';
import { type FlapPolicy } from './check-state';
import { type CheckKind } from './kinds/types';
import { ManualClock } from './manual-clock';
import { createRegistry } from './registry';
import { type CheckTransition, Scheduler } from './scheduler';
import { HealthStore } from './store';
import { migrateHealth } from './store-schema';
import { scheduledHttp } from './testing/checks';
import { scriptedKind } from './testing/scripted-kind';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const down503 = { status: 'down', reason: '503 from /ready', headline: '/ready 503', latencyMs: 4 } as const;
const up200 = { status: 'up', reason: '200 in 3 ms', latencyMs: 3 } as const;

const open: Array<{ scheduler: Scheduler; db: Database }> = [];
afterEach(async () => {
  for (const { scheduler, db } of open.splice(0)) {
    await scheduler.stop();
    db.close();
  }
});

function setup(
  options: { concurrency?: number; flap?: FlapPolicy; db?: Database; start?: number; random?: () => number } = {},
) {
  const clock = new ManualClock(options.start ?? T0);
  const kind = scriptedKind(clock);
  const db = options.db ?? new Database(':memory:');
  migrateHealth(db);
  const store = new HealthStore(db);
  const transitions: CheckTransition[] = [];
  const samples: HealthSample[] = [];
  const gaps: WatchGap[] = [];
  const flaps: boolean[] = [];
  const scheduler = new Scheduler({
    registry: createRegistry({ http: kind }),
    clock,
    store,
    concurrency: options.concurrency,
    flap: options.flap,
    // No jitter, first run 1 s after start: exact times in asserts.
    random: options.random ?? (() => 0.5),
    initialSpreadMs: options.random ? undefined : 2_000,
    heartbeatMs: 5_000,
    listeners: {
      transition: (t) => transitions.push(t),
      sample: (s) => samples.push(s),
      gap: (g) => gaps.push(g),
      flapping: (_view, flapping) => flaps.push(flapping),
    },
  });
  open.push({ scheduler, db });
  return { clock, kind, db, store, scheduler, transitions, samples, gaps, flaps };
}

describe('the scheduler', () => {
  it('runs a handful of checks within a quarter of a second of starting, a big fleet spread wider', async () => {
    const t = setup({ random: () => 0.8 });
    const few = ['a', 'b', 'c'].map((name) => scheduledHttp(name, { every: '30s' }));
    t.scheduler.setPlan(few);
    t.scheduler.start();
    await t.clock.advance(250);
    expect(t.samples).toHaveLength(3);

    const fleet = setup({ random: () => 0.8, concurrency: 1000 });
    fleet.scheduler.setPlan(Array.from({ length: 500 }, (_, i) => scheduledHttp(`c${i}`, { every: '60s' })));
    fleet.scheduler.start();
    await fleet.clock.advance(250);
    expect(fleet.samples).toHaveLength(0); // 500 × 20 ms: the first runs spread over 10 s (this one at 8 s)
    await fleet.clock.advance(10_000);
    expect(fleet.samples).toHaveLength(500);
  });

  it('counts a check down only after its retries fail too, dated from the first failure', async () => {
    const t = setup();
    t.scheduler.setPlan([scheduledHttp('ready', { every: '30s', everyFailing: '10s', retries: 2, critical: true })]);
    t.scheduler.start();
    await t.clock.advance(1_000);
    expect(t.transitions.map((x) => `${x.from}→${x.to}`)).toEqual(['unknown→up']);

    t.kind.set('ready', down503);
    await t.clock.advance(30_000); // failure 1: still up, retry in 10 s
    await t.clock.advance(10_000); // failure 2: still up
    expect(t.scheduler.view('checkout/ready@production')).toMatchObject({ status: 'up', consecutiveFailures: 2 });
    expect(t.transitions).toHaveLength(1);
    await t.clock.advance(10_000); // failure 3 > 2 retries: down
    expect(t.transitions.map((x) => `${x.from}→${x.to}`)).toEqual(['unknown→up', 'up→down']);
    expect(t.scheduler.view('checkout/ready@production')).toMatchObject({
      status: 'down',
      since: T0 + 31_000, // the first failed run, not the confirmation
      reason: '503 from /ready',
      headline: '/ready 503',
    });
    // Runs: 1 s, then 30 s later, then every 10 s while failing.
    expect(t.kind.runs.map((r) => r.at - T0)).toEqual([1_000, 31_000, 41_000, 51_000]);
    // Every sample and the status changes are stored.
    expect(t.store.samples('checkout/ready@production', T0, T0 + 3_600_000).map((s) => s.status)).toEqual([
      'up',
      'down',
      'down',
      'down',
    ]);
    expect(t.store.transitions('checkout/ready@production', T0, T0 + 3_600_000).map((x) => x.to)).toEqual([
      'up',
      'down',
    ]);
  });

  it('recovers on the first success and goes back to the normal interval', async () => {
    const t = setup();
    t.scheduler.setPlan([scheduledHttp('ready', { every: '30s', everyFailing: '10s', retries: 0 })]);
    t.kind.set('ready', down503);
    t.scheduler.start();
    await t.clock.advance(1_000);
    t.kind.set('ready', up200);
    await t.clock.advance(10_000);
    await t.clock.advance(60_000);
    expect(t.transitions.map((x) => `${x.from}→${x.to}`)).toEqual(['unknown→down', 'down→up']);
    expect(t.kind.runs.map((r) => r.at - T0)).toEqual([1_000, 11_000, 41_000, 71_000]);
  });

  it('marks a check that keeps changing as flapping, and stable again once it settles', async () => {
    const flap = { transitions: 4, windowMs: 10 * 60_000, stableMs: 3 * 60_000 };
    const t = setup({ flap });
    t.scheduler.setPlan([scheduledHttp('ready', { every: '30s', everyFailing: '30s', retries: 0 })]);
    t.scheduler.start();
    await t.clock.advance(1_000); // up (learning, not a change)
    for (let i = 0; i < 6; i++) {
      t.kind.set('ready', i % 2 === 0 ? down503 : up200);
      await t.clock.advance(30_000);
    }
    expect(t.flaps).toEqual([true]);
    expect(t.scheduler.view('checkout/ready@production')?.flapping).toBe(true);
    // The 4th change made it flapping, and the transitions say so.
    expect(t.transitions.slice(1).map((x) => x.flapping)).toEqual([false, false, false, true, true, true]);

    t.kind.set('ready', up200);
    await t.clock.advance(2 * 60_000);
    expect(t.flaps).toEqual([true]);
    await t.clock.advance(90_000);
    expect(t.flaps).toEqual([true, false]);
    expect(t.scheduler.view('checkout/ready@production')).toMatchObject({ flapping: false, status: 'up' });
  });

  it('gives up on a run at its timeout and frees the slot for others', async () => {
    const t = setup({ concurrency: 1 });
    t.scheduler.setPlan([
      scheduledHttp('stuck', { every: '1m', timeout: '2s', retries: 0 }),
      scheduledHttp('fine', { every: '1m' }),
    ]);
    t.kind.set('stuck', 'hang');
    t.scheduler.start();
    await t.clock.advance(1_000); // both due; "stuck" takes the only slot
    expect(t.kind.runs.map((r) => r.checkId)).toEqual(['stuck']);
    await t.clock.advance(3_000); // 2 s timeout + 1 s grace for a kind that ignores the abort
    expect(t.samples.map((s) => [s.key, s.status, s.reason])).toEqual([
      ['checkout/stuck@production', 'down', 'timed out after 2 s'],
      ['checkout/fine@production', 'up', '200 in 1 ms'],
    ]);
  });

  it('never runs more checks at once than the concurrency limit', async () => {
    const t = setup({ concurrency: 3 });
    const checks = Array.from({ length: 10 }, (_, i) => scheduledHttp(`c${i}`, { every: '1m' }));
    t.scheduler.setPlan(checks);
    for (const c of checks) t.kind.set(c.checkId, up200, 1_000);
    t.scheduler.start();
    await t.clock.advance(10_000);
    expect(t.kind.runs).toHaveLength(10);
    expect(t.kind.maxRunning).toBe(3);
    expect(t.samples).toHaveLength(10);
  });

  it('after a sleep, records the gap as not watched and runs every check at once', async () => {
    const t = setup();
    t.scheduler.setPlan([scheduledHttp('a', { every: '5m' }), scheduledHttp('b', { every: '5m' })]);
    t.scheduler.start();
    await t.clock.advance(60_000);
    expect(t.kind.runs).toHaveLength(2);
    const asleepAt = t.clock.now();
    t.clock.suspend(2 * 3_600_000); // the lid closes for two hours: timers stop, the wall clock moves on
    await t.clock.advance(5_000); // the next heartbeat fires two hours "late"
    const wokeAt = t.clock.now();
    expect(t.gaps).toHaveLength(1);
    expect(t.gaps[0]).toMatchObject({ reason: 'asleep', end: wokeAt });
    expect(t.gaps[0]?.start).toBeGreaterThanOrEqual(asleepAt - 5_000);
    expect(t.gaps[0]?.start).toBeLessThanOrEqual(asleepAt);
    expect(t.store.gaps(T0, wokeAt + 1)).toEqual(t.gaps);
    // Both checks ran on waking, well before their 5-minute interval.
    expect(t.kind.runs.slice(2).map((r) => [r.checkId, r.at])).toEqual([
      ['a', wokeAt],
      ['b', wokeAt],
    ]);
    // powerMonitor saying the same thing a moment later does not run everything twice.
    t.scheduler.notifyResume();
    await t.clock.advance(100);
    expect(t.kind.runs).toHaveLength(4);
  });

  it("uses powerMonitor's suspend time as the start of the gap", async () => {
    const t = setup();
    t.scheduler.setPlan([scheduledHttp('a', { every: '5m' })]);
    t.scheduler.start();
    await t.clock.advance(62_000);
    t.scheduler.notifySuspend();
    const suspendedAt = t.clock.now();
    t.clock.suspend(600_000);
    t.scheduler.notifyResume();
    await t.clock.advance(0);
    expect(t.gaps).toEqual([{ start: suspendedAt, end: suspendedAt + 600_000, reason: 'asleep' }]);
    expect(t.kind.runs.at(-1)?.at).toBe(suspendedAt + 600_000);
  });

  it('records the time the app was not running as not watched', async () => {
    const db = new Database(':memory:');
    const first = setup({ db });
    first.scheduler.setPlan([scheduledHttp('a')]);
    first.scheduler.start();
    await first.clock.advance(20_000);
    await first.scheduler.stop();
    const lastAwake = first.clock.now();

    const later = setup({ db, start: lastAwake + 3_600_000 });
    later.scheduler.setPlan([scheduledHttp('a')]);
    later.scheduler.start();
    expect(later.gaps).toEqual([{ start: lastAwake, end: lastAwake + 3_600_000, reason: 'not-running' }]);
  });

  it('keeps the state of checks that stay when the plan changes, and stops removed ones', async () => {
    const t = setup();
    t.scheduler.setPlan([scheduledHttp('a', { every: '1m' }), scheduledHttp('b', { every: '1m' })]);
    t.scheduler.start();
    await t.clock.advance(1_000);
    t.scheduler.setPlan([scheduledHttp('a', { every: '1m' })]);
    await t.clock.advance(5 * 60_000);
    expect(t.kind.runs.filter((r) => r.checkId === 'b')).toHaveLength(1);
    expect(t.kind.runs.filter((r) => r.checkId === 'a')).toHaveLength(6);
    expect(t.scheduler.view('checkout/a@production')?.since).toBe(T0 + 1_000);
    expect(t.scheduler.views().map((v) => v.checkId)).toEqual(['a']);
  });
});

describe('host checks run by the scheduler', () => {
  it('reach their hosts as unattended background work (no passphrase a person declined is asked again)', async () => {
    const clock = new ManualClock(T0);
    const db = new Database(':memory:');
    migrateHealth(db);
    const seen: Array<{ host: string; options: ExecOptions | undefined }> = [];
    const transport = (host: string): Transport => ({
      host,
      exec: async (command, options) => {
        seen.push({ host, options });
        const result: ExecResult = {
          host,
          command,
          exitCode: 0,
          signal: null,
          stdout: '0.10\n',
          stderr: '',
          durationMs: 1,
          timedOut: false,
          cancelled: false,
        };
        return result;
      },
      upload: async () => undefined,
      close: async () => undefined,
    });
    const hostKind: CheckKind<HttpCheckConfig> = {
      name: 'http',
      subject: () => 'web-1 load',
      async run(_check, context) {
        await context.transportFor('web-1').exec('cat /proc/loadavg', { timeoutMs: 1_000 });
        return { status: 'up', reason: 'load 0.10' };
      },
    };
    const scheduler = new Scheduler({
      registry: createRegistry({ http: hostKind }),
      clock,
      store: new HealthStore(db),
      random: () => 0.5,
      heartbeatMs: 5_000,
      transportFor: transport,
    });
    open.push({ scheduler, db });
    scheduler.setPlan([scheduledHttp('load', { every: '30s' })]);
    scheduler.start();
    await clock.advance(1_000);
    expect(seen).toEqual([{ host: 'web-1', options: { timeoutMs: 1_000, unattended: true } }]);
  });
});
