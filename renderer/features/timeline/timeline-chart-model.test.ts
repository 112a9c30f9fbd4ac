/**
 * The chart's geometry and words: lanes per kind (per service for one kind), ticks on round local times that never
 * crowd, spans for what lasted and dots for moments, names a screen reader can say, the list by day, and where a
 * click leads.
 */
import { describe, expect, it } from 'vitest';
import { type TimelineEntry } from '../../../shared/model/timeline';
import {
  dayLabel,
  groupByDay,
  hrefForEntry,
  kindCounts,
  lanesFor,
  markName,
  place,
  ticksFor,
} from './timeline-chart-model';

function entry(over: Partial<TimelineEntry>): TimelineEntry {
  return {
    id: over.id ?? `${over.kind ?? 'deploy'}:${over.at ?? 'x'}`,
    kind: 'deploy',
    at: local(6, 14, 2),
    endAt: local(6, 14, 4),
    service: 'checkout',
    environment: 'production',
    title: 'Deploy v1.5.0 to checkout in production',
    detail: null,
    tone: 'ok',
    practice: false,
    link: { route: 'deploys', id: 'run-1' },
    ...over,
  };
}

const H = 3_600_000;
/** Times in local time, so the labels read the same in every time zone. */
const local = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).toISOString();
const FROM = Date.parse(local(6, 0));

describe('lanes', () => {
  const entries = [
    entry({ kind: 'alert', service: 'auth', at: local(6, 10) }),
    entry({ kind: 'deploy' }),
    entry({ kind: 'alert', service: null, at: local(6, 11) }),
  ];

  it('one lane per kind present, in a fixed order', () => {
    expect(lanesFor(entries, null).map((l) => l.label)).toEqual(['Deploys', 'Alerts']);
  });

  it('one lane per service when a single kind is shown; the workspace-wide ones last', () => {
    const alerts = entries.filter((e) => e.kind === 'alert');
    expect(lanesFor(alerts, ['alert']).map((l) => l.label)).toEqual(['auth', 'workspace']);
  });

  it('counts every kind, zero included', () => {
    expect(kindCounts(entries)).toMatchObject({ deploy: 1, alert: 2, incident: 0 });
  });
});

describe('ticks', () => {
  it('fall on round local times and never closer than the gap asked', () => {
    const ticks = ticksFor(FROM, FROM + 24 * H, 800, 80);
    expect(ticks.length).toBeLessThanOrEqual(10);
    expect(ticks.map((t) => t.label).slice(0, 3)).toEqual([dayLabel(FROM), '03:00', '06:00']);
    expect(ticks[0]?.major).toBe(true);
  });

  it('are days over a month', () => {
    const ticks = ticksFor(FROM - 30 * 24 * H, FROM, 900, 80);
    expect(ticks.every((t) => t.major)).toBe(true);
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.length).toBeLessThanOrEqual(11);
  });

  it('an hour reads in minutes', () => {
    const ticks = ticksFor(FROM + 10 * H, FROM + 11 * H, 600, 80);
    expect(ticks.map((t) => t.label)).toContain('10:30');
  });
});

describe('placing marks', () => {
  const to = FROM + 24 * H;

  it('a deploy is a span from start to end; an alert is a moment', () => {
    const [deploy, alert] = place(
      [entry({}), entry({ kind: 'alert', at: local(6, 12), endAt: null })],
      FROM,
      to,
      2400,
      to,
    );
    expect(deploy?.x).toBeCloseTo(1403.3, 0);
    expect(deploy?.width).toBeGreaterThanOrEqual(6);
    expect(alert).toMatchObject({ x: 1200, width: null });
  });

  it('an incident still open runs to now and says it is open', () => {
    const now = FROM + 20 * H;
    const [open] = place([entry({ kind: 'incident', at: local(6, 18), endAt: null })], FROM, to, 2400, now);
    expect(open).toMatchObject({ x: 1800, width: 200, open: true });
  });

  it('leaves out what is outside the range', () => {
    expect(place([entry({ kind: 'alert', at: local(5, 12) })], FROM, to, 100, to)).toEqual([]);
  });
});

describe('names and links', () => {
  const now = Date.parse(local(6, 15));

  it('names a mark in words: what, when, how it went', () => {
    expect(markName(entry({}), now)).toBe('Deploy v1.5.0 to checkout in production, 14:02, succeeded');
    expect(markName(entry({ tone: 'bad', practice: true }), now)).toBe(
      'Deploy v1.5.0 to checkout in production, 14:02, failed, practice',
    );
    expect(
      markName(entry({ kind: 'incident', title: 'checkout down in production', endAt: null, tone: 'bad' }), now),
    ).toBe('checkout down in production, 14:02, still open');
    expect(markName(entry({ kind: 'incident', title: 'checkout down', endAt: local(6, 14, 14) }), now)).toBe(
      'checkout down, 14:02, resolved after 12 min',
    );
  });

  it('leads to the screen that shows the entry, opened on it', () => {
    expect(hrefForEntry(entry({ kind: 'incident', link: { route: 'incidents', id: 'inc 1' } }))).toBe(
      '#/incidents/inc%201',
    );
    expect(hrefForEntry(entry({ kind: 'drill', link: { route: 'drills', id: 'd1' } }))).toBe('#/drills/rollback/d1');
    expect(hrefForEntry(entry({ kind: 'backup', link: { route: 'drills', id: 'r1' } }))).toBe('#/drills/r1');
    expect(hrefForEntry(entry({ kind: 'health', link: { route: 'health', id: 'checkout-ready' } }))).toBe(
      '#/health?check=checkout-ready',
    );
    expect(hrefForEntry(entry({ link: { route: 'deploys', id: 'run-1' } }))).toBe('#/deploys');
    expect(hrefForEntry(entry({ link: null }))).toBeNull();
  });

  it('groups the list by day, newest first', () => {
    const groups = groupByDay(
      [
        entry({ id: 'a', at: local(5, 9) }),
        entry({ id: 'b', at: local(6, 9) }),
        entry({ id: 'c', at: local(6, 13) }),
        entry({ id: 'd', at: local(3, 13) }),
      ],
      now,
    );
    expect(groups.map((g) => [g.label, g.entries.map((e) => e.id)])).toEqual([
      ['Today', ['c', 'b']],
      ['Yesterday', ['a']],
      [dayLabel(Date.parse(local(3, 13))), ['d']],
    ]);
  });
});

describe('words said once', () => {
  it('leaves the outcome out of the name when the title already says it', () => {
    const now = Date.parse(local(6, 15));
    expect(markName(entry({ title: 'Deploy v1.5.0 to checkout in staging — succeeded' }), now)).toBe(
      'Deploy v1.5.0 to checkout in staging — succeeded, 14:02',
    );
    expect(markName(entry({ title: 'Deploy v1.5.0 to checkout in staging — running', endAt: null }), now)).toBe(
      'Deploy v1.5.0 to checkout in staging — running, 14:02',
    );
  });
});

describe('marks at the same moment', () => {
  it('draws the failure last, on top of the success', () => {
    const at = local(6, 12);
    const placed = place(
      [
        entry({ id: 'bad', kind: 'backup', at, endAt: null, tone: 'bad' }),
        entry({ id: 'ok', kind: 'backup', at, endAt: null, tone: 'ok' }),
      ],
      FROM,
      FROM + 24 * H,
      1000,
      FROM + 24 * H,
    );
    expect(placed.map((p) => p.entry.id)).toEqual(['ok', 'bad']);
  });
});
