/**
 * The journal's rows as SQLite returns them, and how they become the shared model. Durations are computed here,
 * from the intent's time to the result's time, because nothing stores them.
 */
import {
  type ActionOutcome,
  type ActionStatus,
  type JournalAction,
  type JournalEntry,
  type JournalPhase,
} from '../../shared/model/journal';

export interface ActionRow {
  id: string;
  kind: string;
  title: string;
  target: string | null;
  actor: string;
  pid: number;
  boot_id: string;
  started_at: string;
  ended_at: string | null;
  summary: string | null;
  status: ActionStatus;
}

export interface EntryRow {
  seq: number;
  action_id: string;
  at: string;
  phase: JournalPhase;
  message: string;
  data: string | null;
}

/** Columns of the `action_status` view, in the order ActionRow names them. */
export const actionColumns = 'id, kind, title, target, actor, pid, boot_id, started_at, ended_at, summary, status';

/** `outcome` is set only when there is one, so an action without it reads exactly as before the field existed. */
export function toAction(row: ActionRow, outcome: ActionOutcome | null = null): JournalAction {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    target: row.target,
    actor: row.actor,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.ended_at === null ? null : durationMs(row.started_at, row.ended_at),
    summary: row.summary,
    ...(outcome ? { outcome } : {}),
  };
}

export function toEntry(row: EntryRow): JournalEntry {
  return {
    seq: row.seq,
    actionId: row.action_id,
    at: row.at,
    phase: row.phase,
    message: row.message,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  };
}

/** An `actions` row alone, before the `action_status` view has joined its result entry. */
export type ActionBaseRow = Omit<ActionRow, 'ended_at' | 'summary' | 'status'>;

/** The part of a result entry the `action_status` view reads. */
export interface ResultRow {
  at: string;
  message: string;
  status: ActionStatus;
}

/** The entry columns read with an action's detail, plus the status a result entry carries. */
export interface DetailEntryRow extends EntryRow {
  status: ActionStatus | null;
}

/** The result among an action's entries (at most one: a unique index says so). */
export function resultOf(entries: readonly DetailEntryRow[]): ResultRow | undefined {
  const result = entries.find((entry) => entry.phase === 'result');
  return result?.status ? { at: result.at, message: result.message, status: result.status } : undefined;
}

/**
 * What the `action_status` view computes (migration 001), from an action's row and its result entry: the end
 * time, the summary and the status. Reading one action this way — two indexed lookups — costs node:sqlite half
 * what the view's join does, and every journal write reads its action back; lists still use the view.
 * journal.test.ts holds both to the same answer.
 */
export function withResult(base: ActionBaseRow, result: ResultRow | undefined): ActionRow {
  return {
    ...base,
    ended_at: result?.at ?? null,
    summary: result?.message ?? null,
    status: result?.status ?? 'running',
  };
}

/** Never negative: a clock stepped back during an action must not show "took -3 s". */
function durationMs(startedAt: string, endedAt: string): number {
  return Math.max(0, Date.parse(endedAt) - Date.parse(startedAt));
}
