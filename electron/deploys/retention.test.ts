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
});
