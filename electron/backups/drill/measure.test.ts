import { describe, expect, it } from 'vitest';
import { type DrillCheckResult } from '../../../shared/model/backups';
import { againstTarget, missedTargets, rpoAchieved, rtoAchieved } from './measure';

const check = (name: string, dataTime: string | null): DrillCheckResult => ({
  name,
  command: 'psql',
  exitCode: 0,
  output: '',
  expected: null,
  ok: true,
  detail: null,
  durationMs: 10,
  dataTime,
});

const start = new Date('2026-12-06T12:00:00Z');

describe('RTO and RPO achieved', () => {
  it('takes RPO from the newest data time a check printed, else from the copy', () => {
    expect(
      rpoAchieved(
        start,
        [check('old', '2026-12-06T08:00:00Z'), check('newest order', '2026-12-06T10:30:00Z')],
        '2026-12-06T02:00:00Z',
      ),
    ).toEqual({ rpoMs: 90 * 60_000, rpoFrom: `the newest data's time (check "newest order")` });
    expect(rpoAchieved(start, [check('count', null)], '2026-12-06T02:00:00Z')).toEqual({
      rpoMs: 10 * 3_600_000,
      rpoFrom: "the copy's time",
    });
    expect(rpoAchieved(start, [], null)).toEqual({ rpoMs: null, rpoFrom: null });
  });

  it('measures RTO only when the restore and every check passed', () => {
    expect(rtoAchieved(40_000, 1_000, true)).toBe(41_000);
    expect(rtoAchieved(40_000, 1_000, false)).toBeNull();
    expect(rtoAchieved(null, 0, true)).toBeNull();
  });

  it('says how far over the target a measure is', () => {
    expect(againstTarget('RTO', 41 * 60_000, 30 * 60_000)).toBe('RTO 41 min, 11 min over the 30 min target');
    expect(againstTarget('RTO', 41_000, 30 * 60_000)).toBe('RTO 41 s (target 30 min)');
    expect(againstTarget('RPO', null, 26 * 3_600_000)).toBe('RPO not measured (target 26 h)');
    expect(missedTargets({ rtoMs: 41 * 60_000, rtoTargetMs: 30 * 60_000, rpoMs: 1, rpoTargetMs: 2 })).toEqual([
      'RTO 41 min, 11 min over the 30 min target',
    ]);
  });
});
