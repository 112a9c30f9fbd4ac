import { describe, expect, it } from 'vitest';
import { ManualClock } from '../health/manual-clock';
import { VerificationScheduler } from './scheduler';

const HOUR = 3_600_000;

function setup(runMs = 0) {
  const clock = new ManualClock();
  const start = clock.now();
  const runs: Array<{ key: string; at: number }> = [];
  const scheduler = new VerificationScheduler(clock, async (key) => {
    runs.push({ key, at: clock.now() - start });
    if (runMs) await new Promise<void>((resolve) => clock.setTimeout(resolve, runMs));
  });
  return { clock, scheduler, runs, start };
}

describe('the verification schedule', () => {
  it('verifies each backup 5 s after start, then every `every`, one timer per backup', async () => {
    const { clock, scheduler, runs } = setup();
    scheduler.plan([
      { key: 'shop/orders', everyMs: HOUR },
      { key: 'shop/files', everyMs: 6 * HOUR },
    ]);
    await clock.advance(4_000);
    expect(runs).toEqual([]);
    await clock.advance(1_000);
    expect(runs.map((r) => r.key)).toEqual(['shop/orders', 'shop/files']);
    await clock.advance(6 * HOUR);
    expect(runs.filter((r) => r.key === 'shop/orders')).toHaveLength(7);
    expect(runs.filter((r) => r.key === 'shop/files')).toHaveLength(2);
    expect(clock.pending).toBe(2);
  });

  it('keeps hourly hourly when a verification takes a while', async () => {
    const { clock, scheduler, runs } = setup(10 * 60_000);
    scheduler.plan([{ key: 'a/b', everyMs: HOUR }]);
    await clock.advance(3 * HOUR);
    expect(runs.map((r) => r.at)).toEqual([5_000, 5_000 + HOUR, 5_000 + 2 * HOUR]);
  });

  it('re-plans on a new workspace: removed backups stop, new ones start soon, a changed every applies', async () => {
    const { clock, scheduler, runs, start } = setup();
    scheduler.plan([
      { key: 'a/one', everyMs: HOUR },
      { key: 'a/two', everyMs: HOUR },
    ]);
    await clock.advance(10_000);
    runs.length = 0;
    scheduler.plan([
      { key: 'a/one', everyMs: 2 * HOUR },
      { key: 'a/three', everyMs: HOUR },
    ]);
    expect(scheduler.nextAt('a/two')).toBeNull();
    expect(scheduler.nextAt('a/one')?.getTime()).toBe(start + 5_000 + 2 * HOUR);
    await clock.advance(3 * HOUR);
    expect(runs.map((r) => r.key)).toEqual(['a/three', 'a/three', 'a/one', 'a/three']);
    expect(clock.pending).toBe(2);
  });

  it('counts a verification on a button as the run, and stops everything on stop', async () => {
    const { clock, scheduler, runs, start } = setup();
    scheduler.plan([{ key: 'a/b', everyMs: HOUR }]);
    await clock.advance(30 * 60_000);
    scheduler.ranNow('a/b');
    expect(scheduler.nextAt('a/b')?.getTime()).toBe(start + 30 * 60_000 + HOUR);
    expect(clock.pending).toBe(1);
    scheduler.stop();
    expect(clock.pending).toBe(0);
    await clock.advance(5 * HOUR);
    expect(runs).toHaveLength(1);
  });
});
