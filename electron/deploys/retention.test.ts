import { describe, expect, it } from 'vitest';
import { lastKnownGood, releasesToPrune } from './retention';

const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

describe('retention', () => {
  it('keeps the newest `keep` releases and prunes the rest, oldest first', () => {
    expect(releasesToPrune({ releases: ids, keep: 3, current: 'r6', lastGood: 'r6' })).toEqual(['r1', 'r2', 'r3']);
  });

  it('never prunes the current release, even when it is old (after a rollback)', () => {
    expect(releasesToPrune({ releases: ids, keep: 2, current: 'r2', lastGood: 'r2' })).toEqual(['r1', 'r3', 'r4']);
  });

  it('never prunes the last known good release when newer ones are bad or unproven', () => {
    const pruned = releasesToPrune({ releases: ids, keep: 2, current: 'r6', lastGood: 'r1' });
    expect(pruned).not.toContain('r1');
    expect(pruned).toEqual(['r2', 'r3', 'r4']);
  });

  it('keeps whatever else it is told to protect (the rollback target, the release being deployed)', () => {
    expect(releasesToPrune({ releases: ids, keep: 2, current: 'r6', lastGood: 'r6', protect: ['r3'] })).toEqual([
      'r1',
      'r2',
      'r4',
    ]);
  });

  it('prunes nothing while there are no more than `keep`', () => {
    expect(releasesToPrune({ releases: ['r1', 'r2'], keep: 5, current: 'r2', lastGood: null })).toEqual([]);
  });

  it('finds the last known good: newest with a good marker and no BAD_RELEASE', () => {
    expect(
      lastKnownGood([
        { id: 'r1', goodAt: 't1', bad: null },
        { id: 'r2', goodAt: 't2', bad: null },
        { id: 'r3', goodAt: 't3', bad: { reason: 'rolled back' } },
        { id: 'r4', goodAt: null, bad: null },
      ]),
    ).toBe('r2');
    expect(lastKnownGood([])).toBeNull();
  });

  it('orders by when releases were made: a hand-made bad release goes before a healthy dated one (the issue)', () => {
    // Sorted as text, "v1.4.0-hotfix" is the newest; it is the oldest and marked bad, so it is pruned first.
    const releases = [
      { id: 'v1.4.0-hotfix', createdAt: '2025-02-01T09:00:00Z', goodAt: null, bad: { reason: 'made by hand' } },
      { id: '20250301T090000Z-v1.4.0', createdAt: null, goodAt: '2025-03-01T09:05:00Z', bad: null },
      { id: '20250302T090000Z-v1.5.0', createdAt: null, goodAt: '2025-03-02T09:05:00Z', bad: null },
      { id: '20250303T090000Z-v1.6.0', createdAt: null, goodAt: null, bad: { reason: 'gate failed' } },
    ];
    const lastGood = lastKnownGood(releases);
    expect(lastGood).toBe('20250302T090000Z-v1.5.0');
    const prune = releasesToPrune({ releases, keep: 2, current: '20250302T090000Z-v1.5.0', lastGood });
    expect(prune).toEqual(['v1.4.0-hotfix', '20250303T090000Z-v1.6.0']);
    expect(prune).not.toContain('20250301T090000Z-v1.4.0');
  });

  it('never prunes a healthy release newer than the last known good, and keeps every host current', () => {
    const releases = [
      { id: 'r-old', createdAt: '2025-01-01T00:00:00Z', goodAt: '2025-01-01T00:01:00Z', bad: null },
      { id: 'r-good', createdAt: '2025-01-02T00:00:00Z', goodAt: '2025-01-02T00:01:00Z', bad: null },
      { id: 'r-newer', createdAt: '2025-01-03T00:00:00Z', goodAt: '2025-01-03T00:01:00Z', bad: null },
      { id: 'r-x', createdAt: '2025-01-04T00:00:00Z', goodAt: null, bad: null },
      { id: 'r-y', createdAt: '2025-01-05T00:00:00Z', goodAt: null, bad: null },
    ];
    // Told r-good is the last known good (an older journal said so): r-newer passed its gate later and stays.
    const prune = releasesToPrune({ releases, keep: 1, current: ['r-y', 'r-x'], lastGood: 'r-good' });
    expect(prune).toEqual(['r-old']);
  });
});
