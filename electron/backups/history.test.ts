import { describe, expect, it } from 'vitest';
import { type BackupRef } from './history';
import { memoryHistory } from './testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ref: BackupRef = { workspace: '/w/cockpit.yaml', service: 'shop', backup: 'orders' };
const now = new Date('2026-12-06T12:00:00Z');

describe('backup history retention', () => {
  it('keeps full checks a week, hourly points a month, a daily point for 400 days, then nothing', () => {
    const { db, history } = memoryHistory();
    // Hourly verifications over 420 days.
    for (let t = now.getTime() - 420 * DAY; t <= now.getTime(); t += HOUR) {
      const at = new Date(t).toISOString();
      history.record(
        ref,
        {
          verification: {
            at,
            durationMs: 5,
            status: 'ok',
            checks: [{ kind: 'list', status: 'ok', summary: 's', proves: 'p', doesNotProve: 'd', durationMs: 1 }],
          },
          newest: null,
          ageMs: HOUR,
          copies: 3,
        },
        null,
      );
    }
    history.prune(now);
    const count = (sql: string, ...params: string[]) =>
      (db
        .prepare(sql)
        .pluck<number>()
        .get(...params) as number) ?? 0;
    const since = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    expect(count('SELECT count(*) FROM backup_verifications WHERE at < ?', since(400))).toBe(0);
    // One a day between 30 and 400 days old.
    const daily = count('SELECT count(*) FROM backup_verifications WHERE at < ? AND at >= ?', since(30), since(400));
    expect(daily).toBeGreaterThanOrEqual(369);
    expect(daily).toBeLessThanOrEqual(371);
    expect(count('SELECT count(*) FROM backup_verifications WHERE at >= ?', since(30))).toBe(30 * 24 + 1);
    expect(count(`SELECT count(*) FROM backup_verifications WHERE checks_json <> '[]' AND at < ?`, since(7))).toBe(0);
    expect(count(`SELECT count(*) FROM backup_verifications WHERE checks_json <> '[]'`)).toBe(7 * 24 + 1);
    // The charts still have their points; the newest keeps its checks.
    expect(history.points(ref, new Date(now.getTime() - 2 * DAY))).toHaveLength(2 * 24 + 1);
    expect(history.last(ref)?.verification.checks).toHaveLength(1);
  });
});
