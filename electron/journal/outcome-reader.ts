/**
 * Reads the outcomes of the actions about to be listed, in one query, from their result entries (and, for alerts
 * written before writers stated outcomes, their intents). Only the rows of the page are read, so listing stays the
 * indexed walk it was; `json_extract` hands back the `outcome` member alone rather than the whole result data, and
 * the unique per-action intent and result indexes find each entry directly. Chosen over an outcome column because
 * it needs no migration of existing journals and costs a page of index lookups (bench/journal.bench.mjs).
 */
import { type ActionOutcome } from '../../shared/model/journal';
import { type Database } from './sqlite';
import { HEALTH_ALERT_KIND, fallbackOutcome, statedOutcome } from './outcome';

interface OutcomeRow {
  id: string;
  kind: string;
  outcome: string | null;
  alert_kind: string | null;
  /** 1 when the alert was a drill's practice. */
  practice: number | null;
}

// json_extract of an object is its JSON text; data is always valid JSON (a CHECK in migration 001 says so).
const SQL = `
  SELECT a.id, a.kind,
    (SELECT CASE WHEN json_type(r.data, '$.outcome') = 'object' THEN json_extract(r.data, '$.outcome') END
      FROM action_entries AS r WHERE r.action_id = a.id AND r.phase = 'result') AS outcome,
    CASE WHEN a.kind = '${HEALTH_ALERT_KIND}' THEN
      (SELECT json_extract(i.data, '$.alert.kind') FROM action_entries AS i
        WHERE i.action_id = a.id AND i.phase = 'intent') END AS alert_kind,
    CASE WHEN a.kind = '${HEALTH_ALERT_KIND}' THEN
      (SELECT json_type(i.data, '$.alert.practice') = 'object' FROM action_entries AS i
        WHERE i.action_id = a.id AND i.phase = 'intent') END AS practice
  FROM actions AS a
  WHERE a.id IN (SELECT value FROM json_each(?))`;

export type OutcomeReader = (ids: readonly string[]) => Map<string, ActionOutcome>;

export function createOutcomeReader(db: Database): OutcomeReader {
  const statement = db.prepare<OutcomeRow>(SQL);
  return (ids) => {
    const outcomes = new Map<string, ActionOutcome>();
    if (ids.length === 0) return outcomes;
    for (const row of statement.all(JSON.stringify(ids))) {
      const outcome = statedOutcome(row.outcome) ?? fallbackOutcome(row.kind, row.alert_kind, row.practice === 1);
      if (outcome) outcomes.set(row.id, outcome);
    }
    return outcomes;
  };
}
