/**
 * Reads the outcomes of the actions about to be listed, in one query, from their result entries (and, for alerts
 * written before writers stated outcomes, their intents). Only the rows of the page are read, so listing stays the
 * indexed walk it was; `json_extract` hands back the `outcome` member alone rather than the whole result data, and
 * the unique per-action intent and result indexes find each entry directly. Chosen over an outcome column because
 * it needs no migration of existing journals and costs a page of index lookups (bench/journal.bench.mjs).
 */
import { type ActionOutcome } from '../../shared/model/journal';
import { type Database } from './sqlite';
import { OUTCOME_COLUMNS, outcomeOfColumns } from './outcome';

interface OutcomeRow {
  id: string;
  kind: string;
  outcome: string | null;
  alert_kind: string | null;
  /** 1 when the alert was a drill's practice. */
  practice: number | null;
}

const SQL = `
  SELECT a.id, a.kind, ${OUTCOME_COLUMNS}
  FROM actions AS a
  LEFT JOIN action_entries AS r ON r.action_id = a.id AND r.phase = 'result'
  WHERE a.id IN (SELECT value FROM json_each(?))`;

export type OutcomeReader = (ids: readonly string[]) => Map<string, ActionOutcome>;

export function createOutcomeReader(db: Database): OutcomeReader {
  const statement = db.prepare<OutcomeRow>(SQL);
  return (ids) => {
    const outcomes = new Map<string, ActionOutcome>();
    if (ids.length === 0) return outcomes;
    for (const row of statement.all(JSON.stringify(ids))) {
      const outcome = outcomeOfColumns(row.kind, row);
      if (outcome) outcomes.set(row.id, outcome);
    }
    return outcomes;
  };
}
