/**
 * The Activity chart's days: how many actions began on each day, counted over the whole range by one query
 * bounded by time (the `actions_newest` index; each action's result through its unique index), never from a page
 * of the list — a busy day of alerts must not push the other thirteen days off the chart.
 */
import { CockpitError } from '../../shared/rpc';
import { type JournalDay } from '../../shared/api/journal';
import { type ActionOutcome, type ActionStatus } from '../../shared/model/journal';
import { OUTCOME_COLUMNS, outcomeOfColumns } from './outcome';
import { type Database } from './sqlite';

export type DayTone = Exclude<keyof JournalDay, 'start' | 'total'>;

interface Row {
  started_at: string;
  kind: string;
  status: ActionStatus | null;
  outcome: string | null;
  alert_kind: string | null;
  /** 1 when the alert was a drill's practice. */
  practice: number | null;
}

const SQL = `
  SELECT a.started_at, a.kind, r.status, ${OUTCOME_COLUMNS}
  FROM actions AS a
  LEFT JOIN action_entries AS r ON r.action_id = a.id AND r.phase = 'result'
  WHERE a.started_at >= ? AND a.started_at < ?`;

/**
 * How an action went, for the chart: a failed or interrupted run is that, whatever it was about (an alert about a
 * recovery that could not be sent still failed); otherwise the outcome the writer stated, else the status.
 */
export function dayToneOf(status: ActionStatus, outcome: ActionOutcome | null | undefined): DayTone {
  if (status === 'running') return 'running';
  if (status === 'failed') return 'bad';
  if (status === 'interrupted') return 'warn';
  if (outcome) return outcome.tone;
  return status === 'succeeded' ? 'ok' : 'info';
}

export function countActionsByDay(db: Database, range: { starts: readonly string[]; end: string }): JournalDay[] {
  const starts = range.starts.map((start) => isoTime(start, 'a day start'));
  const end = isoTime(range.end, 'the end');
  const first = starts[0];
  if (first === undefined) return [];
  if (starts.some((start, i) => i > 0 && start <= (starts[i - 1] ?? start)) || end <= (starts.at(-1) ?? end)) {
    throw new CockpitError(
      'BAD_REQUEST',
      'The days must be in order, oldest first, and end after the last one starts.',
    );
  }
  const days: JournalDay[] = starts.map((start) => ({ start, total: 0, ok: 0, warn: 0, bad: 0, info: 0, running: 0 }));
  for (const row of db.prepare<Row>(SQL).all(first, end)) {
    const day = days[dayIndex(starts, row.started_at)];
    if (!day) continue;
    const outcome = outcomeOfColumns(row.kind, row);
    day[dayToneOf(row.status ?? 'running', outcome)] += 1;
    day.total += 1;
  }
  return days;
}

/** The last day that starts at or before the time (stored times are `toISOString()` text, which sorts as time). */
function dayIndex(starts: readonly string[], at: string): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((starts[mid] ?? '') <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

function isoTime(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new CockpitError('BAD_REQUEST', `${what} must be an ISO time, not ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
