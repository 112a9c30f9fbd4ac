/**
 * The three figures of an incident and their means. Time to detect: first failing sample → alert. Time to
 * acknowledge: alert (else the opening, when no alert was sent) → "I'm on it". Time to recover: first failing
 * sample → healthy again. Means count only incidents that have the figure; practice incidents are kept apart by
 * the caller, never mixed in.
 */
import { type IncidentFigures, type IncidentStats } from '../../shared/model/incidents';
import { type StoredIncident } from './store';

const DAY_MS = 86_400_000;

function between(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

export function figuresOf(incident: StoredIncident): IncidentFigures {
  return {
    detectMs: between(incident.startedAt, incident.alertedAt),
    acknowledgeMs: between(incident.alertedAt ?? incident.openedAt, incident.acknowledgedAt),
    recoverMs: between(incident.startedAt, incident.resolvedAt),
  };
}

function mean(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.round(known.reduce((a, b) => a + b, 0) / known.length);
}

/** Means over the incidents opened in the last `windowDays` (the caller chooses real or practice ones). */
export function statsOf(incidents: readonly StoredIncident[], windowDays: number, now: Date): IncidentStats {
  const since = now.getTime() - windowDays * DAY_MS;
  const inWindow = incidents.filter((i) => Date.parse(i.openedAt) >= since);
  const figures = inWindow.map(figuresOf);
  return {
    windowDays,
    incidents: inWindow.length,
    mttdMs: mean(figures.map((f) => f.detectMs)),
    mttaMs: mean(figures.map((f) => f.acknowledgeMs)),
    mttrMs: mean(figures.map((f) => f.recoverMs)),
  };
}

/** "35 s", "4 min 5 s", "1 h 12 min": precise enough to compare two incidents. */
export function figureText(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
