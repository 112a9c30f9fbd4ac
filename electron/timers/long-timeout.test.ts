/** A wait longer than one timer can hold (24.8 days) must wait, not fire at once. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryJournal } from '../deploys/test-journal';
import { createLocalTransport } from '../remote/local';
import { createStepRunner } from '../runbooks/runner';
import { MAX_TIMER_MS, clampTimerMs, setLongTimeout } from './long-timeout';

const DAY = 86_400_000;

describe('long timeouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clamps a delay to what one timer holds, and never lets a bad value fire at once by overflow', () => {
    expect(clampTimerMs(25 * DAY)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(-5)).toBe(0);
    expect(clampTimerMs(Number.NaN)).toBe(0);
    expect(clampTimerMs(1500)).toBe(1500);
  });

  it('waits 25 days when asked to, split over several timers', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    setLongTimeout(fired, 25 * DAY);
    vi.advanceTimersByTime(1000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(24 * DAY);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DAY);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('can be cleared before it fires, also after its first part', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const timer = setLongTimeout(fired, 30 * DAY);
    vi.advanceTimersByTime(MAX_TIMER_MS + 10);
    timer.clear();
    vi.advanceTimersByTime(10 * DAY);
    expect(fired).not.toHaveBeenCalled();
  });

  it('runs a step whose timeout is 25 days to its end instead of timing it out at once', async () => {
    const journal = createMemoryJournal();
    const handle = journal.begin({ kind: 'runbook.test', title: 'long timeout' });
    const runner = createStepRunner({
      runId: handle.id,
      journal: handle,
      emit: () => {},
      transports: (host) => createLocalTransport({ host, killGraceMs: 200 }),
    });
    const result = await runner.run(
      { kind: 'run', id: 'wait', title: 'Wait a little', command: 'sleep 0.2; echo done', timeoutMs: 25 * DAY },
      'box',
    );
    expect(result.stdout).toBe('done\n');
  });
});
