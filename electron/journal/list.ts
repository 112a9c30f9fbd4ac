/**
 * Listing actions newest first, one page at a time. `before` is the contract's ISO time ("actions that started
 * before this"); an action id is accepted too and pages exactly, because two actions can start in the same
 * millisecond and a time alone cannot say which of them the previous page ended on.
 */
import { CockpitError } from '../../shared/rpc';
import { type JournalAction } from '../../shared/model/journal';
import { type Database } from './database';
import { type OutcomeReader, createOutcomeReader } from './outcome-reader';
import { type ActionRow, actionColumns, toAction } from './rows';
import { type JournalListOptions } from './types';

export function listActions(
  db: Database,
  options: JournalListOptions,
  readOutcomes: OutcomeReader = createOutcomeReader(db),
): { actions: JournalAction[]; hasMore: boolean } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (options.kind !== undefined) {
    where.push('kind = ?');
    params.push(options.kind);
  }
  if (options.before !== undefined) {
    const cursor = db.prepare('SELECT started_at, id FROM actions WHERE id = ?').get(options.before) as
      { started_at: string; id: string } | undefined;
    if (cursor) {
      where.push('(started_at < ? OR (started_at = ? AND id < ?))');
      params.push(cursor.started_at, cursor.started_at, cursor.id);
    } else {
      where.push('started_at < ?');
      params.push(isoTime(options.before));
    }
  }
  const limit = Math.max(1, Math.floor(options.limit));
  // One row more than asked says whether there is another page, without counting the whole table.
  const rows = db
    .prepare(
      `SELECT ${actionColumns} FROM action_status ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY started_at DESC, id DESC LIMIT ?`,
    )
    .all(...params, limit + 1) as ActionRow[];
  const page = rows.slice(0, limit);
  // Outcomes are read for the page alone, after the indexed walk chose it (see outcome-reader.ts).
  const outcomes = readOutcomes(page.map((row) => row.id));
  return { actions: page.map((row) => toAction(row, outcomes.get(row.id))), hasMore: rows.length > limit };
}

/** Stored times are `toISOString()` strings, which sort as text; a caller's time is normalised to match. */
function isoTime(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new CockpitError('BAD_REQUEST', `"before" must be an ISO time or an action id, not ${JSON.stringify(value)}`);
  }
  return new Date(time).toISOString();
}
