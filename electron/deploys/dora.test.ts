import { describe, expect, it } from 'vitest';
import { type DeployRecord } from '../../shared/model/deploys';
import { doraFigures, median } from './dora';

const now = new Date('2025-03-31T00:00:00Z');
let n = 0;
function record(
  kind: DeployRecord['kind'],
  startedAt: string,
  result: DeployRecord['result'],
  minutes = 5,
  extra: Partial<DeployRecord> = {},
): DeployRecord {
  const start = Date.parse(startedAt);
  return {
    id: `r${++n}`,
    kind,
    releaseId: null,
    ref: null,
    commit: null,
    actor: 'a',
    startedAt,
    endedAt: new Date(start + minutes * 60_000).toISOString(),
    durationMs: minutes * 60_000,
    result,
    source: 'cockpit',
    external: false,
    wentLive: true,
    hosts: ['web-1'],
    summary: null,
    ...extra,
  };
}

describe('DORA figures', () => {
  it('counts a release found on the hosts with unknown health as a deploy, not as a failure', () => {
    const found = record('deploy', '2025-03-10T10:00:00Z', 'unknown', 0, { source: 'host', external: true });
    const figures = doraFigures([found, record('deploy', '2025-03-12T10:00:00Z', 'healthy')], now);
    expect(figures.deploys).toBe(2);
    expect(figures.failedChanges).toBe(0);
    expect(figures.timeToRestoreMs).toBeNull();
  });

  it('counts deploys per week over the window', () => {
    const records = [
      record('deploy', '2025-03-10T10:00:00Z', 'healthy'),
      record('deploy', '2025-03-12T10:00:00Z', 'healthy'),
      record('deploy', '2025-03-20T10:00:00Z', 'healthy'),
      record('deploy', '2025-01-01T10:00:00Z', 'healthy'), // outside the 28-day window
    ];
    const figures = doraFigures(records, now, 28);
    expect(figures.deploys).toBe(3);
    expect(figures.deploysPerWeek).toBe(0.75);
    expect(figures.changeFailureRate).toBe(0);
    expect(figures.timeToRestoreMs).toBeNull();
  });

  it('counts rolled-back, bad and unknown deploys, and healthy ones rolled back by hand, as failed changes', () => {
    const records = [
      record('deploy', '2025-03-10T10:00:00Z', 'healthy'),
      record('deploy', '2025-03-11T10:00:00Z', 'rolled-back', 4), // restored by its own rollback: 4 min
      record('deploy', '2025-03-12T10:00:00Z', 'healthy', 5), // looked fine, rolled back by hand 55 min after it ended
      record('rollback', '2025-03-12T10:58:00Z', 'healthy', 2),
      record('deploy', '2025-03-13T10:00:00Z', 'unknown', 5), // connection lost; fixed by the next healthy deploy
      record('deploy', '2025-03-13T11:00:00Z', 'healthy', 10),
    ];
    const figures = doraFigures(records, now, 30);
    expect(figures.deploys).toBe(5);
    expect(figures.failedChanges).toBe(3);
    expect(figures.changeFailureRate).toBeCloseTo(3 / 5);
    expect(figures.restores).toBe(3);
    // 4 min, 55 min, 70 min → median 55 min.
    expect(figures.timeToRestoreMs).toBe(55 * 60_000);
  });

  it('leaves out cancelled runs and runs that never switched a host', () => {
    const records = [
      record('deploy', '2025-03-10T10:00:00Z', 'cancelled'),
      record('deploy', '2025-03-11T10:00:00Z', 'failed', 1, { wentLive: false }),
      record('deploy', '2025-03-12T10:00:00Z', 'healthy'),
    ];
    const figures = doraFigures(records, now, 30);
    expect(figures.deploys).toBe(1);
    expect(figures.changeFailureRate).toBe(0);
  });

  it('says null, not zero, when there is nothing to measure', () => {
    expect(doraFigures([], now)).toMatchObject({ deploys: 0, changeFailureRate: null, timeToRestoreMs: null });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
