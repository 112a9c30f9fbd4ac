import { describe, expect, it } from 'vitest';
import { type ActionStatus, type JournalAction } from '../../shared/model/journal';
import { actionsPerDay } from './actions-per-day';

function action(startedAt: Date, status: ActionStatus, id = startedAt.toISOString() + status): JournalAction {
  return {
    id,
    kind: 'workspace.open',
    title: 'Open workspace',
    target: null,
    actor: 'ada',
    status,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    durationMs: null,
    summary: null,
  };
}

// Local noon on 12 March 2025; days are local calendar days.
const now = new Date(2025, 2, 12, 12, 0, 0).getTime();
const local = (day: number, hour: number) => new Date(2025, 2, day, hour, 30);

describe('actionsPerDay', () => {
  it('gives one row per day for the last 14 days, oldest first, empty days included', () => {
    const rows = actionsPerDay([], now);
    expect(rows).toHaveLength(14);
    expect(rows[0]?.day).toBe('2025-02-27');
    expect(rows[13]?.day).toBe('2025-03-12');
    expect(rows.every((r) => r.total === 0)).toBe(true);
  });

  it('counts each action on its local day, stacked by status', () => {
    const rows = actionsPerDay(
      [
        action(local(12, 9), 'succeeded'),
        action(local(12, 10), 'failed'),
        action(local(12, 11), 'running'),
        action(local(11, 23), 'succeeded'),
        action(local(11, 0), 'interrupted'),
        action(new Date(2025, 1, 26, 23, 0), 'succeeded', 'a-day-too-old'),
      ],
      now,
    );
    const today = rows[13];
    const yesterday = rows[12];
    expect(today).toMatchObject({ total: 3, succeeded: 1, failed: 1, running: 1, cancelled: 0, interrupted: 0 });
    expect(yesterday).toMatchObject({ total: 2, succeeded: 1, interrupted: 1 });
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(5);
  });

  it('skips actions with unreadable times', () => {
    const broken = { ...action(local(12, 9), 'succeeded'), startedAt: 'yesterday-ish' };
    expect(actionsPerDay([broken], now).reduce((n, r) => n + r.total, 0)).toBe(0);
  });
});
