import { describe, expect, it } from 'vitest';
import { type BackupCopy } from '../../../shared/model/backups';
import { CockpitError } from '../../../shared/rpc';
import { chooseCopy } from './copy-choice';

const copies: BackupCopy[] = [5, 4, 3, 2, 1].map((d) => ({
  id: `orders-0${d}.dump`,
  time: `2026-12-0${d}T02:00:00Z`,
  size: 1000 * d,
  location: `/srv/backups/orders-0${d}.dump`,
}));

/** A seeded generator (mulberry32): the same sequence every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const base = { copies, source: 'db:/srv/backups', drilledBefore: () => 0, random: () => 0.5 };

describe('which copy a drill restores', () => {
  it('takes the newest by default', () => {
    expect(chooseCopy({ ...base, choice: 'newest' })).toEqual({ copy: copies[0], why: 'newest' });
  });

  it('takes the copy asked for, and refuses one the source does not list', () => {
    expect(chooseCopy({ ...base, choice: 'newest', requested: 'orders-03.dump' }).copy.id).toBe('orders-03.dump');
    expect(() => chooseCopy({ ...base, choice: 'newest', requested: 'orders-09.dump' })).toThrow(
      /Copy "orders-09.dump" is not among the 5 copies db:\/srv\/backups lists \(newest: orders-05.dump/,
    );
  });

  it('refuses when there is no copy at all, saying where it looked', () => {
    const run = () => chooseCopy({ ...base, copies: [], choice: 'newest' });
    expect(run).toThrow(CockpitError);
    expect(run).toThrow(/No copy to restore: db:\/srv\/backups lists no copies/);
  });

  it('gives every copy of the last N its turn before any copy comes twice', () => {
    const counts = new Map<string, number>();
    const random = seeded(42);
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { copy, why } = chooseCopy({
        ...base,
        choice: 'random-of-last-3',
        drilledBefore: (id) => counts.get(id) ?? 0,
        random,
      });
      expect(why).toMatch(/^random of the last 3/);
      picked.push(copy.id);
      counts.set(copy.id, (counts.get(copy.id) ?? 0) + 1);
    }
    expect(new Set(picked)).toEqual(new Set(['orders-05.dump', 'orders-04.dump', 'orders-03.dump']));
  });

  it('says why it chose: drilled least among the window', () => {
    const drilled = new Map([
      ['orders-05.dump', 2],
      ['orders-04.dump', 1],
      ['orders-03.dump', 1],
    ]);
    const choice = chooseCopy({
      ...base,
      choice: 'random-of-last-3',
      drilledBefore: (id) => drilled.get(id) ?? 0,
      random: () => 0.99,
    });
    expect(choice.copy.id).toBe('orders-03.dump');
    expect(choice.why).toBe('random of the last 3 (one of 2 drilled least (once before))');
  });
});
