/**
 * From one row per 5-minute bucket (`health_buckets`, migration 003) to one row per check per hour
 * (`health_hours`): each hour's buckets become its encoded aggregates, the raw samples the old job had already
 * aggregated (below its `downsampled_until` watermark) become the hour's packed samples (`health_hour_samples`),
 * and the samples above it stay in `health_samples` for the packing job (downsample.ts), which adds them in. So
 * every sample is counted once.
 */
import { type Database } from '../journal/sqlite';
import {
  type HourBucket,
  type PackedSample,
  type SampleRow,
  HOUR_MS,
  SAMPLE_COLUMNS,
  encodeBuckets,
  encodeSamples,
  packedSample,
} from './hour-codec';
import { bucketsOf, msByStatus } from './hour-buckets';
import { defaultRetention } from './retention';

/**
 * One row per check per hour. up_ms / degraded_ms / down_ms: covered time by status, so uptime over whole hours is
 * one SUM with nothing to decode; buckets: the hour's twelve 5-minute aggregates (hour-codec.ts). Rows go after
 * 90 days. Keyed check first: a chart of one check reads its rows in one range.
 *
 * The hour's raw samples (encoded too) are a table of their own, keyed hour first: rows are only ever appended at
 * the end and deleted at the start after 48 h, so its pages stay full. (Samples in a column of health_hours, set
 * to NULL after 48 h, shrank each row to a fifth in place: the file was three times the size of its data until a
 * VACUUM.)
 */
export const HEALTH_HOURS_SQL = `
CREATE TABLE IF NOT EXISTS health_hours (
  check_id    INTEGER NOT NULL,
  hour        INTEGER NOT NULL,
  up_ms       INTEGER NOT NULL,
  degraded_ms INTEGER NOT NULL,
  down_ms     INTEGER NOT NULL,
  buckets     BLOB NOT NULL,
  PRIMARY KEY (check_id, hour)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS health_hour_samples (
  hour     INTEGER NOT NULL,
  check_id INTEGER NOT NULL,
  samples  BLOB NOT NULL,
  PRIMARY KEY (hour, check_id)
) STRICT, WITHOUT ROWID;
`;

/** The old job's bookkeeping: everything below it was aggregated. */
const OLD_WATERMARK = 'downsampled_until';

interface OldBucketRow {
  bucket: number;
  up: number;
  degraded: number;
  down: number;
  up_ms: number;
  degraded_ms: number;
  down_ms: number;
  lat_n: number;
  lat_sum_us: number;
  lat_min_us: number | null;
  lat_max_us: number | null;
  lat_p95_us: number | null;
}

/** Creates `health_hours` and, when `health_buckets` is there, moves its content over and drops it. Idempotent. */
export function packBucketsIntoHours(db: Database, bucketMs = defaultRetention.bucketMs): void {
  db.exec(HEALTH_HOURS_SQL);
  const old = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'health_buckets'").get();
  if (old === undefined) return;
  const meta = db.prepare('SELECT value FROM health_meta WHERE key = ?').pluck().get(OLD_WATERMARK) as
    string | undefined;
  const watermark = meta === undefined ? 0 : Number(meta);
  const selectBuckets = db.prepare('SELECT * FROM health_buckets WHERE check_id = ? ORDER BY bucket');
  const selectSamples = db.prepare(
    `SELECT ${SAMPLE_COLUMNS} FROM health_samples WHERE check_id = ? AND at < ? ORDER BY at`,
  );
  const insert = db.prepare(
    `INSERT OR REPLACE INTO health_hours (check_id, hour, up_ms, degraded_ms, down_ms, buckets)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertSamples = db.prepare(
    'INSERT OR REPLACE INTO health_hour_samples (hour, check_id, samples) VALUES (?, ?, ?)',
  );
  const ids = db.prepare('SELECT id FROM health_checks').pluck().all() as number[];
  for (const id of ids) {
    const hours = new Map<number, { buckets: HourBucket[]; samples: PackedSample[] }>();
    const hourOf = (t: number) => {
      const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
      let h = hours.get(hour);
      if (!h) hours.set(hour, (h = { buckets: [], samples: [] }));
      return { hour, h };
    };
    for (const r of selectBuckets.all(id) as OldBucketRow[]) {
      const { hour, h } = hourOf(r.bucket);
      h.buckets.push({
        index: Math.floor((r.bucket - hour) / bucketMs),
        counts: [r.up, r.degraded, r.down],
        ms: [r.up_ms, r.degraded_ms, r.down_ms],
        latN: r.lat_n,
        latSumUs: r.lat_sum_us,
        latMinUs: r.lat_min_us,
        latMaxUs: r.lat_max_us,
        latP95Us: r.lat_p95_us,
      });
    }
    for (const r of selectSamples.all(id, watermark) as SampleRow[]) hourOf(r.at).h.samples.push(packedSample(r));
    for (const [hour, h] of hours) {
      // Aggregated samples always have their bucket; an hour without any would be a file edited by hand.
      const buckets = h.buckets.length > 0 ? h.buckets : bucketsOf(h.samples, hour, bucketMs);
      insert.run(id, hour, ...msByStatus(buckets), encodeBuckets(buckets));
      if (h.samples.length > 0) insertSamples.run(hour, id, encodeSamples(hour, h.samples));
    }
  }
  db.prepare('DELETE FROM health_samples WHERE at < ?').run(watermark);
  db.exec('DROP TABLE health_buckets');
  db.prepare('DELETE FROM health_meta WHERE key = ?').run(OLD_WATERMARK);
}
