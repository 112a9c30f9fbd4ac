/**
 * What the Readiness screen and the Overview chip make of a scorecard: worst first, a mark with a word for every
 * status, fix links that open the right screen, the score's tone against the bar, and the trend in words.
 */
import { describe, expect, it } from 'vitest';
import { type ReadinessItem } from '../../../shared/model/readiness';
import {
  barText,
  checklist,
  checklistSummary,
  dayLabel,
  evidenceParts,
  fixHref,
  outOfText,
  readyCountText,
  scoreTone,
  statusMarks,
  trendGeometry,
  trendSummary,
} from './readiness-model';

function item(id: ReadinessItem['id'], status: ReadinessItem['status']): ReadinessItem {
  return { id, status, title: id, evidence: `${id} evidence`, fix: null };
}

describe('the checklist', () => {
  const items = [
    item('critical-checks', 'green'),
    item('backups-fresh', 'amber'),
    item('production-protected', 'red'),
    item('runbooks', 'amber'),
    item('host-keys-pinned', 'red'),
    item('spend-tagged', 'green'),
  ];

  it('lists red, then amber, each in the scorecard’s order, and folds the green ones apart', () => {
    const { toFix, ready } = checklist(items);
    expect(toFix.map((i) => i.id)).toEqual(['production-protected', 'host-keys-pinned', 'backups-fresh', 'runbooks']);
    expect(ready.map((i) => i.id)).toEqual(['critical-checks', 'spend-tagged']);
  });

  it('counts each status in words', () => {
    expect(checklistSummary(items)).toBe('2 not ready · 2 partly · 2 ready');
    expect(checklistSummary([item('runbooks', 'green')])).toBe('1 ready');
    expect(readyCountText(8)).toBe('8 items ready');
    expect(readyCountText(1)).toBe('1 item ready');
  });

  it('gives every status a shape and a word, not only a colour', () => {
    expect(statusMarks.red).toEqual({ symbol: '✕', word: 'Not ready', tone: 'bad' });
    expect(statusMarks.amber).toEqual({ symbol: '!', word: 'Partly ready', tone: 'warn' });
    expect(statusMarks.green).toEqual({ symbol: '✓', word: 'Ready', tone: 'ok' });
  });
});

function fixOf(route: NonNullable<ReadinessItem['fix']>['route'], id: string | null) {
  return { label: 'Fix', route, id };
}

describe('fix links', () => {
  it('open the screen, at what the item names where that screen has an address for it', () => {
    expect(fixHref(fixOf('settings', null))).toBe('#/settings');
    expect(fixHref(fixOf('health', 'web hooks'))).toBe('#/health?service=web+hooks');
    expect(fixHref(fixOf('runbooks', 'restart-worker'))).toBe('#/runbooks?id=restart-worker');
    expect(fixHref(fixOf('incidents', 'inc/1'))).toBe('#/incidents/inc%2F1');
  });

  it('never send a service name where the screen expects a run: Drills, Backups, Cost and Deploys open as they are', () => {
    expect(fixHref(fixOf('drills', 'checkout'))).toBe('#/drills');
    expect(fixHref(fixOf('backups', 'checkout/orders-db'))).toBe('#/backups');
    expect(fixHref(fixOf('cost', 'Monthly'))).toBe('#/cost');
    expect(fixHref(fixOf('deploys', 'checkout'))).toBe('#/deploys');
  });
});

describe('the score against the bar', () => {
  it('is fine at or above the bar, a warning up to 15 points under it, bad further down', () => {
    expect(scoreTone(70, 70)).toBe('ok');
    expect(scoreTone(92, 70)).toBe('ok');
    expect(scoreTone(55, 70)).toBe('warn');
    expect(scoreTone(54, 70)).toBe('bad');
  });

  it('says how far from the bar, in points', () => {
    expect(outOfText(70)).toBe('of 100 · your bar is 70');
    expect(barText(72, 70)).toBe('2 points above your bar');
    expect(barText(69, 70)).toBe('1 point below your bar');
    expect(barText(70, 70)).toBe('At your bar');
  });
});

describe('the trend', () => {
  const trend = [
    { day: '2026-12-01', score: 50 },
    { day: '2026-12-02', score: 100 },
    { day: '2026-12-03', score: 0 },
  ];

  it('spreads the days across the width and puts 100 at the top, 0 at the bottom', () => {
    const { points, barY } = trendGeometry(trend, 70, { width: 220, height: 120, pad: 10 });
    expect(points.map((p) => [p.x, p.y])).toEqual([
      [10, 60],
      [110, 10],
      [210, 110],
    ]);
    expect(barY).toBeCloseTo(40);
  });

  it('centres a single day', () => {
    const { points } = trendGeometry([{ day: '2026-12-06', score: 72 }], 70, { width: 200, height: 100, pad: 0 });
    expect(points[0]?.x).toBe(100);
  });

  it('reads calendar days as such, whatever the time zone', () => {
    expect(dayLabel('2026-12-01')).toMatch(/1/);
    expect(dayLabel('2026-12-01')).toMatch(/Dec/);
    expect(dayLabel('not a day')).toBe('not a day');
  });

  it('says what the chart shows in words', () => {
    expect(trendSummary([], 70)).toBe('No score recorded yet.');
    expect(trendSummary(trend, 70)).toMatch(
      /^Score per day over 3 days: 50 on .*, 0 on .* \(lowest 0, highest 100\); your bar is 70\.$/,
    );
    expect(trendSummary([{ day: '2026-12-06', score: 72 }], 70)).toMatch(/^Score 72 on .*; your bar is 70\.$/);
  });
});

describe('evidence', () => {
  it('shows workspace words in backticks as code', () => {
    expect(evidenceParts('No cloud cost watched: the workspace has no `cost:` section.')).toEqual([
      { text: 'No cloud cost watched: the workspace has no ', code: false },
      { text: 'cost:', code: true },
      { text: ' section.', code: false },
    ]);
    expect(evidenceParts('No backup is declared.')).toEqual([{ text: 'No backup is declared.', code: false }]);
  });
});
