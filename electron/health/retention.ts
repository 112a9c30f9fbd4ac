/** How long health data is kept, and at what resolution. */
export interface Retention {
  /** Raw samples: 48 h. */
  rawMs: number;
  /** Aggregate width: 5 minutes. */
  bucketMs: number;
  /** Aggregates, transitions and gaps: 90 days. */
  aggregateMs: number;
}

export const defaultRetention: Retention = {
  rawMs: 48 * 3_600_000,
  bucketMs: 5 * 60_000,
  aggregateMs: 90 * 86_400_000,
};

export const STATUS_CODES = { up: 0, degraded: 1, down: 2 } as const;
export const STATUS_NAMES = ['up', 'degraded', 'down'] as const;

/** The p-quantile of a sorted list, nearest-rank (an observed value, never an invented one). */
export function percentileSorted(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}
