/**
 * Rollback drills' part of the one timeline: each drill from start to end with its result. The drill's own
 * deploys, alerts and incident come from their features, marked practice there.
 */
import { type TimelineEntry } from '../../shared/model/timeline';
import { type TimelineSource } from '../features/types';
import { type Database } from '../journal/sqlite';

/** A drill lasts minutes; one begun a day before the range and still going is shown too. */
const LOOKBACK_MS = 86_400_000;

interface Row {
  id: string;
  service: string;
  environment: string;
  started_at: string;
  status: string;
  ended_at: string | null;
  summary: string | null;
  actor: string | null;
}

const tones: Record<string, TimelineEntry['tone']> = {
  passed: 'ok',
  'missed-target': 'warn',
  failed: 'bad',
  cancelled: 'info',
  running: 'info',
};
const words: Record<string, string> = {
  passed: 'passed',
  'missed-target': 'recovered, a target missed',
  failed: 'failed',
  cancelled: 'cancelled',
  running: 'running',
};

export function drillEntry(row: Row): TimelineEntry {
  return {
    id: `drill:${row.id}`,
    kind: 'drill',
    at: row.started_at,
    endAt: row.ended_at,
    service: row.service,
    environment: row.environment,
    title: `Rollback drill of ${row.service} in ${row.environment}: ${words[row.status] ?? row.status}`,
    detail: [row.summary, row.actor ? `by ${row.actor}` : null].filter(Boolean).join(' · ') || null,
    tone: tones[row.status] ?? 'info',
    practice: true,
    link: { route: 'drills', id: row.id },
  };
}

export function drillsTimeline(db: Database): TimelineSource {
  return function drills(range) {
    const fromIso = new Date(range.from).toISOString();
    // Few rows (a drill a month or so): the drill's JSON is read only for the fields shown.
    return db
      .prepare<Row>(
        `SELECT id, service, environment, started_at, status,
                json_extract(drill_json, '$.endedAt') AS ended_at,
                json_extract(drill_json, '$.summary') AS summary,
                json_extract(drill_json, '$.actor') AS actor
         FROM rollback_drills WHERE started_at >= ? AND started_at < ? ORDER BY started_at`,
      )
      .all(new Date(range.from - LOOKBACK_MS).toISOString(), new Date(range.to).toISOString())
      .filter((row) => row.started_at >= fromIso || row.ended_at === null || row.ended_at >= fromIso)
      .filter((row) => range.service === undefined || row.service === range.service)
      .map(drillEntry);
  };
}
