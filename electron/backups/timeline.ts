/**
 * Backups' part of the one timeline: verifications as the journal keeps them (each one asked for, and a scheduled
 * one when its result changed — hourly passes that change nothing are left to the backup's own history), and
 * restore drills from start to end with their result. Backups belong to a service, not an environment; a restore
 * drill names the environment of its drill host when it has one.
 */
import { type TimelineEntry } from '../../shared/model/timeline';
import { type Workspace } from '../../shared/workspace';
import { type TimelineSource } from '../features/types';
import { type Database } from '../journal/sqlite';
import { type RangedAction, journalActionsInRange, text } from '../journal/actions-in-range';
import { declaredBackups } from './declared';

const LOOKBACK_MS = 86_400_000;

const verifyTones: Record<string, TimelineEntry['tone']> = {
  ok: 'ok',
  warning: 'warn',
  failed: 'bad',
  error: 'bad',
  skipped: 'info',
};
const verifyWords: Record<string, string> = {
  ok: 'verified',
  warning: 'verified with a warning',
  failed: 'failed verification',
  error: 'could not be verified',
  skipped: 'verification skipped',
};

export function verificationEntry(action: RangedAction): TimelineEntry {
  const status = text(action.result, 'status') ?? (action.status === 'running' ? null : 'error');
  const key = action.target ?? `${text(action.intent, 'service')}/${text(action.intent, 'backup')}`;
  return {
    id: `backup:${action.id}`,
    kind: 'backup',
    at: action.startedAt,
    endAt: action.endedAt,
    service: text(action.intent, 'service'),
    environment: null,
    title: `Backup ${key} ${status ? (verifyWords[status] ?? status) : 'being verified'}`,
    detail: action.summary,
    tone: status ? (verifyTones[status] ?? 'info') : 'info',
    practice: false,
    link: { route: 'backups', id: key },
  };
}

interface DrillRow {
  run_id: string;
  service: string;
  backup: string;
  started_at: string;
  status: string;
  ended_at: string | null;
  environment: string | null;
  summary: string | null;
}

const drillTones: Record<string, TimelineEntry['tone']> = {
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'info',
  running: 'info',
};
const drillWords: Record<string, string> = {
  succeeded: 'restored',
  failed: 'failed',
  cancelled: 'cancelled',
  running: 'running',
};

export function restoreDrillEntry(row: DrillRow): TimelineEntry {
  const key = `${row.service}/${row.backup}`;
  return {
    id: `restore-drill:${row.run_id}`,
    kind: 'backup',
    at: row.started_at,
    endAt: row.ended_at,
    service: row.service,
    environment: row.environment,
    title: `Restore drill of ${key}: ${drillWords[row.status] ?? row.status}`,
    detail: row.summary,
    tone: drillTones[row.status] ?? 'info',
    practice: false,
    link: { route: 'backups', id: key },
  };
}

export function backupsTimeline(options: {
  db: Database;
  workspace: () => Workspace | null | undefined;
}): TimelineSource {
  const { db } = options;
  return function backups(range) {
    const declared = new Set(declaredBackups(options.workspace()).map((d) => d.key));
    const verifications = journalActionsInRange(db, { kinds: ['backups.verify'], from: range.from, to: range.to })
      .filter((a) => a.target !== null && declared.has(a.target))
      .map(verificationEntry);
    const fromIso = new Date(range.from).toISOString();
    // Few rows (a drill a week at most), so no index on the time alone is needed.
    const drills = db
      .prepare<DrillRow>(
        `SELECT run_id, service, backup, started_at, status,
                json_extract(drill_json, '$.endedAt') AS ended_at,
                json_extract(drill_json, '$.environment') AS environment,
                json_extract(drill_json, '$.summary') AS summary
         FROM backup_drill_runs WHERE started_at >= ? AND started_at < ?`,
      )
      .all(new Date(range.from - LOOKBACK_MS).toISOString(), new Date(range.to).toISOString())
      .filter((row) => declared.has(`${row.service}/${row.backup}`))
      .filter((row) => row.started_at >= fromIso || row.ended_at === null || row.ended_at >= fromIso)
      .map(restoreDrillEntry);
    return [...verifications, ...drills];
  };
}
