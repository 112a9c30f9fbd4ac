/**
 * The packing job: the samples of every complete hour still in `health_samples` are folded into that check's
 * `health_hours` row — their 5-minute aggregates added to the row's — and, while the hour is within the raw
 * retention, merged into its `health_hour_samples` row; then they leave `health_samples`. All in one IMMEDIATE
 * transaction, so a sample is always either waiting or packed, never both and never neither. Then retention: raw
 * samples of hours older than 48 h go (the aggregates stay); hours, transitions and gaps older than 90 days go.
 * Counts, covered time and latency sums are added, never averaged, so totals over any range stay exact however late
 * a sample arrives; only the p95 of a bucket cannot be merged exactly (a late sample keeps the worse).
 */
import {
  type PackedSample,
  type SampleRow,
  HOUR_MS,
  SAMPLE_COLUMNS,
  decodeBuckets,
  decodeSamples,
  encodeBuckets,
  encodeSamples,
  packedSample,
} from './hour-codec';
import { bucketsOf, mergeBuckets, msByStatus } from './hour-buckets';
import { type Retention } from './retention';
import { type Database } from './store-schema';

export interface DownsampleResult {
  /** Samples of hours before this were packed. */
  until: number;
  /** Check-hours written. */
  hours: number;
  samples: number;
  /** Check-hours whose raw samples were dropped. */
  trimmedHours: number;
  deletedHours: number;
}

export function downsample(db: Database, now: number, retention: Retention): DownsampleResult {
  const run = db.transaction(() => {
    const until = Math.floor(now / HOUR_MS) * HOUR_MS;
    const result: DownsampleResult = { until, hours: 0, samples: 0, trimmedHours: 0, deletedHours: 0 };
    const ids = db.prepare('SELECT id FROM health_checks').pluck().all() as number[];
    // The newest hour whose end is at least the raw retention ago: its samples, and older ones', go.
    const trimThrough = Math.floor((now - retention.rawMs) / HOUR_MS) * HOUR_MS - HOUR_MS;

    const selectHot = db.prepare(
      `SELECT ${SAMPLE_COLUMNS} FROM health_samples WHERE check_id = ? AND at < ? ORDER BY at`,
    );
    const selectBuckets = db.prepare('SELECT buckets FROM health_hours WHERE check_id = ? AND hour = ?').pluck();
    const selectSamples = db.prepare('SELECT samples FROM health_hour_samples WHERE hour = ? AND check_id = ?').pluck();
    const writeBuckets = db.prepare(
      `INSERT OR REPLACE INTO health_hours (check_id, hour, up_ms, degraded_ms, down_ms, buckets)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const writeSamples = db.prepare(
      'INSERT OR REPLACE INTO health_hour_samples (hour, check_id, samples) VALUES (?, ?, ?)',
    );
    const dropHot = db.prepare('DELETE FROM health_samples WHERE check_id = ? AND at < ?');
    for (const id of ids) {
      // all(), not iterate(): one check's waiting samples (about an hour's) fit in memory, and node:sqlite's row
      // iterator costs about a third more per row.
      const hot = selectHot.all(id, until) as SampleRow[];
      if (hot.length === 0) continue;
      const byHour = new Map<number, PackedSample[]>();
      for (const r of hot) {
        const hour = Math.floor(r.at / HOUR_MS) * HOUR_MS;
        let list = byHour.get(hour);
        if (!list) byHour.set(hour, (list = []));
        list.push(packedSample(r));
      }
      for (const [hour, fresh] of byHour) {
        let added = fresh;
        if (hour > trimThrough) {
          const packed = selectSamples.get(hour, id) as Uint8Array | undefined;
          const united = unite(packed ? decodeSamples(hour, packed) : [], fresh, hour);
          added = united.added;
          writeSamples.run(hour, id, encodeSamples(hour, united.samples));
        }
        const old = selectBuckets.get(id, hour) as Uint8Array | undefined;
        const buckets = mergeBuckets(old ? decodeBuckets(old) : [], bucketsOf(added, hour, retention.bucketMs));
        writeBuckets.run(id, hour, ...msByStatus(buckets), encodeBuckets(buckets));
        result.hours++;
        result.samples += added.length;
      }
      dropHot.run(id, until);
    }

    result.trimmedHours = db.prepare('DELETE FROM health_hour_samples WHERE hour <= ?').run(trimThrough).changes;
    // A row goes once its whole hour is older than the aggregate retention.
    const oldest = now - retention.aggregateMs;
    const dropHours = db.prepare('DELETE FROM health_hours WHERE check_id = ? AND hour <= ?');
    for (const id of ids) result.deletedHours += dropHours.run(id, oldest - HOUR_MS).changes;
    db.prepare('DELETE FROM health_transitions WHERE at < ?').run(oldest);
    db.prepare('DELETE FROM health_gaps WHERE end < ?').run(oldest);
    return result;
  });
  return run.immediate();
}

/**
 * The hour's packed samples and the new ones, sorted by time. A new sample landing on the millisecond of a packed
 * one is nudged by a millisecond or few, as inserting does; one that finds no free millisecond is dropped (and not
 * counted in the aggregates either).
 */
function unite(
  packed: PackedSample[],
  fresh: PackedSample[],
  hour: number,
): { samples: PackedSample[]; added: PackedSample[] } {
  const taken = new Set(packed.map((s) => s.at));
  const added: PackedSample[] = [];
  for (const s of fresh) {
    for (let at = s.at; at < s.at + 10 && at < hour + HOUR_MS; at++) {
      if (taken.has(at)) continue;
      taken.add(at);
      added.push(at === s.at ? s : { ...s, at });
      break;
    }
  }
  const samples = packed.length === 0 ? added : [...packed, ...added].sort((a, b) => a.at - b.at);
  return { samples, added };
}
