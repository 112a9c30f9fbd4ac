/**
 * Reads for the Health screen: chart series (raw samples for short recent ranges, aggregates otherwise), uptime
 * over 24 h / 7 d / 30 d, and SLO error-budget burn. Uptime is weighted by time (each sample speaks for the
 * interval until the next planned run), counts degraded as available, and leaves out "not watched" gaps
 * entirely: time nobody watched is neither up nor down.
 */
import { type Series, type SeriesPoint, type SloReport, type Uptime } from '../../shared/model/health';
import { type SloConfig } from '../../shared/workspace/health';
import { readWatermark } from './downsample';
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
  const watermark = readWatermark(store.db);
  const aggregated = store.db
    .prepare(
      `SELECT bucket - bucket % ? AS t, sum(up + degraded + down) AS count, sum(up) AS up, sum(degraded) AS degraded,
              sum(down) AS down, sum(lat_n) AS lat_n, sum(lat_sum_us) / 1000.0 AS lat_sum,
              min(lat_min_us) / 1000.0 AS lat_min, max(lat_max_us) / 1000.0 AS lat_max, max(lat_p95_us) / 1000.0 AS lat_p95
       FROM health_buckets WHERE check_id = ? AND bucket >= ? AND bucket < ? GROUP BY t ORDER BY t`,
    )
    .all(step, id, Math.floor(from / bucketMs) * bucketMs, Math.min(to, watermark)) as AggRow[];
  // (`%` in SQLite is integer arithmetic whatever the binding's type, so buckets group exactly.)
  const points = new Map<number, SeriesPoint & { latN: number }>();
  for (const r of aggregated) points.set(r.t, toPoint(r));
  // The newest minutes are not aggregated yet: fold their raw samples in at the same step.
  const tail = new Map<number, { count: number; s: [number, number, number]; lat: number[] }>();
  for (const sample of store.samples(key, Math.max(from, watermark), to)) {
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

/** Covered time by status for one check over [from, to). */
function coveredTime(store: HealthStore, id: number, from: number, to: number, now: number) {
  const totals = { up: 0, degraded: 0, down: 0 };
  const addRaw = (a: number, b: number) => {
    if (b <= a) return;
    const rows = store.db
      .prepare(
        'SELECT status, sum(cover_ms) AS ms FROM health_samples WHERE check_id = ? AND at >= ? AND at < ? GROUP BY status',
      )
      .all(id, a, b) as Array<{ status: number; ms: number }>;
    for (const r of rows) totals[STATUS_NAMES[r.status] ?? 'down'] += r.ms;
  };
  if (rawCovers(store, from, now)) {
    addRaw(from, to);
    return totals;
  }
  const watermark = readWatermark(store.db);
  const bucketMs = store.retention.bucketMs;
  const agg = store.db
    .prepare(
      `SELECT coalesce(sum(up_ms), 0) AS up, coalesce(sum(degraded_ms), 0) AS degraded, coalesce(sum(down_ms), 0) AS down
       FROM health_buckets WHERE check_id = ? AND bucket >= ? AND bucket < ?`,
    )
    .get(id, Math.floor(from / bucketMs) * bucketMs, Math.min(to, watermark)) as typeof totals;
  totals.up += agg.up;
  totals.degraded += agg.degraded;
  totals.down += agg.down;
  addRaw(Math.max(from, watermark), to);
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
