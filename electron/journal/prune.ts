/**
 * The journal's only deletion. Output chunks are the bulk of the file (a verbose build log can be megabytes per
 * deploy), while the record that matters — who did what, when, each step and how it ended — is a few rows. So old
 * output goes, and intent, steps and result stay forever; a trigger in migration 1 refuses any other deletion.
 */
import { type Database } from './database';

export interface PruneOptions {
  /** Output of actions that started more than this many days ago (and have ended) is deleted. */
  olderThanDays: number;
  now?: Date;
}

export interface PruneResult {
  /** Output entries deleted. */
  entries: number;
  /** Actions whose output was deleted. */
  actions: number;
}

export function pruneOutput(db: Database, options: PruneOptions): PruneResult {
  if (!(options.olderThanDays >= 0)) throw new Error(`olderThanDays must be 0 or more, not ${options.olderThanDays}`);
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanDays * 86_400_000).toISOString();
  const result = db.transaction((): PruneResult => {
    // Running actions keep their output whatever their age: someone may be watching it.
    const ended = `SELECT a.id FROM actions AS a
      JOIN action_entries AS r ON r.action_id = a.id AND r.phase = 'result'
      WHERE a.started_at < ?`;
    const actions = db
      .prepare(
        `SELECT count(DISTINCT action_id) AS n FROM action_entries WHERE phase = 'output' AND action_id IN (${ended})`,
      )
      .get(cutoff) as { n: number };
    const deleted = db
      .prepare(`DELETE FROM action_entries WHERE phase = 'output' AND action_id IN (${ended})`)
      .run(cutoff);
    return { entries: deleted.changes, actions: actions.n };
  })();
  // Give the freed pages back to the disk (the file was created with auto_vacuum = INCREMENTAL).
  if (result.entries > 0) db.pragma('incremental_vacuum');
  return result;
}
