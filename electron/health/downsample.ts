/**
 * The downsampling job: every complete 5-minute bucket not yet aggregated becomes one row per check; raw
 * samples older than 48 h are deleted once aggregated; aggregates, transitions and gaps older than 90 days go.
 * Counts, covered time and latency sums are added, never averaged, so totals over any range stay exact; only
 * the p95 of a bucket cannot be merged exactly (a late sample landing in an aggregated bucket keeps the worse).
 */
import { type Database } from './store-schema';
import { type Retention, percentileSorted } from './retention';

const WATERMARK = 'downsampled_until';

export interface DownsampleResult {
  /** Complete buckets aggregated up to (exclusive). */
  until: number;
  buckets: number;
  samples: number;
  deletedSamples: number;
  deletedBuckets: number;
}

interface RawRow {
  at: number;
  status: number;
  latency_us: number | null;
  cover_ms: number;
}

interface Bucket {
  byStatus: [number, number, number];
  msByStatus: [number, number, number];
  latencies: number[];
  latSum: number;
}

export function readWatermark(db: Database): number {
  const row = db.prepare('SELECT value FROM health_meta WHERE key = ?').get(WATERMARK) as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

export function downsample(db: Database, now: number, retention: Retention): DownsampleResult {
  const run = db.transaction(() => {
    const from = readWatermark(db);
    const until = Math.floor(now / retention.bucketMs) * retention.bucketMs;
    const result: DownsampleResult = { until, buckets: 0, samples: 0, deletedSamples: 0, deletedBuckets: 0 };
    const ids = db.prepare('SELECT id FROM health_checks').pluck().all() as number[];
    if (until > from) {
      const select = db.prepare(
        'SELECT at, status, latency_us, cover_ms FROM health_samples WHERE check_id = ? AND at >= ? AND at < ? ORDER BY at',
      );
      const upsert = db.prepare(`
        INSERT INTO health_buckets (check_id, bucket, up, degraded, down, up_ms, degraded_ms, down_ms,
                                    lat_n, lat_sum_us, lat_min_us, lat_max_us, lat_p95_us)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (check_id, bucket) DO UPDATE SET
          up = up + excluded.up, degraded = degraded + excluded.degraded,
          down = down + excluded.down, up_ms = up_ms + excluded.up_ms,
          degraded_ms = degraded_ms + excluded.degraded_ms, down_ms = down_ms + excluded.down_ms,
          lat_n = lat_n + excluded.lat_n, lat_sum_us = lat_sum_us + excluded.lat_sum_us,
          lat_min_us = min(coalesce(lat_min_us, excluded.lat_min_us), coalesce(excluded.lat_min_us, lat_min_us)),
          lat_max_us = max(coalesce(lat_max_us, excluded.lat_max_us), coalesce(excluded.lat_max_us, lat_max_us)),
          lat_p95_us = max(coalesce(lat_p95_us, excluded.lat_p95_us), coalesce(excluded.lat_p95_us, lat_p95_us))`);
      for (const id of ids) {
        const buckets = new Map<number, Bucket>();
        // all(), not iterate(): one check's samples not yet aggregated (within the 48 h raw window) fit in memory,
        // and node:sqlite's row iterator costs about a third more per row on this, the job's hot loop.
        for (const row of select.all(id, from, until) as RawRow[]) {
          const start = Math.floor(row.at / retention.bucketMs) * retention.bucketMs;
          let b = buckets.get(start);
          if (!b) {
            b = { byStatus: [0, 0, 0], msByStatus: [0, 0, 0], latencies: [], latSum: 0 };
            buckets.set(start, b);
          }
          const s = row.status as 0 | 1 | 2;
          b.byStatus[s]++;
          b.msByStatus[s] += row.cover_ms;
          if (row.latency_us !== null) {
            b.latencies.push(row.latency_us);
            b.latSum += row.latency_us;
          }
          result.samples++;
        }
        for (const [start, b] of buckets) {
          const sorted = b.latencies.sort((x, y) => x - y);
          upsert.run(
            id,
            start,
            ...b.byStatus,
            ...b.msByStatus,
            sorted.length,
            b.latSum,
            sorted[0] ?? null,
            sorted.at(-1) ?? null,
            percentileSorted(sorted, 0.95),
          );
          result.buckets++;
        }
      }
      db.prepare(
        'INSERT INTO health_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(WATERMARK, String(until));
    }
    // Raw samples go only once aggregated (below the watermark) and older than the raw retention.
    const rawCutoff = Math.min(now - retention.rawMs, Math.max(from, until));
    const dropRaw = db.prepare('DELETE FROM health_samples WHERE check_id = ? AND at < ?');
    const dropBuckets = db.prepare('DELETE FROM health_buckets WHERE check_id = ? AND bucket < ?');
    const oldest = now - retention.aggregateMs;
    for (const id of ids) {
      result.deletedSamples += dropRaw.run(id, rawCutoff).changes;
      result.deletedBuckets += dropBuckets.run(id, oldest).changes;
    }
    db.prepare('DELETE FROM health_transitions WHERE at < ?').run(oldest);
    db.prepare('DELETE FROM health_gaps WHERE end < ?').run(oldest);
    return result;
  });
  return run.immediate();
}
