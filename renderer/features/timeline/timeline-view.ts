/**
 * What the Timeline screen shows — zoom, where the range ends, the service, environment and kinds — and its
 * address: `#/timeline?service=checkout&env=production&kinds=deploy,alert&since=7d&until=2026-12-05T10:00:00.000Z`,
 * so a link reproduces the view. Anything unreadable in the address is ignored (a stale bookmark still opens the
 * screen). Pure and unit-tested.
 */
import { type TimelineQuery, type TimelineKind, timelineKinds } from '../../../shared/model/timeline';

export const zoomLevels = ['1h', '6h', '24h', '7d', '30d'] as const;
export type Zoom = (typeof zoomLevels)[number];

const HOUR = 3_600_000;
export const zoomMs: Record<Zoom, number> = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

export const zoomLabels: Record<Zoom, string> = { '1h': '1 h', '6h': '6 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };
const zoomWords: Record<Zoom, string> = {
  '1h': 'hour',
  '6h': '6 hours',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
};

export interface TimelineView {
  zoom: Zoom;
  /** The end of the range as an ISO time; null follows now. */
  until: string | null;
  service: string | null;
  environment: string | null;
  /** The kinds shown; null shows every kind. */
  kinds: TimelineKind[] | null;
}

export const defaultView: TimelineView = { zoom: '24h', until: null, service: null, environment: null, kinds: null };

function isZoom(value: string | null): value is Zoom {
  return value !== null && (zoomLevels as readonly string[]).includes(value);
}

function isKind(value: string): value is TimelineKind {
  return (timelineKinds as readonly string[]).includes(value);
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function parseTimelineHash(hash: string): TimelineView {
  const match = /^#\/?timeline\/?(?:\?(.*))?$/i.exec(hash.trim());
  if (!match) return defaultView;
  const params = new URLSearchParams(match[1] ?? '');
  const since = params.get('since');
  const until = params.get('until');
  const service = params.get('service');
  const environment = params.get('env');
  const kinds = (params.get('kinds') ?? '').split(',').filter(isKind);
  return {
    zoom: isZoom(since) ? since : defaultView.zoom,
    until: until && !Number.isNaN(Date.parse(until)) ? new Date(Date.parse(until)).toISOString() : null,
    service: service && NAME.test(service) ? service : null,
    environment: environment && NAME.test(environment) ? environment : null,
    kinds: kinds.length > 0 ? [...new Set(kinds)] : null,
  };
}

/** The address of a view: the reverse of parseTimelineHash, defaults left out. */
export function formatTimelineHash(view: TimelineView): string {
  const params = new URLSearchParams();
  if (view.service) params.set('service', view.service);
  if (view.environment) params.set('env', view.environment);
  if (view.kinds) params.set('kinds', view.kinds.join(','));
  if (view.zoom !== defaultView.zoom || view.until) params.set('since', view.zoom);
  if (view.until) params.set('until', view.until);
  const query = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return `#/timeline${query ? `?${query}` : ''}`;
}

/** `+` shows less time (closer), `-` more; the end of the range stays where it is. */
export function zoomBy(view: TimelineView, step: 1 | -1): TimelineView {
  const index = zoomLevels.indexOf(view.zoom) - step;
  const zoom = zoomLevels[Math.min(Math.max(index, 0), zoomLevels.length - 1)] ?? view.zoom;
  return { ...view, zoom };
}

/**
 * `[` and `]` move by half the range; moving forward to now (or nearly: time passed since moving back) follows
 * now again.
 */
export function panBy(view: TimelineView, direction: 1 | -1, now: number): TimelineView {
  const end = view.until ? Date.parse(view.until) : now;
  const next = end + (direction * zoomMs[view.zoom]) / 2;
  return { ...view, until: next >= now - zoomMs[view.zoom] / 20 ? null : new Date(next).toISOString() };
}

/** What timeline.list is asked. Kinds are filtered on the screen, so every kind's chip can show its count. */
export function queryFor(view: TimelineView, now: number): TimelineQuery {
  const query: TimelineQuery = { since: view.zoom };
  if (view.until) {
    const end = Math.min(Date.parse(view.until), now);
    query.since = new Date(end - zoomMs[view.zoom]).toISOString();
    query.until = new Date(end).toISOString();
  }
  if (view.service) query.service = view.service;
  if (view.environment) query.environment = view.environment;
  return query;
}

/** "Last 24 hours", or "7 days to 5 Dec, 14:00" once moved back in time. */
export function rangeTitle(view: TimelineView): string {
  if (!view.until) return `Last ${zoomWords[view.zoom]}`;
  const end = new Date(view.until).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${zoomWords[view.zoom] === 'hour' ? '1 hour' : zoomWords[view.zoom]} to ${end}`;
}

/** Chips toggle one kind: the last kind turned off shows every kind again (never an empty chart by accident). */
export function toggleKind(view: TimelineView, kind: TimelineKind): TimelineView {
  const shown = view.kinds ?? [];
  const next = shown.includes(kind) ? shown.filter((k) => k !== kind) : [...shown, kind];
  const ordered = timelineKinds.filter((k) => next.includes(k));
  return { ...view, kinds: ordered.length > 0 && ordered.length < timelineKinds.length ? ordered : null };
}

const LEAD_MS = HOUR;

/**
 * An incident's part of the timeline: its service × environment from an hour before it started to a little after
 * it ended (or now while open), and the Timeline screen's address for the same view.
 */
export function incidentWindow(
  incident: { service: string; environment: string; startedAt: string; resolvedAt: string | null },
  now: number,
): { query: TimelineQuery; href: string } {
  const start = Date.parse(incident.startedAt);
  const from = start - LEAD_MS;
  const resolved = incident.resolvedAt ? Date.parse(incident.resolvedAt) : null;
  const to = resolved === null ? now : Math.min(resolved + Math.max(5 * 60_000, (resolved - start) / 10), now);
  const query: TimelineQuery = {
    since: new Date(from).toISOString(),
    service: incident.service,
    environment: incident.environment,
  };
  if (resolved !== null) query.until = new Date(to).toISOString();
  const zoom = zoomLevels.find((z) => zoomMs[z] >= to - from) ?? '30d';
  const href = formatTimelineHash({
    zoom,
    until: resolved === null ? null : new Date(to).toISOString(),
    service: incident.service,
    environment: incident.environment,
    kinds: null,
  });
  return { query, href };
}
