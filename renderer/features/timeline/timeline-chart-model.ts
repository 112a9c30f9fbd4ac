/**
 * The timeline chart's geometry and words, apart from React: lanes, time ticks, where each mark sits, its
 * accessible name, kind counts, the list grouped by day, and where a click leads. Pure and unit-tested.
 */
import {
  type TimelineEntry,
  type TimelineKind,
  timelineKindTitles,
  timelineKinds,
} from '../../../shared/model/timeline';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Kinds that last a while: drawn as a span from start to end (to the range's end while still going). */
export const spanKinds: ReadonlySet<TimelineKind> = new Set(['deploy', 'rollback', 'incident', 'drill', 'runbook']);

export interface Lane {
  key: string;
  label: string;
  entries: TimelineEntry[];
}

/**
 * One lane per kind present, in the contract's order; when the view shows a single kind, one lane per service
 * instead (entries about the whole workspace, like a budget, in a "workspace" lane).
 */
export function lanesFor(entries: TimelineEntry[], kinds: TimelineKind[] | null): Lane[] {
  if (kinds?.length === 1) {
    const byService = new Map<string, TimelineEntry[]>();
    for (const entry of entries) {
      const key = entry.service ?? '';
      byService.set(key, [...(byService.get(key) ?? []), entry]);
    }
    return [...byService.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([key, list]) => ({ key: `service:${key}`, label: key || 'workspace', entries: list }));
  }
  return timelineKinds
    .map((kind) => ({ key: kind, label: timelineKindTitles[kind], entries: entries.filter((e) => e.kind === kind) }))
    .filter((lane) => lane.entries.length > 0);
}

export function kindCounts(entries: TimelineEntry[]): Record<TimelineKind, number> {
  const counts = Object.fromEntries(timelineKinds.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const entry of entries) counts[entry.kind] += 1;
  return counts;
}

export interface Tick {
  t: number;
  label: string;
  /** A day boundary: drawn a little stronger, labelled with the date. */
  major: boolean;
}

const steps = [
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function dayLabel(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/**
 * Ticks on round local times (every 15 min, 3 h, day…), at most one per `minGapPx` of width, so labels never
 * collide. Midnights read as dates.
 */
export function ticksFor(from: number, to: number, widthPx: number, minGapPx = 80): Tick[] {
  const span = to - from;
  if (!(span > 0) || widthPx <= 0) return [];
  const wanted = Math.max(1, Math.floor(widthPx / minGapPx));
  const step = steps.find((s) => span / s <= wanted) ?? 7 * DAY;
  const ticks: Tick[] = [];
  if (step < DAY) {
    let t = startOfLocalDay(from);
    while (t < from) t += step;
    for (; t <= to; t += step) {
      const major = t === startOfLocalDay(t);
      ticks.push({ t, label: major ? dayLabel(t) : timeOfDay(t), major });
    }
    return ticks;
  }
  const days = Math.round(step / DAY);
  const d = new Date(startOfLocalDay(from));
  if (d.getTime() < from) d.setDate(d.getDate() + 1);
  for (; d.getTime() <= to; d.setDate(d.getDate() + days))
    ticks.push({ t: d.getTime(), label: dayLabel(d.getTime()), major: true });
  return ticks;
}

export interface Placed {
  entry: TimelineEntry;
  /** Left edge (a span) or centre (a moment), in px from the plot's left. */
  x: number;
  /** Width of a span in px; null for a moment. */
  width: number | null;
  /** A span whose end is past the range (still going, or ended after it). */
  open: boolean;
}

const MIN_SPAN_PX = 6;

/** Where each entry sits along a plot `width` px wide for the range [from, to]; entries outside are left out. */
export function place(entries: TimelineEntry[], from: number, to: number, width: number, now: number): Placed[] {
  const span = to - from;
  if (!(span > 0)) return [];
  const x = (t: number) => ((Math.min(Math.max(t, from), to) - from) / span) * width;
  const placed: Placed[] = [];
  for (const entry of entries) {
    const start = Date.parse(entry.at);
    if (Number.isNaN(start)) continue;
    if (spanKinds.has(entry.kind)) {
      const end = entry.endAt ? Date.parse(entry.endAt) : Math.min(now, to);
      if (end < from || start > to) continue;
      const left = x(start);
      placed.push({ entry, x: left, width: Math.max(x(end) - left, MIN_SPAN_PX), open: !entry.endAt || end > to });
    } else {
      if (start < from || start > to) continue;
      placed.push({ entry, x: x(start), width: null, open: false });
    }
  }
  // Marks at the same moment overlap: the worst is drawn last, so a failure is never hidden under a success.
  return placed.sort((a, b) => severity[a.entry.tone] - severity[b.entry.tone]);
}

const severity: Record<TimelineEntry['tone'], number> = { info: 0, ok: 1, warn: 2, bad: 3 };

const outcomes: Record<TimelineEntry['tone'], string> = {
  ok: 'succeeded',
  warn: 'finished with a warning',
  bad: 'failed',
  info: '',
};

/** What the entry came to, in words (colour is never the only cue), unless its title already says so. */
export function outcomeOf(entry: TimelineEntry): string {
  const words = outcomeWords(entry);
  const said = words === 'still running' ? /\brunning\b/i : new RegExp(`\\b${words}\\b`, 'i');
  return words && said.test(entry.title) ? '' : words;
}

function outcomeWords(entry: TimelineEntry): string {
  if (entry.kind === 'incident') {
    if (!entry.endAt) return 'still open';
    return `resolved after ${durationWords(Date.parse(entry.endAt) - Date.parse(entry.at))}`;
  }
  if (spanKinds.has(entry.kind)) return entry.endAt ? outcomes[entry.tone] : 'still running';
  return '';
}

function durationWords(ms: number): string {
  if (!(ms >= 0)) return 'a while';
  if (ms < MINUTE) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / MINUTE)} min`;
  return `${Math.round(ms / DAY)} days`;
}

/** "Deploy v1.5.0 to checkout in production, 14:02, succeeded" (a practice run says so). */
export function markName(entry: TimelineEntry, now: number = Date.now()): string {
  const at = Date.parse(entry.at);
  const when = now - at > DAY ? `${dayLabel(at)} ${timeOfDay(at)}` : timeOfDay(at);
  return [entry.title, when, outcomeOf(entry), entry.practice ? 'practice' : ''].filter(Boolean).join(', ');
}

export interface DayGroup {
  day: string;
  label: string;
  entries: TimelineEntry[];
}

/** The list under the chart: newest first, one group per local day ("Today", "Yesterday", "3 Dec"). */
export function groupByDay(entries: TimelineEntry[], now: number): DayGroup[] {
  const today = startOfLocalDay(now);
  const groups = new Map<number, TimelineEntry[]>();
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  for (const entry of newestFirst) {
    const day = startOfLocalDay(Date.parse(entry.at));
    groups.set(day, [...(groups.get(day) ?? []), entry]);
  }
  return [...groups.entries()].map(([day, list]) => {
    const yesterday = startOfLocalDay(today - HOUR);
    const label = day === today ? 'Today' : day === yesterday ? 'Yesterday' : dayLabel(day);
    return { day: new Date(day).toISOString(), label, entries: list };
  });
}

/** Where clicking an entry leads: the screen that shows it, opened on it when that screen takes an id. */
export function hrefForEntry(entry: TimelineEntry): string | null {
  const link = entry.link;
  if (!link) return null;
  const id = link.id ? encodeURIComponent(link.id) : null;
  switch (link.route) {
    case 'incidents':
      return id ? `#/incidents/${id}` : '#/incidents';
    case 'drills':
      if (!id) return '#/drills';
      // A rollback drill and a restore drill (a backup's evidence) both live on the Drills screen.
      return entry.kind === 'drill' ? `#/drills/rollback/${id}` : `#/drills/${id}`;
    case 'health':
      return id ? `#/health?check=${id}` : '#/health';
    case 'runbooks':
      return id ? `#/runbooks?id=${id}` : '#/runbooks';
    default:
      return `#/${link.route}`;
  }
}
