/**
 * Rollback drills kept beside the journal (their own tables, their own version track): one row per drill, written
 * at every phase end so another window (or the app while the CLI drills) sees it move, and its bounded log written
 * when it ends. A drill left `running` by a process that died is closed as failed: without the hosts it cannot
 * know more, so it says where to look.
 */
import { type RunEvent } from '../../shared/model/deploys';
import { type RollbackDrill, rollbackDrillSchema } from '../../shared/model/drills';
import { type Database } from '../journal/database';
import { applyFeatureSchema } from '../journal/feature-schema';
import { type Migration } from '../journal/migrations/types';
import { mayStillBeRunning, processBootId } from '../journal/process-identity';
import { log } from '../log';
import { parseStored, parseStoredLog } from '../journal/stored-records';

export const ROLLBACK_DRILL_SCHEMA_OWNER = 'rollback-drills';

/** The stored log's bound: a drill's notable moments and phases fit many times over. */
export const MAX_STORED_LOG_BYTES = 200 * 1024;

export const INTERRUPTED_SUMMARY =
  'The cockpit stopped during the drill, so it could not finish or restore the service. Check the Deploys screen: it shows which release each host runs, and rolls back in one click if the broken release is still live.';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'rollback-drills',
    up: (db) =>
      db.exec(`CREATE TABLE rollback_drills (
        id          TEXT PRIMARY KEY,
        service     TEXT NOT NULL,
        environment TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        status      TEXT NOT NULL,
        drill_json  TEXT NOT NULL,
        log_json    TEXT NOT NULL DEFAULT '[]',
        pid         INTEGER NOT NULL,
        boot_id     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rollback_drills_by_service ON rollback_drills (service, started_at);`),
  },
];

interface Row {
  id: string;
  drill_json: string;
  log_json: string;
  status: string;
  pid: number;
  boot_id: string;
  started_at: string;
}

export interface RollbackDrillStore {
  /** Writes the drill as it stands; with `log` when it has ended (the running log lives in memory). */
  save(drill: RollbackDrill, log?: RunEvent[]): void;
  get(id: string): { drill: RollbackDrill; log: RunEvent[] } | undefined;
  /** Newest first. */
  list(filter: { service?: string; limit: number }): RollbackDrill[];
  /**
   * Closes drills left `running` by a process that is gone, as failed; returns them. One still running in another
   * live process (the CLI beside the app) is left alone.
   */
  closeInterrupted(): RollbackDrill[];
}

const parseDrill = (json: string): RollbackDrill | null => parseStored(rollbackDrillSchema, json);
const parseLog = parseStoredLog;

/** Keeps the first event (what the log is about) and the newest ones that fit in the bound. */
export function boundedLog(events: RunEvent[], maxBytes = MAX_STORED_LOG_BYTES): RunEvent[] {
  let bytes = 0;
  const kept: RunEvent[] = [];
  for (let i = events.length - 1; i >= 1; i--) {
    const event = events[i];
    if (!event) continue;
    bytes += JSON.stringify(event).length;
    if (bytes > maxBytes) break;
    kept.unshift(event);
  }
  const first = events[0];
  return first ? [first, ...kept] : kept;
}

/** The drill as a process that died left it, closed: every open phase failed, the reason said. */
export function closedAsInterrupted(drill: RollbackDrill, at: Date): RollbackDrill {
  const endedAt = at.toISOString();
  return {
    ...drill,
    status: 'failed',
    endedAt: drill.endedAt ?? endedAt,
    waitingForAction: false,
    cancelling: false,
    phases: drill.phases.map((p) =>
      p.status === 'running' || p.status === 'waiting'
        ? { ...p, status: 'failed', endedAt, detail: 'the cockpit stopped during this step' }
        : p,
    ),
    events: [
      ...drill.events,
      { at: endedAt, kind: 'note', title: 'The cockpit stopped during the drill', detail: INTERRUPTED_SUMMARY },
    ],
    summary: INTERRUPTED_SUMMARY,
  };
}

export function openRollbackDrillStore(db: Database, now: () => Date = () => new Date()): RollbackDrillStore {
  applyFeatureSchema(db, { owner: ROLLBACK_DRILL_SCHEMA_OWNER, migrations });
  const upsert = db.prepare(`INSERT INTO rollback_drills
      (id, service, environment, started_at, status, drill_json, log_json, pid, boot_id)
    VALUES (@id, @service, @environment, @startedAt, @status, @drill, @log, @pid, @bootId)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, drill_json = excluded.drill_json,
      log_json = CASE WHEN @keepLog = 1 THEN rollback_drills.log_json ELSE excluded.log_json END`);
  const one = db.prepare('SELECT * FROM rollback_drills WHERE id = ?');
  const closeRow = db.prepare(
    "UPDATE rollback_drills SET status = ?, drill_json = ? WHERE id = ? AND status = 'running'",
  );
  const runningRows = db.prepare("SELECT * FROM rollback_drills WHERE status = 'running'");

  function closeIfGone(row: Row): RollbackDrill | null {
    const drill = parseDrill(row.drill_json);
    if (!drill) return null;
    if (row.status !== 'running') return drill;
    if (mayStillBeRunning({ pid: row.pid, bootId: row.boot_id, startedAt: row.started_at })) return drill;
    const closed = closedAsInterrupted(drill, now());
    try {
      closeRow.run(closed.status, JSON.stringify(closed), drill.id);
    } catch (error) {
      log.warn('Could not close an interrupted rollback drill in the journal:', error);
    }
    return closed;
  }

  return {
    save(drill, events) {
      upsert.run({
        id: drill.id,
        service: drill.service,
        environment: drill.environment,
        startedAt: drill.startedAt,
        status: drill.status,
        drill: JSON.stringify(drill),
        log: JSON.stringify(events ? boundedLog(events) : []),
        keepLog: events ? 0 : 1,
        pid: process.pid,
        bootId: processBootId,
      });
    },
    get(id) {
      const row = one.get(id) as Row | undefined;
      if (!row) return undefined;
      const drill = closeIfGone(row);
      return drill ? { drill, log: parseLog(row.log_json) } : undefined;
    },
    list({ service, limit }) {
      const rows = db
        .prepare(
          `SELECT id, drill_json, status, pid, boot_id, started_at, '[]' AS log_json FROM rollback_drills
           WHERE (@service IS NULL OR service = @service)
           ORDER BY started_at DESC, id DESC LIMIT @limit`,
        )
        .all({ service: service ?? null, limit }) as Row[];
      return rows.flatMap((row) => {
        const drill = closeIfGone(row);
        return drill ? [drill] : [];
      });
    },
    closeInterrupted() {
      const rows = runningRows.all() as Row[];
      return rows.flatMap((row) => {
        const drill = closeIfGone(row);
        return drill && drill.status !== 'running' ? [drill] : [];
      });
    },
  };
}
