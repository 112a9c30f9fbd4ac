/**
 * The data of the "Actions per day, last 14 days" chart: one row per local calendar day, oldest first, with a
 * count per status. Pure, so day bucketing (including empty days) is unit-tested.
 */
import { type ActionStatus, type JournalAction, actionStatuses } from '../../shared/model/journal';

export type DayRow = { day: string; label: string; total: number } & Record<ActionStatus, number>;

function localDayKey(ms: number): string {
  const d = new Date(ms);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

export function actionsPerDay(actions: readonly JournalAction[], now: number = Date.now(), days = 14): DayRow[] {
  const rows: DayRow[] = [];
  const index = new Map<string, DayRow>();
  const today = new Date(now);
  for (let i = days - 1; i >= 0; i--) {
    // Step by calendar day (not 24 h) so daylight-saving changes cannot skip or repeat a day.
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12);
    const day = localDayKey(date.getTime());
    const label = date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
    const row = { day, label, total: 0 } as DayRow;
    for (const status of actionStatuses) row[status] = 0;
    rows.push(row);
    index.set(day, row);
  }
  for (const action of actions) {
    const ms = Date.parse(action.startedAt);
    if (Number.isNaN(ms)) continue;
    const row = index.get(localDayKey(ms));
    if (!row) continue;
    row[action.status] += 1;
    row.total += 1;
  }
  return rows;
}
