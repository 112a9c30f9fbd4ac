/**
 * The scorecard's trend: one point per workspace file and UTC day, the last score computed that day (a later
 * computation the same day replaces it), kept for 90 days. Two processes (the app and `cockpit scorecard`) may write the same day: the last
 * one wins, which is what "the day's last score" means.
 */
import { type Database } from '../journal/database';
import { DAY_MS } from '../features/readiness-items';

export const TREND_DAYS = 90;

export interface TrendPoint {
  day: string;
  score: number;
}

export class ReadinessTrend {
  constructor(private readonly db: Database) {}

  /** `workspace` keys the trend: the workspace file's path. */
  record(workspace: string, score: number, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO readiness_trend (workspace, day, score, computed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace, day) DO UPDATE SET score = excluded.score, computed_at = excluded.computed_at
         WHERE excluded.computed_at >= readiness_trend.computed_at`,
      )
      .run(workspace, dayOf(at), score, at.toISOString());
  }

  /** Oldest first: the days within the last 90 (today included). */
  list(workspace: string, now: Date): TrendPoint[] {
    const since = dayOf(new Date(now.getTime() - (TREND_DAYS - 1) * DAY_MS));
    return this.db
      .prepare('SELECT day, score FROM readiness_trend WHERE workspace = ? AND day >= ? AND day <= ? ORDER BY day')
      .all(workspace, since, dayOf(now)) as TrendPoint[];
  }

  /** Drops days older than the trend shows. */
  prune(now: Date): void {
    const since = dayOf(new Date(now.getTime() - (TREND_DAYS - 1) * DAY_MS));
    this.db.prepare('DELETE FROM readiness_trend WHERE day < ?').run(since);
  }
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
