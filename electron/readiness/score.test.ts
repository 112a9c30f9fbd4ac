/**
 * One scorecard from many sources: the items in the contract's order, one per id (the worse when two answer the
 * same), the score as the share of the way there, and the trend as one point per day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReadinessItem, type ReadinessStatus } from '../../shared/model/readiness';
import { openJournal } from '../journal/journal';
import { item } from '../features/readiness-items';
import { migrateReadiness } from './schema';
import { mergeItems, scoreOf } from './score';
import { ReadinessTrend } from './trend';

const fix = { label: 'Fix it', route: 'health' as const, id: null };
const of = (id: ReadinessItem['id'], status: ReadinessStatus) => item(id, status, `${id} is ${status}`, fix);

describe('the score', () => {
  it('counts green 1, amber ½ and red 0 over the items, rounded', () => {
    expect(scoreOf([of('runbooks', 'green'), of('backups-fresh', 'amber'), of('budget-alerts', 'red')])).toBe(50);
    expect(scoreOf([of('runbooks', 'green'), of('backups-fresh', 'green'), of('budget-alerts', 'amber')])).toBe(83);
    expect(scoreOf([])).toBe(0);
  });

  it('merges sources in the contract’s order, the worse item standing when two share an id', () => {
    const merged = mergeItems([
      [of('runbooks', 'green'), of('critical-checks', 'green')],
      [of('runbooks', 'red')],
      [of('alerts-reach-a-person', 'amber')],
    ]);
    expect(merged.map((i) => [i.id, i.status])).toEqual([
      ['critical-checks', 'green'],
      ['alerts-reach-a-person', 'amber'],
      ['runbooks', 'red'],
    ]);
  });

  it('gives a green item no fix', () => {
    expect(of('runbooks', 'green').fix).toBeNull();
    expect(of('runbooks', 'amber').fix).toEqual(fix);
  });
});

describe('the trend', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function trend() {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-readiness-trend-'));
    dirs.push(dir);
    const journal = openJournal({ file: join(dir, 'journal.db') });
    migrateReadiness(journal.db);
    return { trend: new ReadinessTrend(journal.db), close: () => journal.close() };
  }

  it('keeps one point per workspace and day, the day’s last score, and returns at most 90 days oldest first', () => {
    const { trend: store, close } = trend();
    const day = (d: number, h = 12) => new Date(Date.UTC(2026, 11, 6, h) - d * 86_400_000);
    store.record('shop', 40, day(120));
    store.record('shop', 55, day(89, 8));
    store.record('shop', 58, day(89, 20));
    store.record('shop', 60, day(1));
    store.record('shop', 64, day(0, 9));
    store.record('shop', 66, day(0, 10));
    expect(store.list('shop', day(0, 11))).toEqual([
      { day: '2026-09-08', score: 58 },
      { day: '2026-12-05', score: 60 },
      { day: '2026-12-06', score: 66 },
    ]);
    // A process with an older clock reading does not replace a later score of the same day.
    store.record('shop', 10, day(0, 8));
    expect(store.list('shop', day(0, 11)).at(-1)).toEqual({ day: '2026-12-06', score: 66 });
    // Another workspace's score is its own trend.
    store.record('demo', 99, day(0, 10));
    expect(store.list('demo', day(0, 11))).toEqual([{ day: '2026-12-06', score: 99 }]);
    store.prune(day(0));
    expect(store.list('shop', day(0)).length).toBe(3);
    close();
  });
});
