/**
 * Quantiles from a Prometheus histogram's cumulative buckets, computed the way PromQL's histogram_quantile does:
 * find the bucket holding the rank, interpolate linearly inside it (from 0 for the first bucket), and when the
 * rank falls into the +Inf bucket answer the highest finite bound — the histogram cannot say more.
 */
import { type MetricsPage } from './text-format';

/** Cumulative count per upper bound `le`, sorted by bound, summed over every other label. */
export type Buckets = Array<{ le: number; count: number }>;

export function bucketsOf(page: MetricsPage, histogram: string): Buckets {
  const byLe = new Map<number, number>();
  for (const s of page.samples) {
    if (s.name !== `${histogram}_bucket`) continue;
    const le = s.labels.le === undefined ? NaN : s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    if (Number.isNaN(le)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  return [...byLe.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/**
 * The change between two scrapes, bucket by bucket. A counter that went down means the process restarted: then
 * the current counts are the change (Prometheus' own rule for counter resets).
 */
export function bucketDelta(previous: Buckets | undefined, current: Buckets): Buckets {
  if (!previous) return current;
  const before = new Map(previous.map((b) => [b.le, b.count]));
  const reset = current.some((b) => b.count < (before.get(b.le) ?? 0));
  if (reset) return current;
  return current.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) }));
}

/** The q-quantile (0..1) of the observations; undefined when there are none. */
export function quantile(q: number, buckets: Buckets): number | undefined {
  if (buckets.length === 0) return undefined;
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      if (inBucket <= 0) return bucket.le;
      return lowerBound + (bucket.le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}
