/**
 * The Timeline screen's view and its address: a link reproduces the view, a stale or hand-edited address still
 * opens the screen, zoom and moving in time behave as the keys promise, and an incident's window starts an hour
 * before it.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultView,
  formatTimelineHash,
  incidentWindow,
  panBy,
  parseTimelineHash,
  queryFor,
  rangeTitle,
  toggleKind,
  zoomBy,
} from './timeline-view';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');

describe('the timeline address', () => {
  it('reads the filters a shared link carries', () => {
    expect(parseTimelineHash('#/timeline?service=checkout&env=production&kinds=deploy,alert&since=7d')).toEqual({
      zoom: '7d',
      until: null,
      service: 'checkout',
      environment: 'production',
      kinds: ['deploy', 'alert'],
    });
  });

  it('round-trips every view, leaving the defaults out', () => {
    expect(formatTimelineHash(defaultView)).toBe('#/timeline');
    const view = {
      zoom: '1h' as const,
      until: '2026-12-05T10:00:00.000Z',
      service: 'auth',
      environment: 'staging',
      kinds: ['incident' as const],
    };
    const hash = formatTimelineHash(view);
    expect(hash).toBe('#/timeline?service=auth&env=staging&kinds=incident&since=1h&until=2026-12-05T10:00:00.000Z');
    expect(parseTimelineHash(hash)).toEqual(view);
  });

  it('ignores what it cannot read instead of refusing the screen', () => {
    expect(parseTimelineHash('#/timeline?since=3y&until=soon&service=%3Cscript%3E&kinds=nope')).toEqual(defaultView);
    expect(parseTimelineHash('#/health?service=checkout')).toEqual(defaultView);
  });
});

describe('zoom and moving in time', () => {
  it('+ shows less time, - more, and both stop at the ends', () => {
    expect(zoomBy(defaultView, 1).zoom).toBe('6h');
    expect(zoomBy(defaultView, -1).zoom).toBe('7d');
    expect(zoomBy({ ...defaultView, zoom: '1h' }, 1).zoom).toBe('1h');
    expect(zoomBy({ ...defaultView, zoom: '30d' }, -1).zoom).toBe('30d');
  });

  it('[ moves back by half the range and ] forward, following now again once it reaches it', () => {
    const back = panBy(defaultView, -1, NOW);
    expect(back.until).toBe('2026-12-06T00:00:00.000Z');
    expect(rangeTitle(back)).toMatch(/^24 hours to /);
    expect(panBy(back, 1, NOW).until).toBeNull();
    // A minute later, forward still comes back to now rather than stopping a minute short.
    expect(panBy(back, 1, NOW + 60_000).until).toBeNull();
    expect(panBy(panBy(back, -1, NOW), 1, NOW).until).toBe(back.until);
    expect(rangeTitle(panBy(back, 1, NOW))).toBe('Last 24 hours');
  });

  it('asks for an explicit range once moved back, and a duration while following now', () => {
    expect(queryFor({ ...defaultView, service: 'checkout' }, NOW)).toEqual({ since: '24h', service: 'checkout' });
    expect(queryFor({ ...defaultView, zoom: '6h', until: '2026-12-06T06:00:00.000Z' }, NOW)).toEqual({
      since: '2026-12-06T00:00:00.000Z',
      until: '2026-12-06T06:00:00.000Z',
    });
  });

  it('a kind chip filters to it; turning the last one off shows every kind again', () => {
    const deploys = toggleKind(defaultView, 'deploy');
    expect(deploys.kinds).toEqual(['deploy']);
    expect(toggleKind(deploys, 'alert').kinds).toEqual(['deploy', 'alert']);
    expect(toggleKind(deploys, 'deploy').kinds).toBeNull();
  });
});

describe("an incident's window", () => {
  it('runs from an hour before it started to now while open', () => {
    const w = incidentWindow(
      { service: 'checkout', environment: 'staging', startedAt: '2026-12-06T11:50:00.000Z', resolvedAt: null },
      NOW,
    );
    expect(w.query).toEqual({ since: '2026-12-06T10:50:00.000Z', service: 'checkout', environment: 'staging' });
    expect(w.href).toBe('#/timeline?service=checkout&env=staging&since=6h');
  });

  it('ends a little after it was resolved, and the link opens the same stretch', () => {
    const w = incidentWindow(
      {
        service: 'checkout',
        environment: 'staging',
        startedAt: '2026-12-05T08:00:00.000Z',
        resolvedAt: '2026-12-05T08:20:00.000Z',
      },
      NOW,
    );
    expect(w.query).toEqual({
      since: '2026-12-05T07:00:00.000Z',
      until: '2026-12-05T08:25:00.000Z',
      service: 'checkout',
      environment: 'staging',
    });
    expect(parseTimelineHash(w.href)).toMatchObject({ zoom: '6h', until: '2026-12-05T08:25:00.000Z' });
  });
});
