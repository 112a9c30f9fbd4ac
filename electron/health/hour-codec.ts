/**
 * The encoding of one check's hour in `health_hours`: its raw samples (exact) and its 5-minute aggregates
 * (latencies to 0.5 %). A month of 200 checks is 144 000 such hours, so every byte per hour is 0.14 MB a month:
 * regular timestamps cost one byte (delta of deltas), statuses and covered times are run-length, reasons and
 * metrics are written only where a sample has them, and aggregates are written as residuals from what the rest
 * of the hour predicts (count × typical cover, latency count = up + degraded) so the usual bucket costs a few bytes.
 */
import { ByteReader, ByteWriter } from './varint';

export const HOUR_MS = 3_600_000;

/** One sample as stored: status 0 up, 1 degraded, 2 down; latency in whole microseconds. */
export interface PackedSample {
  at: number;
  status: number;
  latencyUs: number | null;
  coverMs: number;
  /** Only for samples that were not up. */
  reason: string | null;
  /** The metrics' JSON text, as inserted. */
  metrics: string | null;
}

/** One 5-minute aggregate; `index` is its place in the hour (0 … 11). Latencies in microseconds. */
/** A row of `health_samples` (the samples not packed yet), as read with SAMPLE_COLUMNS. */
export interface SampleRow {
  at: number;
  status: number;
  latency_us: number | null;
  cover_ms: number;
  reason: string | null;
  metrics: string | null;
}

export const SAMPLE_COLUMNS = 'at, status, latency_us, cover_ms, reason, metrics';

/** A waiting sample as the codec takes it. */
export function packedSample(r: SampleRow): PackedSample {
  return {
    at: r.at,
    status: r.status,
    latencyUs: r.latency_us,
    coverMs: r.cover_ms,
    reason: r.reason,
    metrics: r.metrics,
  };
}

export interface HourBucket {
  index: number;
  /** Samples by status: up, degraded, down. */
  counts: [number, number, number];
  /** Covered time by status: up, degraded, down. */
  ms: [number, number, number];
  latN: number;
  latSumUs: number;
  latMinUs: number | null;
  latMaxUs: number | null;
  latP95Us: number | null;
}

// ---- samples --------------------------------------------------------------------------------------------------

/** Samples must be sorted by `at`, with distinct `at`, all inside the hour starting at `hour`. */
export function encodeSamples(hour: number, samples: readonly PackedSample[]): Uint8Array {
  const w = new ByteWriter();
  w.uint(samples.length);
  let prev = hour;
  let prevDelta = 0;
  for (const s of samples) {
    const delta = s.at - prev;
    w.int(delta - prevDelta);
    prev = s.at;
    prevDelta = delta;
  }
  for (const s of samples) w.uint(s.latencyUs === null ? 0 : s.latencyUs + 1);
  writeRuns(
    w,
    samples.map((s) => s.status),
  );
  writeRuns(
    w,
    samples.map((s) => s.coverMs),
  );
  // Reasons repeat ("503 from /health/ready"): the second time is a one-byte reference.
  const seen = new Map<string, number>();
  for (const s of samples) {
    if (s.status === 0) continue;
    const reason = s.reason ?? '';
    const ref = seen.get(reason);
    if (ref !== undefined) {
      w.uint(ref + 1);
    } else {
      w.uint(0);
      w.string(reason);
      seen.set(reason, seen.size);
    }
  }
  const withMetrics = samples.flatMap((s, i) => (s.metrics === null ? [] : [{ i, metrics: s.metrics }]));
  w.uint(withMetrics.length);
  let prevIndex = 0;
  for (const { i, metrics } of withMetrics) {
    w.uint(i - prevIndex);
    w.string(metrics);
    prevIndex = i;
  }
  return w.finish();
}

export function decodeSamples(hour: number, blob: Uint8Array): PackedSample[] {
  const r = new ByteReader(blob);
  const n = r.uint();
  const out: PackedSample[] = [];
  let at = hour;
  let delta = 0;
  for (let i = 0; i < n; i++) {
    delta += r.int();
    at += delta;
    out.push({ at, status: 0, latencyUs: null, coverMs: 0, reason: null, metrics: null });
  }
  for (const s of out) {
    const l = r.uint();
    s.latencyUs = l === 0 ? null : l - 1;
  }
  readRuns(r, n, (i, v) => ((out[i] as PackedSample).status = v));
  readRuns(r, n, (i, v) => ((out[i] as PackedSample).coverMs = v));
  const table: string[] = [];
  for (const s of out) {
    if (s.status === 0) continue;
    const ref = r.uint();
    if (ref === 0) {
      const reason = r.string();
      table.push(reason);
      s.reason = reason;
    } else {
      s.reason = table[ref - 1] ?? damaged('a reason refers to nothing');
    }
  }
  let index = 0;
  for (let k = r.uint(); k > 0; k--) {
    index += r.uint();
    const s = out[index] ?? damaged('metrics of a sample that is not there');
    s.metrics = r.string();
  }
  return out;
}

function writeRuns(w: ByteWriter, values: number[]): void {
  const runs: Array<[number, number]> = [];
  for (const v of values) {
    const last = runs.at(-1);
    if (last && last[0] === v) last[1]++;
    else runs.push([v, 1]);
  }
  w.uint(runs.length);
  for (const [v, n] of runs) {
    w.uint(v);
    w.uint(n);
  }
}

function readRuns(r: ByteReader, total: number, set: (index: number, value: number) => void): void {
  let i = 0;
  for (let runs = r.uint(); runs > 0; runs--) {
    const v = r.uint();
    const n = r.uint();
    if (i + n > total) damaged('a run is longer than the hour');
    for (let k = 0; k < n; k++) set(i++, v);
  }
}

// ---- aggregates -----------------------------------------------------------------------------------------------

/** Buckets must be sorted by index, each with at least one sample. */
export function encodeBuckets(buckets: readonly HourBucket[]): Uint8Array {
  const w = new ByteWriter();
  let mask = 0;
  for (const b of buckets) mask += 2 ** b.index;
  w.uint(mask);
  const count = (b: HourBucket) => b.counts[0] + b.counts[1] + b.counts[2];
  const totalCount = buckets.reduce((n, b) => n + count(b), 0);
  const totalMs = buckets.reduce((n, b) => n + b.ms[0] + b.ms[1] + b.ms[2], 0);
  // Every sample usually covers the check's interval: covered time is then count × typical, residual 0.
  const typical = totalCount > 0 ? Math.round(totalMs / totalCount) : 0;
  w.uint(typical);
  // Counts as changes from the bucket before, covered time and latency counts as residuals: all three are lists of
  // (position, value) for the non-zero entries only, usually one count and nothing else.
  writeSparse(
    w,
    buckets.map((b, i) => count(b) - (i > 0 ? count(buckets[i - 1] as HourBucket) : 0)),
  );
  const troubled = buckets.filter((b) => b.counts[1] > 0 || b.counts[2] > 0);
  w.uint(troubled.length);
  for (const b of troubled) {
    w.uint(b.index);
    w.uint(b.counts[1]);
    w.uint(b.counts[2]);
    w.int(b.ms[1] - b.counts[1] * typical);
    w.int(b.ms[2] - b.counts[2] * typical);
  }
  writeSparse(
    w,
    buckets.map((b) => b.ms[0] + b.ms[1] + b.ms[2] - count(b) * typical),
  );
  writeSparse(
    w,
    buckets.map((b) => b.latN - b.counts[0] - b.counts[1]),
  );
  let prevAvg = 0;
  for (const b of buckets) {
    if (b.latN === 0) continue;
    const avg = latencyCode(b.latSumUs / b.latN);
    w.int(avg - prevAvg);
    const max = latencyCode(b.latMaxUs ?? 0);
    w.int(avg - latencyCode(b.latMinUs ?? 0));
    w.int(max - avg);
    w.int(max - latencyCode(b.latP95Us ?? 0));
    prevAvg = avg;
  }
  return w.finish();
}

export function decodeBuckets(blob: Uint8Array): HourBucket[] {
  const r = new ByteReader(blob);
  let mask = r.uint();
  const out: HourBucket[] = [];
  for (let index = 0; mask > 0; index++, mask = Math.floor(mask / 2)) {
    if (mask % 2 === 1) {
      out.push(emptyBucket(index));
    }
  }
  const typical = r.uint();
  const counts: number[] = [];
  let prevCount = 0;
  for (const change of readSparse(r, out.length)) {
    prevCount += change;
    counts.push(prevCount);
  }
  out.forEach((b, i) => (b.counts[0] = counts[i] ?? 0));
  for (let k = r.uint(); k > 0; k--) {
    const index = r.uint();
    const b = out.find((x) => x.index === index) ?? damaged('a bucket that is not there');
    b.counts[1] = r.uint();
    b.counts[2] = r.uint();
    b.counts[0] -= b.counts[1] + b.counts[2];
    b.ms[1] = b.counts[1] * typical + r.int();
    b.ms[2] = b.counts[2] * typical + r.int();
  }
  const msResiduals = readSparse(r, out.length);
  out.forEach((b, i) => (b.ms[0] = (counts[i] ?? 0) * typical + (msResiduals[i] ?? 0) - b.ms[1] - b.ms[2]));
  const latResiduals = readSparse(r, out.length);
  out.forEach((b, i) => (b.latN = b.counts[0] + b.counts[1] + (latResiduals[i] ?? 0)));
  let prevAvg = 0;
  for (const b of out) {
    if (b.latN === 0) continue;
    const avg = prevAvg + r.int();
    const min = avg - r.int();
    const max = avg + r.int();
    const p95 = max - r.int();
    b.latSumUs = latencyFromCode(avg) * b.latN;
    b.latMinUs = latencyFromCode(min);
    b.latMaxUs = latencyFromCode(max);
    b.latP95Us = latencyFromCode(p95);
    prevAvg = avg;
  }
  return out;
}

/** A list of integers that are mostly zero: how many are not, then each one's position (from the last) and value. */
function writeSparse(w: ByteWriter, values: number[]): void {
  const nonZero = values.flatMap((v, i) => (v === 0 ? [] : [i]));
  w.uint(nonZero.length);
  let prev = 0;
  for (const i of nonZero) {
    w.uint(i - prev);
    w.int(values[i] ?? 0);
    prev = i;
  }
}

function readSparse(r: ByteReader, length: number): number[] {
  const values = new Array<number>(length).fill(0);
  let i = 0;
  for (let k = r.uint(); k > 0; k--) {
    i += r.uint();
    if (i >= length) damaged('a value past the last bucket');
    values[i] = r.int();
  }
  return values;
}

/**
 * Latency to three significant digits (error ≤ 0.5 %), as one integer code that grows with the latency, so the
 * codes of similar latencies are close and their differences small. Below 1 ms the code is the microseconds
 * themselves; round figures (20 ms, 145 ms, 1 s) come back exactly.
 */
export function latencyCode(us: number): number {
  const v = Math.max(0, us);
  if (v < 999.5) return Math.round(v);
  let e = 1;
  while (v / 10 ** e >= 999.5) e++;
  return 1000 + (e - 1) * 900 + Math.round(v / 10 ** e) - 100;
}

export function latencyFromCode(code: number): number {
  if (code < 1000) return code;
  const e = 1 + Math.floor((code - 1000) / 900);
  return (100 + ((code - 1000) % 900)) * 10 ** e;
}

function damaged(what: string): never {
  throw new RangeError(`health history record is damaged: ${what}`);
}

/** A bucket with nothing in it yet: what samples and decoded figures are added to. */
export function emptyBucket(index: number): HourBucket {
  return {
    index,
    counts: [0, 0, 0],
    ms: [0, 0, 0],
    latN: 0,
    latSumUs: 0,
    latMinUs: null,
    latMaxUs: null,
    latP95Us: null,
  };
}
