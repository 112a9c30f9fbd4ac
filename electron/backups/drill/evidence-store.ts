/**
 * Restore drills' evidence, kept forever beside the journal (its own tables, its own version track): each drill's
 * RestoreDrill record and its bounded log. A drill is written when it starts and again when it ends, so another
 * window (or the app while the CLI drills) sees it running; a drill whose process died is closed as failed, with
 * the scratch target it may have left behind.
 */
import { type RestoreDrill, restoreDrillSchema } from '../../../shared/model/backups';
import { type RunEvent } from '../../../shared/model/deploys';
import { type Database } from '../../journal/database';
import { applyFeatureSchema } from '../../journal/feature-schema';
import { mayStillBeRunning, processBootId } from '../../journal/process-identity';
import { type Migration } from '../../journal/migrations/types';
import { log } from '../../log';
import { parseStored, parseStoredLog } from '../../journal/stored-records';

export const DRILL_SCHEMA_OWNER = 'backup-drills';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'drill-runs',
    up: (db) =>
      db.exec(`CREATE TABLE backup_drill_runs (
        run_id     TEXT PRIMARY KEY,
        service    TEXT NOT NULL,
        backup     TEXT NOT NULL,
        started_at TEXT NOT NULL,
        status     TEXT NOT NULL,
        copy_id    TEXT,
        drill_json TEXT NOT NULL,
        log_json   TEXT NOT NULL DEFAULT '[]',
        pid        INTEGER NOT NULL,
        boot_id    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX backup_drill_runs_by_backup ON backup_drill_runs (service, backup, started_at);`),
  },
];

interface Row {
  run_id: string;
  drill_json: string;
  log_json: string;
  status: string;
  pid: number;
  boot_id: string;
  started_at: string;
}

export interface EvidenceStore {
  /** Writes the drill as it stands (insert or replace), with its log so far. */
  save(drill: RestoreDrill, log: RunEvent[]): void;
  get(runId: string): { drill: RestoreDrill; log: RunEvent[] } | undefined;
  /** Newest first. */
  list(filter: { service?: string; backup?: string; limit: number }): RestoreDrill[];
  /** The newest drill of a backup that has ended. */
  lastFinished(service: string, backup: string): RestoreDrill | null;
  /** How many drills restored each copy of a backup (for the rotation). */
  drilledCounts(service: string, backup: string): Map<string, number>;
}

const parseDrill = (json: string): RestoreDrill | null => parseStored(restoreDrillSchema, json);
const parseLog = parseStoredLog;

export function openEvidenceStore(db: Database, now: () => Date = () => new Date()): EvidenceStore {
  applyFeatureSchema(db, { owner: DRILL_SCHEMA_OWNER, migrations });
  const upsert = db.prepare(`INSERT INTO backup_drill_runs
      (run_id, service, backup, started_at, status, copy_id, drill_json, log_json, pid, boot_id)
    VALUES (@runId, @service, @backup, @startedAt, @status, @copyId, @drill, @log, @pid, @bootId)
    ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, copy_id = excluded.copy_id,
      drill_json = excluded.drill_json, log_json = excluded.log_json`);
  const one = db.prepare('SELECT * FROM backup_drill_runs WHERE run_id = ?');
  // Only the record: the log of a drill closed as interrupted stays as its process last wrote it.
  const closeRow = db.prepare(
    "UPDATE backup_drill_runs SET status = ?, drill_json = ? WHERE run_id = ? AND status = 'running'",
  );

  function closeIfGone(row: Row): RestoreDrill | null {
    const drill = parseDrill(row.drill_json);
    if (!drill) return null;
    if (row.status !== 'running') return drill;
    if (mayStillBeRunning({ pid: row.pid, bootId: row.boot_id, startedAt: row.started_at })) return drill;
    const leftover = drill.phases.some((p) => p.name === 'restore')
      ? ` The scratch target ${drill.scratch} may still exist on ${drill.host}: remove it by hand.`
      : '';
    const closed: RestoreDrill = {
      ...drill,
      status: 'failed',
      endedAt: drill.endedAt ?? now().toISOString(),
      summary: `The drill stopped with the process that ran it (it was killed or crashed).${leftover}`,
      rtoMs: null,
    };
    try {
      closeRow.run(closed.status, JSON.stringify(closed), drill.runId);
    } catch (error) {
      log.warn('Could not close an interrupted restore drill in the journal:', error);
    }
    return closed;
  }

  return {
    save(drill, events) {
      upsert.run({
        runId: drill.runId,
        service: drill.service,
        backup: drill.backup,
        startedAt: drill.startedAt,
        status: drill.status,
        copyId: drill.copy?.id ?? null,
        drill: JSON.stringify(drill),
        log: JSON.stringify(events),
        pid: process.pid,
        bootId: processBootId,
      });
    },
    get(runId) {
      const row = one.get(runId) as Row | undefined;
      if (!row) return undefined;
      const drill = closeIfGone(row);
      return drill ? { drill, log: parseLog(row.log_json) } : undefined;
    },
    list({ service, backup, limit }) {
      const rows = db
        .prepare(
          `SELECT run_id, drill_json, status, pid, boot_id, started_at, '[]' AS log_json FROM backup_drill_runs
           WHERE (@service IS NULL OR service = @service) AND (@backup IS NULL OR backup = @backup)
           ORDER BY started_at DESC, run_id DESC LIMIT @limit`,
        )
        .all({ service: service ?? null, backup: backup ?? null, limit }) as Row[];
      return rows.flatMap((row) => {
        const drill = closeIfGone(row);
        return drill ? [drill] : [];
      });
    },
    lastFinished(service, backup) {
      const rows = db
        .prepare(
          `SELECT run_id, drill_json, status, pid, boot_id, started_at, '[]' AS log_json FROM backup_drill_runs
           WHERE service = ? AND backup = ? ORDER BY started_at DESC, run_id DESC LIMIT 20`,
        )
        .all(service, backup) as Row[];
      for (const row of rows) {
        const drill = closeIfGone(row);
        if (drill && drill.status !== 'running') return drill;
      }
      return null;
    },
    drilledCounts(service, backup) {
      const rows = db
        .prepare(
          `SELECT copy_id AS copyId, count(*) AS n FROM backup_drill_runs
           WHERE service = ? AND backup = ? AND copy_id IS NOT NULL GROUP BY copy_id`,
        )
        .all(service, backup) as Array<{ copyId: string; n: number }>;
      return new Map(rows.map((r) => [r.copyId, r.n]));
    },
  };
}
