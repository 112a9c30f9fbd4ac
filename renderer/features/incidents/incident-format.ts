/**
 * How incidents read on screen: the running clock ("open 4 min 05 s"), the order of the list, the practice split,
 * overdue action items, deep links and what a timeline entry links to. Pure (no DOM), so unit-tested.
 */
import { type ActionItem, type IncidentEvent, type IncidentSummary } from '../../../shared/model/incidents';
import { formatElapsed } from '../../lib/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A clock that ticks every second without jitter: "42 s", "4 min 05 s", "2 h 04 min 09 s", "3 d 4 h".
 * Whole seconds only, since tenths would flicker on a clock that updates once a second.
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86_400);
  const two = (n: number) => String(n).padStart(2, '0');
  if (ms < MINUTE) return `${total} s`;
  if (ms < HOUR) return `${m} min ${two(s)} s`;
  if (ms < DAY) return `${h} h ${two(m)} min ${two(s)} s`;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

/** How long the incident has lasted: while open, up to now (the clock runs); once resolved, up to recovery. */
export function incidentDurationMs(
  incident: Pick<IncidentSummary, 'startedAt' | 'resolvedAt'>,
  now: number,
): number | null {
  const start = Date.parse(incident.startedAt);
  if (Number.isNaN(start)) return null;
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
  return Number.isNaN(end) ? null : Math.max(0, end - start);
}

/** "open 4 min 05 s" while open; "lasted 12 min 30 s" once resolved. */
export function clockText(incident: Pick<IncidentSummary, 'startedAt' | 'resolvedAt' | 'status'>, now: number): string {
  const ms = incidentDurationMs(incident, now);
  if (ms === null) return incident.status === 'open' ? 'open' : 'resolved';
  return incident.status === 'open' ? `open ${formatClock(ms)}` : `lasted ${formatClock(ms)}`;
}

/** A figure for a cell: "1 min 30 s", or a dash with what it waits for. */
export function figureText(ms: number | null, waitingFor: string): string {
  return ms === null ? waitingFor : formatElapsed(ms);
}

/** Open incidents first (the oldest open one on top: it has waited longest), then resolved ones, newest first. */
export function sortIncidents<T extends Pick<IncidentSummary, 'status' | 'startedAt'>>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    return a.status === 'open' ? a.startedAt.localeCompare(b.startedAt) : b.startedAt.localeCompare(a.startedAt);
  });
}

/** Real incidents and drill incidents, each in list order: practice is shown apart and never mixed in. */
export function splitPractice<T extends Pick<IncidentSummary, 'drillId' | 'status' | 'startedAt'>>(
  list: readonly T[],
): { real: T[]; practice: T[] } {
  const sorted = sortIncidents(list);
  return { real: sorted.filter((i) => i.drillId === null), practice: sorted.filter((i) => i.drillId !== null) };
}

/** The incident the Overview card shows: a real open one before a practice one, the oldest first. */
export function openIncidentToShow<T extends Pick<IncidentSummary, 'drillId' | 'status' | 'startedAt'>>(
  list: readonly T[],
): { shown: T; others: number } | null {
  const open = list.filter((i) => i.status === 'open');
  const { real, practice } = splitPractice(open);
  const shown = real[0] ?? practice[0];
  return shown ? { shown, others: open.length - 1 } : null;
}

/** Today as YYYY-MM-DD in the user's own time zone (due dates are calendar days, not instants). */
export function localDay(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** An action item not done whose due day has passed. */
export function isOverdue(item: Pick<ActionItem, 'due' | 'done'>, now: number): boolean {
  return !item.done && item.due !== null && item.due < localDay(now);
}

/** "due 12 Mar 2027", "overdue since 2 Mar 2027", "no due date". */
export function dueText(item: Pick<ActionItem, 'due' | 'done'>, now: number): string {
  if (!item.due) return 'no due date';
  const [y, m, d] = item.due.split('-').map(Number);
  const day =
    y && m && d
      ? new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
      : item.due;
  return isOverdue(item, now) ? `overdue since ${day}` : `due ${day}`;
}

export function incidentHref(id: string): string {
  return `#/incidents/${encodeURIComponent(id)}`;
}

/** The id in `#/incidents/<id>`, or null (the screen then shows the list). */
export function incidentIdFromHash(hash: string): string | null {
  const match = /^#\/?incidents\/([^/?#]+)\/?(?:\?.*)?$/i.exec(hash.trim());
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Where a timeline entry leads: a rollback drill's page, or the journal entry of a run or action. */
export type EventLink = { kind: 'href'; href: string; label: string } | { kind: 'activity'; id: string; label: string };

export function eventLink(event: Pick<IncidentEvent, 'ref'>): EventLink | null {
  const ref = event.ref;
  if (!ref) return null;
  if (ref.kind === 'drill')
    return { kind: 'href', href: `#/drills/rollback/${encodeURIComponent(ref.id)}`, label: 'Open the drill' };
  // A deploy run's id is its journal action's id: both open in Activity.
  if (ref.kind === 'run' || ref.kind === 'action') return { kind: 'activity', id: ref.id, label: 'Open in Activity' };
  return null;
}

/** A one-glyph mark per timeline kind; the kind is always also said in words next to it. */
export const eventIcons: Record<IncidentEvent['kind'], string> = {
  failing: '✕',
  down: '▼',
  alert: '!',
  acknowledged: '✓',
  action: '↺',
  change: '±',
  recovered: '▲',
  note: '•',
};

export const eventKindLabels: Record<IncidentEvent['kind'], string> = {
  failing: 'First failure',
  down: 'Down',
  alert: 'Alert',
  acknowledged: 'Acknowledged',
  action: 'Action',
  change: 'Change',
  recovered: 'Recovered',
  note: 'Note',
};

/** Time of day for a timeline row: "14:03:27"; the date is in the tooltip. */
export function timeOfDay(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
