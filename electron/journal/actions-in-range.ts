/**
 * Journal actions of some kinds in a time range, for the features' timeline sources. Read straight from SQLite
 * with the time bounds in the query (the `actions_kind_newest` index, one intent and one result row per action
 * through their unique indexes), so a 30-day range over a busy journal never reads whole tables. This module
 * is a query over the journal, the floor every feature stands on; it holds no state of the timeline feature.
 */
import { type ActionOutcome } from '../../shared/model/journal';
import { outcomeOf } from './outcome';
import { type Database } from './sqlite';
import { log } from '../log';

export interface RangedAction {
  id: string;
  kind: string;
  title: string;
  target: string | null;
  actor: string;
  startedAt: string;
  /** null while it runs. */
  endedAt: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  summary: string | null;
  /** The intent's data, or {} when it had none (or it did not parse). */
  intent: Record<string, unknown>;
  /** The result's data, or null. */
  result: Record<string, unknown> | null;
  /** The result in the user's words, as journal.list hands it back (see outcome.ts); absent when there is none. */
  outcome?: ActionOutcome;
}

export interface ActionRange {
  kinds: readonly string[];
  /** Epoch ms. */
  from: number;
  to: number;
  /**
   * Actions with a duration (a deploy, a runbook run) that began up to this long before `from` are included when
   * they were still going at `from`. 0 (default): only actions that began inside the range.
   */
  lookbackMs?: number;
}

interface Row {
  id: string;
  kind: string;
  title: string;
  target: string | null;
  actor: string;
  started_at: string;
  ended_at: string | null;
  status: RangedAction['status'] | null;
  summary: string | null;
  intent: string | null;
  result: string | null;
}

const SQL = `
  SELECT a.id, a.kind, a.title, a.target, a.actor, a.started_at,
         r.at AS ended_at, r.status, r.message AS summary, i.data AS intent, r.data AS result
  FROM actions AS a
  LEFT JOIN action_entries AS i ON i.action_id = a.id AND i.phase = 'intent'
  LEFT JOIN action_entries AS r ON r.action_id = a.id AND r.phase = 'result'
  WHERE a.kind = ? AND a.started_at >= ? AND a.started_at < ?
  ORDER BY a.started_at, a.id`;

export function journalActionsInRange(db: Database, range: ActionRange): RangedAction[] {
  const statement = db.prepare<Row>(SQL);
  const fromIso = new Date(range.from).toISOString();
  const lookFrom = new Date(range.from - (range.lookbackMs ?? 0)).toISOString();
  const toIso = new Date(range.to).toISOString();
  const out: RangedAction[] = [];
  for (const kind of range.kinds) {
    for (const row of statement.all(kind, lookFrom, toIso)) {
      // Began before the range: only when it was still going when the range starts.
      if (row.started_at < fromIso && row.ended_at !== null && row.ended_at < fromIso) continue;
      const intent = parseData(row.intent) ?? {};
      const result = parseData(row.result);
      const outcome = outcomeOf(row.kind, result, intent);
      out.push({
        id: row.id,
        kind: row.kind,
        title: row.title,
        target: row.target,
        actor: row.actor,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        status: row.status ?? 'running',
        summary: row.summary,
        intent,
        result,
        ...(outcome ? { outcome } : {}),
      });
    }
  }
  return out;
}

function parseData(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch (error) {
    log.warn('[timeline] a journal entry held data that is not JSON:', error instanceof Error ? error.message : error);
    return null;
  }
}

/** A string field of journaled data, or null. */
export const text = (data: Record<string, unknown> | null, key: string): string | null => {
  const value = data?.[key];
  return typeof value === 'string' ? value : null;
};

/** `service@environment` → its parts (a target written by deploys, alerts and runbooks). */
export function splitTarget(target: string | null): { service: string | null; environment: string | null } {
  if (!target) return { service: null, environment: null };
  const at = target.lastIndexOf('@');
  return at < 0
    ? { service: target, environment: null }
    : { service: target.slice(0, at), environment: target.slice(at + 1) };
}
