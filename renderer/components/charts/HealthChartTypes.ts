/**
 * The shape the health charts draw (built by features/health/chart-data.ts). Kept apart from the recharts
 * components so the feature can use the types without pulling recharts into its chunk.
 */

/** One point in time. Latencies are null where nothing answered (a gap or a failure). */
export interface HealthChartRow {
  t: number;
  avg: number | null;
  p95: number | null;
  /** Shares of the point's samples, 0…1; all null inside a "not watched" gap so the areas break there. */
  up: number | null;
  degraded: number | null;
  down: number | null;
}

export interface HealthChartGap {
  start: number;
  end: number;
  /** "asleep" or "cockpit not running". */
  label: string;
}

export interface HealthChartMarker {
  t: number;
  /** "deploy 8b71ff7 by ana" */
  label: string;
  /** A rollback or a failed deploy. */
  bad: boolean;
}

export interface HealthChartData {
  from: number;
  to: number;
  rows: HealthChartRow[];
  gaps: HealthChartGap[];
  markers: HealthChartMarker[];
  /**
   * When the check's history starts well inside the range (a check added or first watched lately), the time axis
   * starts there instead of leaving the chart empty on the left; `from` is then a little before it.
   */
  watchedSince: number | null;
  /** Aggregated points have a p95 worth a second line; raw samples do not. */
  aggregated: boolean;
  /** Formats a time for the axis ("14:05", "Mar 5") and the tooltip ("Mar 5, 14:05:10"). */
  tick: (t: number) => string;
  when: (t: number) => string;
}
