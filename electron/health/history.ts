/**
 * Reads for the Health screen: chart series (raw samples for short recent ranges, aggregates otherwise), uptime
 * over 24 h / 7 d / 30 d, and SLO error-budget burn. Uptime is weighted by time (each sample speaks for the
 * interval until the next planned run), counts degraded as available, and leaves out "not watched" gaps
 * entirely: time nobody watched is neither up nor down.
 */
import { type Series, type SeriesPoint, type SloReport, type Uptime } from '../../shared/model/health';
import { type SloConfig } from '../../shared/workspace/health';
import { HOUR_MS, decodeBuckets } from './hour-codec';
import { STATUS_NAMES, percentileSorted } from './retention';
import { type HealthStore } from './store';

/** Ranges up to this long, inside the raw retention, are drawn sample by sample. */
const RAW_RANGE_MS = 6 * 3_600_000;

/** A group of aggregates, latencies in ms. */
interface AggRow {
  t: number;
  count: number;
  up: number;
  degraded: number;
  down: number;
  lat_n: number;
  lat_sum: number;
  lat_min: number | null;
  lat_max: number | null;
  lat_p95: number | null;
}

/** True when raw samples still cover [from, now): retention minus one bucket of slack for the job's timing. */
function rawCovers(store: HealthStore, from: number, now: number): boolean {
  return from >= now - store.retention.rawMs + store.retention.bucketMs;
}

export function series(
  store: HealthStore,
  key: string,
  from: number,
  to: number,
  now: number,
  maxPoints = 600,
): Series {
  const gaps = store.gaps(from, to);
  const id = store.existingId(key);
  if (id === undefined) return { key, from, to, resolutionMs: 0, points: [], gaps };
  if (to - from <= RAW_RANGE_MS && rawCovers(store, from, now)) {
    const points = store.samples(key, from, to).map((s) => {
      const l = s.latencyMs;
      return {
        at: s.at,
        count: 1,
        up: s.status === 'up' ? 1 : 0,
        degraded: s.status === 'degraded' ? 1 : 0,
        down: s.status === 'down' ? 1 : 0,
        latencyAvg: l,
        latencyMin: l,
        latencyMax: l,
        latencyP95: l,
      };
    });
    return { key, from, to, resolutionMs: 0, points, gaps };
  }
  const bucketMs = store.retention.bucketMs;
  const step = Math.max(bucketMs, Math.ceil((to - from) / maxPoints / bucketMs) * bucketMs);
  const firstBucket = Math.floor(from / bucketMs) * bucketMs;
  const groups = new Map<number, AggRow>();
  for (const { hour, buckets } of hourRows(store, id, firstBucket, to)) {
    for (const b of decodeBuckets(buckets)) {
      const start = hour + b.index * bucketMs;
      if (start < firstBucket || start >= to) continue;
      const t = start - (start % step);
      let g = groups.get(t);
      if (!g) {
        g = {
          t,
          count: 0,
          up: 0,
          degraded: 0,
          down: 0,
          lat_n: 0,
          lat_sum: 0,
          lat_min: null,
          lat_max: null,
          lat_p95: null,
        };
        groups.set(t, g);
      }
      g.count += b.counts[0] + b.counts[1] + b.counts[2];
      g.up += b.counts[0];
      g.degraded += b.counts[1];
      g.down += b.counts[2];
      g.lat_n += b.latN;
      g.lat_sum += b.latSumUs;
      g.lat_min = lower(g.lat_min, b.latMinUs);
      g.lat_max = higher(g.lat_max, b.latMaxUs);
      g.lat_p95 = higher(g.lat_p95, b.latP95Us);
    }
  }
  const points = new Map<number, SeriesPoint & { latN: number }>();
  for (const g of groups.values()) {
    const ms = (us: number | null) => (us === null ? null : us / 1000);
    points.set(
      g.t,
      toPoint({
        ...g,
        lat_sum: g.lat_sum / 1000,
        lat_min: ms(g.lat_min),
        lat_max: ms(g.lat_max),
        lat_p95: ms(g.lat_p95),
      }),
    );
  }
  // The newest samples are not packed yet: fold them in at the same step.
  const tail = new Map<number, { count: number; s: [number, number, number]; lat: number[] }>();
  for (const sample of store.unpackedSamples(key, from, to)) {
    const t = Math.floor(sample.at / step) * step;
    let g = tail.get(t);
    if (!g) tail.set(t, (g = { count: 0, s: [0, 0, 0], lat: [] }));
    g.count++;
    g.s[sample.status === 'up' ? 0 : sample.status === 'degraded' ? 1 : 2]++;
    if (sample.latencyMs !== null) g.lat.push(sample.latencyMs);
  }
  for (const [t, g] of tail) {
    const sorted = g.lat.sort((a, b) => a - b);
    const fresh = toPoint({
      t,
      count: g.count,
      up: g.s[0],
      degraded: g.s[1],
      down: g.s[2],
      lat_n: sorted.length,
      lat_sum: sorted.reduce((a, b) => a + b, 0),
      lat_min: sorted[0] ?? null,
      lat_max: sorted.at(-1) ?? null,
      lat_p95: percentileSorted(sorted, 0.95),
    });
    const old = points.get(t);
    points.set(t, old ? merge(old, fresh) : fresh);
  }
  const sorted = [...points.values()].sort((a, b) => a.at - b.at).map(({ latN: _latN, ...p }) => p);
  return { key, from, to, resolutionMs: step, points: sorted, gaps };
}

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The packed hours of one check that overlap [from, to), oldest first. */
function hourRows(store: HealthStore, id: number, from: number, to: number) {
  return store.db
    .prepare('SELECT hour, buckets FROM health_hours WHERE check_id = ? AND hour > ? AND hour < ? ORDER BY hour')
    .all(id, from - HOUR_MS, to) as Array<{ hour: number; buckets: Uint8Array }>;
}

function toPoint(r: AggRow): SeriesPoint & { latN: number } {
  return {
    at: r.t,
    count: r.count,
    up: r.up,
    degraded: r.degraded,
    down: r.down,
    latencyAvg: r.lat_n > 0 ? r.lat_sum / r.lat_n : null,
    latencyMin: r.lat_min,
    latencyMax: r.lat_max,
    latencyP95: r.lat_p95,
    latN: r.lat_n,
  };
}

function merge(a: SeriesPoint & { latN: number }, b: SeriesPoint & { latN: number }): SeriesPoint & { latN: number } {
  const latN = a.latN + b.latN;
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) =>
    x === null ? y : y === null ? x : f(x, y);
  return {
    at: a.at,
    count: a.count + b.count,
    up: a.up + b.up,
    degraded: a.degraded + b.degraded,
    down: a.down + b.down,
    latencyAvg: latN > 0 ? ((a.latencyAvg ?? 0) * a.latN + (b.latencyAvg ?? 0) * b.latN) / latN : null,
    latencyMin: pick(a.latencyMin, b.latencyMin, Math.min),
    latencyMax: pick(a.latencyMax, b.latencyMax, Math.max),
    latencyP95: pick(a.latencyP95, b.latencyP95, Math.max),
    latN,
  };
}

/**
 * Covered time by status for one check over [from, to): whole hours from the rows' sums, the partial hours at
 * either end sample by sample while raw samples cover the range (exact) or else bucket by bucket (5-minute
 * aligned), plus the samples not packed yet.
 */
function coveredTime(store: HealthStore, id: number, from: number, to: number, now: number) {
  const totals = { up: 0, degraded: 0, down: 0 };
  if (to <= from) return totals;
  const exact = rawCovers(store, from, now);
  const firstWhole = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastWhole = Math.floor(to / HOUR_MS) * HOUR_MS;
  const edges: Array<[number, number]> = [];
  if (firstWhole <= lastWhole) {
    if (firstWhole < lastWhole) {
      const whole = store.db
        .prepare(
          `SELECT coalesce(sum(up_ms), 0) AS up, coalesce(sum(degraded_ms), 0) AS degraded, coalesce(sum(down_ms), 0) AS down
           FROM health_hours WHERE check_id = ? AND hour >= ? AND hour < ?`,
        )
        .get(id, firstWhole, lastWhole) as typeof totals;
      totals.up += whole.up;
      totals.degraded += whole.degraded;
      totals.down += whole.down;
    }
    if (from < firstWhole) edges.push([from, firstWhole]);
    if (lastWhole < to) edges.push([lastWhole, to]);
  } else {
    edges.push([from, to]);
  }
  const bucketMs = store.retention.bucketMs;
  const readBuckets = store.db.prepare('SELECT buckets FROM health_hours WHERE check_id = ? AND hour = ?').pluck();
  for (const [a, b] of edges) {
    const hour = Math.floor(a / HOUR_MS) * HOUR_MS;
    const samples = exact ? store.hourSamples(id, hour) : undefined;
    if (samples) {
      for (const s of samples) if (s.at >= a && s.at < b) totals[STATUS_NAMES[s.status] ?? 'down'] += s.coverMs;
      continue;
    }
    const blob = readBuckets.get(id, hour) as Uint8Array | undefined;
    if (!blob) continue;
    const firstBucket = Math.floor(a / bucketMs) * bucketMs;
    for (const bucket of decodeBuckets(blob)) {
      const start = hour + bucket.index * bucketMs;
      if (start < firstBucket || start >= b) continue;
      totals.up += bucket.ms[0];
      totals.degraded += bucket.ms[1];
      totals.down += bucket.ms[2];
    }
  }
  const waiting = store.db
    .prepare(
      'SELECT status, sum(cover_ms) AS ms FROM health_samples WHERE check_id = ? AND at >= ? AND at < ? GROUP BY status',
    )
    .all(id, from, to) as Array<{ status: number; ms: number }>;
  for (const r of waiting) totals[STATUS_NAMES[r.status] ?? 'down'] += r.ms;
  return totals;
}

function overlap(store: HealthStore, from: number, to: number): number {
  return store.gaps(from, to).reduce((sum, g) => sum + Math.max(0, Math.min(g.end, to) - Math.max(g.start, from)), 0);
}

export function uptime(store: HealthStore, key: string, windowMs: number, now: number): Uptime {
  const from = now - windowMs;
  const notWatchedMs = overlap(store, from, now);
  const id = store.existingId(key);
  if (id === undefined) return { windowMs, percent: null, watchedMs: 0, downMs: 0, notWatchedMs };
  const t = coveredTime(store, id, from, now, now);
  const watchedMs = t.up + t.degraded + t.down;
  const percent = watchedMs > 0 ? ((watchedMs - t.down) / watchedMs) * 100 : null;
  return { windowMs, percent, watchedMs, downMs: t.down, notWatchedMs };
}

/** Uptime for the three windows the Health screen shows. */
export function uptimes(store: HealthStore, key: string, now: number): { day: Uptime; week: Uptime; month: Uptime } {
  return {
    day: uptime(store, key, 86_400_000, now),
    week: uptime(store, key, 7 * 86_400_000, now),
    month: uptime(store, key, 30 * 86_400_000, now),
  };
}

/**
 * A service's SLO from the checks that speak for it (its critical checks, else all): the worst check's
 * availability decides, since any of them failing is the service failing. The budget is the allowed downtime of
 * the time actually watched; burn rate is the down share of the last 1 h / 6 h over the allowed share.
 */
export function sloReport(store: HealthStore, keys: string[], slo: SloConfig, now: number): SloReport {
  const allowed = 1 - slo.target / 100;
  let worst: Uptime | undefined;
  for (const key of keys) {
    const u = uptime(store, key, slo.window, now);
    if (u.percent !== null && (worst?.percent == null || u.percent < worst.percent)) worst = u;
  }
  const burn = (windowMs: number): number | null => {
    let rate: number | null = null;
    for (const key of keys) {
      const u = uptime(store, key, windowMs, now);
      if (u.watchedMs === 0 || allowed <= 0) continue;
      const r = u.downMs / u.watchedMs / allowed;
      rate = rate === null ? r : Math.max(rate, r);
    }
    return rate;
  };
  const budgetMs = worst ? allowed * worst.watchedMs : 0;
  const used = worst?.downMs ?? 0;
  return {
    targetPercent: slo.target,
    windowMs: slo.window,
    availabilityPercent: worst?.percent ?? null,
    budgetMs,
    budgetUsedMs: used,
    budgetRemainingPercent: budgetMs > 0 ? (1 - used / budgetMs) * 100 : null,
    burnRate1h: burn(3_600_000),
    burnRate6h: burn(6 * 3_600_000),
  };
}
