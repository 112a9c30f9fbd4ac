/**
 * Incidents' part of the one timeline: each incident from its start to its resolution (an open one has no end
 * yet), practice ones (a rollback drill's) marked. The incident's own timeline of events is timeline.ts.
 */
import { type TimelineEntry } from '../../shared/model/timeline';
import { type TimelineSource } from '../features/types';
import { type Database } from '../journal/sqlite';
import { type StoredIncident } from './store';

/** The index is on opened_at; an incident resolved inside the range but opened long before is still looked for. */
const LOOKBACK_MS = 30 * 86_400_000;

export function incidentEntry(incident: StoredIncident): TimelineEntry {
  const open = incident.status === 'open';
  const practice = incident.drillId !== null;
  const acknowledged = incident.acknowledgedBy ? `acknowledged by ${incident.acknowledgedBy}` : 'not acknowledged';
  return {
    id: `incident:${incident.id}`,
    kind: 'incident',
    at: incident.startedAt,
    endAt: incident.resolvedAt,
    service: incident.service,
    environment: incident.environment,
    title: `${practice ? 'Practice incident' : 'Incident'}: ${incident.title}${open ? ' (open)' : ' — resolved'}`,
    detail: [incident.cause, acknowledged].filter(Boolean).join(' · '),
    tone: open ? 'bad' : 'ok',
    practice,
    link: { route: 'incidents', id: incident.id },
  };
}

export function incidentsTimeline(db: Database): TimelineSource {
  const statement = db.prepare<{ doc: string }>(
    `SELECT doc FROM incidents
     WHERE opened_at >= ? AND opened_at < ?
        OR (status = 'open' AND opened_at < ?)`,
  );
  return function incidents(range) {
    const lookFrom = new Date(range.from - LOOKBACK_MS).toISOString();
    const to = new Date(range.to).toISOString();
    const fromIso = new Date(range.from).toISOString();
    return statement
      .all(lookFrom, to, to)
      .map((row) => JSON.parse(row.doc) as StoredIncident)
      .filter((i) => i.status === 'open' || i.resolvedAt === null || i.resolvedAt >= fromIso || i.startedAt >= fromIso)
      .filter((i) => range.service === undefined || i.service === range.service)
      .map(incidentEntry);
  };
}
