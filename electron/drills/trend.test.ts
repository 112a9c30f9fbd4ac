import { describe, expect, it } from 'vitest';
import { type DrillTimes, type RollbackDrillSummary } from '../../shared/model/drills';
import { drillMeasures } from './measures';
import { drillTrend } from './trend';

const targets = { detectMs: 120_000, recoverMs: 300_000 };

let counter = 0;

/** A finished drill on `day` (of November 2026) that detected in `detectS` and recovered in `recoverS` seconds. */
function drill(
  day: number,
  detectS: number | null,
  recoverS: number | null,
  change: Partial<RollbackDrillSummary> = {},
): RollbackDrillSummary {
  counter += 1;
  const start = Date.UTC(2026, 10, day, 10, 0, 0);
  const iso = (seconds: number) => new Date(start + seconds * 1000).toISOString();
  const actedS = (detectS ?? 0) + 20;
  const times: DrillTimes = {
    injectedAt: iso(0),
    firstFailureAt: null,
    detectedAt: detectS === null ? null : iso(detectS),
    alertedAt: null,
    actedAt: iso(actedS),
    recoveredAt: recoverS === null ? null : iso(actedS + recoverS),
    verifiedAt: recoverS === null ? null : iso(actedS + recoverS + 10),
  };
  return {
    id: `drill-${counter}`,
    service: 'checkout',
    environment: 'staging',
    actor: 'ana',
    auto: false,
    startedAt: iso(0),
    endedAt: iso(actedS + (recoverS ?? 0) + 10),
    status: recoverS === null ? 'failed' : 'passed',
    phase: 'report',
    summary: null,
    measures: drillMeasures(times, targets),
    ...change,
  };
}

describe('drillTrend', () => {
  it('says how much faster the last drill recovered than the one before', () => {
    const { line } = drillTrend([drill(20, 8, 41), drill(10, 9, 53)]);
    expect(line).toBe('Time to recover 41 s, 12 s faster than the drill before');
  });

  it('says when it was slower', () => {
    expect(drillTrend([drill(20, 8, 95), drill(10, 9, 41)]).line).toBe(
      'Time to recover 1.6 min, 54 s slower than the drill before',
    );
  });

  it('calls a difference under a second the same', () => {
    expect(drillTrend([drill(20, 8, 41.4), drill(10, 9, 41)]).line).toBe(
      'Time to recover 41 s, about the same as the drill before',
    );
  });

  it("names a service's first drill", () => {
    expect(drillTrend([drill(20, 8, 41)]).line).toBe('Time to recover 41 s, first drill of checkout');
  });

  it('says when the last drill measured no recovery', () => {
    expect(drillTrend([drill(20, null, null), drill(10, 9, 41)]).line).toBe(
      'the last drill of checkout failed: no time to recover measured',
    );
    expect(drillTrend([drill(20, 8, null, { status: 'cancelled' })]).line).toBe(
      'the last drill of checkout was cancelled: no time to recover measured',
    );
  });

  it('compares with the last drill that recovered when one in between failed', () => {
    expect(drillTrend([drill(25, 8, 41), drill(20, null, null), drill(10, 9, 53)]).line).toBe(
      'Time to recover 41 s, 12 s faster than the last drill that recovered',
    );
  });

  it('leaves out a drill still running and drills of other services', () => {
    const running = drill(28, null, null, { status: 'running', endedAt: null });
    const other = drill(26, 8, 5, { service: 'worker' });
    const { points, line } = drillTrend([running, drill(20, 8, 41), drill(10, 9, 53)]);
    expect(points.map((p) => p.recoverMs)).toEqual([53_000, 41_000]);
    expect(line).toBe('Time to recover 41 s, 12 s faster than the drill before');
    expect(drillTrend([drill(20, 8, 41), other, drill(10, 9, 53)]).points).toHaveLength(2);
  });

  it('gives the chart its points oldest first, with each measure', () => {
    const newer = drill(20, 8, 41);
    const older = drill(10, 9, 53);
    expect(drillTrend([newer, older]).points).toEqual([
      {
        id: older.id,
        startedAt: older.startedAt,
        detectMs: 9_000,
        recoverMs: 53_000,
        totalMs: 92_000,
        status: 'passed',
      },
      {
        id: newer.id,
        startedAt: newer.startedAt,
        detectMs: 8_000,
        recoverMs: 41_000,
        totalMs: 79_000,
        status: 'passed',
      },
    ]);
  });

  it('has a line for no drills at all', () => {
    expect(drillTrend([])).toEqual({ points: [], line: 'no rollback drill yet' });
    expect(drillTrend([drill(28, null, null, { status: 'running' })]).line).toBe('no finished drill of checkout yet');
  });
});
