/**
 * 5-minute aggregates of one check's hour, built from samples and merged into what an hour already holds.
 * Counts, covered time and latency sums add, so totals over any range stay exact however late a sample is
 * packed; a merged p95 keeps the worse of the two (a p95 cannot be merged exactly).
 */
import { type HourBucket, type PackedSample, emptyBucket } from './hour-codec';
import { percentileSorted } from './retention';

export function bucketsOf(samples: readonly PackedSample[], hour: number, bucketMs: number): HourBucket[] {
  const groups = new Map<number, { bucket: HourBucket; latencies: number[] }>();
  for (const s of samples) {
    const index = Math.floor((s.at - hour) / bucketMs);
    let g = groups.get(index);
    if (!g) {
      g = { bucket: emptyBucket(index), latencies: [] };
      groups.set(index, g);
    }
    const status = s.status as 0 | 1 | 2;
    g.bucket.counts[status]++;
    g.bucket.ms[status] += s.coverMs;
    if (s.latencyUs !== null) {
      g.latencies.push(s.latencyUs);
      g.bucket.latSumUs += s.latencyUs;
    }
  }
  const out: HourBucket[] = [];
  for (const { bucket, latencies } of groups.values()) {
    const sorted = latencies.sort((a, b) => a - b);
    bucket.latN = sorted.length;
    bucket.latMinUs = sorted[0] ?? null;
    bucket.latMaxUs = sorted.at(-1) ?? null;
    bucket.latP95Us = percentileSorted(sorted, 0.95);
    out.push(bucket);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Both lists sorted by index; the result is too. */
export function mergeBuckets(a: readonly HourBucket[], b: readonly HourBucket[]): HourBucket[] {
  const byIndex = new Map<number, HourBucket>(a.map((x) => [x.index, x]));
  for (const y of b) {
    const x = byIndex.get(y.index);
    byIndex.set(y.index, x ? mergeBucket(x, y) : y);
  }
  return [...byIndex.values()].sort((p, q) => p.index - q.index);
}

function mergeBucket(x: HourBucket, y: HourBucket): HourBucket {
  const pick = (p: number | null, q: number | null, f: (m: number, n: number) => number) =>
    p === null ? q : q === null ? p : f(p, q);
  return {
    index: x.index,
    counts: [x.counts[0] + y.counts[0], x.counts[1] + y.counts[1], x.counts[2] + y.counts[2]],
    ms: [x.ms[0] + y.ms[0], x.ms[1] + y.ms[1], x.ms[2] + y.ms[2]],
    latN: x.latN + y.latN,
    latSumUs: x.latSumUs + y.latSumUs,
    latMinUs: pick(x.latMinUs, y.latMinUs, Math.min),
    latMaxUs: pick(x.latMaxUs, y.latMaxUs, Math.max),
    latP95Us: pick(x.latP95Us, y.latP95Us, Math.max),
  };
}

/** Covered time by status over the whole hour: the row's up_ms, degraded_ms, down_ms. */
export function msByStatus(buckets: readonly HourBucket[]): [number, number, number] {
  const ms: [number, number, number] = [0, 0, 0];
  for (const b of buckets) {
    ms[0] += b.ms[0];
    ms[1] += b.ms[1];
    ms[2] += b.ms[2];
  }
  return ms;
}
