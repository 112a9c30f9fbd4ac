import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthSample, type OutcomeStatus } from '../../shared/model/health';
import { decodeBuckets } from './hour-codec';
import { series, sloReport, uptime } from './history';
import { HealthStore } from './store';
import { migrateHealth } from './store-schema';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A bucket-aligned "now" keeps the arithmetic of the expectations plain.
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

const dbs: Database[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function newStore(): HealthStore {
  const db = new Database(':memory:');
  dbs.push(db);
  migrateHealth(db);
  return new HealthStore(db);
}

/** A small deterministic random sequence (the totals must be checkable, not just plausible). */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function sample(
  key: string,
  at: number,
  status: OutcomeStatus,
  latencyMs: number | null,
  coverMs = 30_000,
): HealthSample {
  return { key, at, status, latencyMs, reason: status === 'up' ? 'ok' : `${status} on purpose`, coverMs };
}

interface Totals {
  count: number;
  up: number;
  degraded: number;
  down: number;
  latSum: number;
  latMin: number;
  latMax: number;
  downMs: number;
  watchedMs: number;
}

function emptyTotals(): Totals {
  return {
    count: 0,
    up: 0,
    degraded: 0,
    down: 0,
    latSum: 0,
    latMin: Infinity,
    latMax: -Infinity,
    downMs: 0,
    watchedMs: 0,
  };
}

function totalsOf(samples: HealthSample[]): Totals {
  const t = emptyTotals();
  for (const s of samples) {
    t.count++;
    t[s.status]++;
    t.watchedMs += s.coverMs;
    if (s.status === 'down') t.downMs += s.coverMs;
    if (s.latencyMs !== null) {
      t.latSum += s.latencyMs;
      t.latMin = Math.min(t.latMin, s.latencyMs);
      t.latMax = Math.max(t.latMax, s.latencyMs);
    }
  }
  return t;
}

/** The decoded 5-minute aggregates of every packed hour of one check, with the hour each belongs to. */
function packedBuckets(store: HealthStore, key: string) {
  const rows = store.db
    .prepare('SELECT hour, up_ms, degraded_ms, down_ms, buckets FROM health_hours WHERE check_id = ? ORDER BY hour')
    .all(store.existingId(key) ?? null) as Array<{
    hour: number;
    up_ms: number;
    degraded_ms: number;
    down_ms: number;
    buckets: Uint8Array;
  }>;
  return rows.map((r) => ({ ...r, decoded: decodeBuckets(r.buckets) }));
}

/**
 * Totals as the store holds them after packing: the hours' aggregates plus the samples not packed yet. Covered
 * time is summed twice, from the rows' columns (what uptime reads) and from the decoded buckets: both must agree.
 */
function storedTotals(store: HealthStore, key: string): Totals {
  const agg = emptyTotals();
  for (const row of packedBuckets(store, key)) {
    let rowMs = 0;
    for (const b of row.decoded) {
      agg.count += b.counts[0] + b.counts[1] + b.counts[2];
      agg.up += b.counts[0];
      agg.degraded += b.counts[1];
      agg.down += b.counts[2];
      agg.latSum += b.latSumUs / 1000;
      if (b.latMinUs !== null) agg.latMin = Math.min(agg.latMin, b.latMinUs / 1000);
      if (b.latMaxUs !== null) agg.latMax = Math.max(agg.latMax, b.latMaxUs / 1000);
      agg.downMs += b.ms[2];
      rowMs += b.ms[0] + b.ms[1] + b.ms[2];
    }
    expect(row.up_ms + row.degraded_ms + row.down_ms).toBe(rowMs);
    agg.watchedMs += rowMs;
  }
  const raw = totalsOf(store.unpackedSamples(key, 0, NOW + DAY));
  return {
    count: agg.count + raw.count,
    up: agg.up + raw.up,
    degraded: agg.degraded + raw.degraded,
    down: agg.down + raw.down,
    latSum: agg.latSum + raw.latSum,
    latMin: Math.min(agg.latMin, raw.latMin),
    latMax: Math.max(agg.latMax, raw.latMax),
    downMs: agg.downMs + raw.downMs,
    watchedMs: agg.watchedMs + raw.watchedMs,
  };
}

/** Aggregated latencies keep three significant digits: within 0.5 % of the truth. */
function expectWithinHalfPercent(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.005);
}

describe('downsampling', () => {
  it('keeps every total right while raw samples older than 48 h go', () => {
    const store = newStore();
    const random = lcg(42);
    const written = new Map<string, HealthSample[]>([
      ['a', []],
      ['b', []],
    ]);
    // Three days of two checks every 30 s, downsampled every 5 minutes as the app does.
    for (let at = NOW - 3 * DAY; at < NOW; at += 30_000) {
      for (const key of ['a', 'b']) {
        const r = random();
        const status: OutcomeStatus = r < 0.9 ? 'up' : r < 0.95 ? 'degraded' : 'down';
        const s = sample(
          key,
          at + (key === 'b' ? 7_000 : 0),
          status,
          status === 'down' && r > 0.98 ? null : Math.round(random() * 50_000) / 100,
          status === 'up' ? 30_000 : 10_000,
        );
        store.insertSample(s);
        written.get(key)?.push(s);
      }
      if ((at + 30_000) % (5 * MIN) === 0) store.downsample(at + 30_000 + 1_000);
    }
    store.downsample(NOW);

    for (const key of ['a', 'b']) {
      const expected = totalsOf(written.get(key) ?? []);
      const stored = storedTotals(store, key);
      expect(stored.count).toBe(expected.count);
      expect(stored.up).toBe(expected.up);
      expect(stored.degraded).toBe(expected.degraded);
      expect(stored.down).toBe(expected.down);
      expect(stored.downMs).toBe(expected.downMs);
      expect(stored.watchedMs).toBe(expected.watchedMs);
      expectWithinHalfPercent(stored.latSum, expected.latSum);
      expectWithinHalfPercent(stored.latMin, expected.latMin);
      expectWithinHalfPercent(stored.latMax, expected.latMax);
      // Only the last 48 h of raw samples remain, exactly as written.
      const raw = store.samples(key, 0, NOW + DAY);
      expect(raw[0]?.at).toBeGreaterThanOrEqual(NOW - 48 * HOUR);
      expect(raw.length).toBeLessThanOrEqual(48 * 120);
      const writtenLast48h = (written.get(key) ?? []).filter((s) => s.at >= NOW - 48 * HOUR);
      expect(raw).toEqual(writtenLast48h.map((s) => ({ ...s, reason: s.status === 'up' ? 'up' : s.reason })));
      // Every sample is packed exactly once: nothing of a complete hour is left waiting.
      expect(store.unpackedSamples(key, 0, NOW + DAY)).toEqual([]);
    }
    // 3 days of 5-minute buckets per check, in one row per check per hour.
    expect(store.db.prepare('SELECT count(*) FROM health_hours').pluck().get()).toBe(2 * 3 * 24);
    const buckets = ['a', 'b'].reduce(
      (n, key) => n + packedBuckets(store, key).reduce((m, r) => m + r.decoded.length, 0),
      0,
    );
    expect(buckets).toBe(2 * 3 * 288);
  });

  it('summarises one bucket: counts, min, average, max and p95 of its samples', () => {
    const store = newStore();
    const start = NOW - HOUR;
    const latencies = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    latencies.forEach((l, i) => store.insertSample(sample('a', start + i * 30_000, i === 9 ? 'down' : 'up', l)));
    store.downsample(NOW);
    const [row] = packedBuckets(store, 'a');
    expect(row?.hour).toBe(start);
    expect(row?.decoded).toHaveLength(1);
    expect(row?.decoded[0]).toMatchObject({
      index: 0,
      counts: [9, 0, 1],
      latN: 10,
      latMinUs: 10_000,
      latMaxUs: 1_000_000,
      latP95Us: 1_000_000,
    });
    expect((row?.decoded[0]?.latSumUs ?? 0) / (row?.decoded[0]?.latN ?? 1)).toBe(145_000);
    // The same through the chart: more than 6 h reads the aggregates.
    const chart = series(store, 'a', NOW - 7 * HOUR, NOW, NOW);
    expect(chart.resolutionMs).toBe(5 * MIN);
    expect(chart.points).toEqual([
      {
        at: start,
        count: 10,
        up: 9,
        degraded: 0,
        down: 1,
        latencyAvg: 145,
        latencyMin: 10,
        latencyMax: 1000,
        latencyP95: 1000,
      },
    ]);
  });

  it('counts a sample that arrives after its hour was packed once, and keeps it with the raw samples', () => {
    const store = newStore();
    const hour = NOW - 2 * HOUR;
    for (let at = hour; at < hour + HOUR; at += MIN) store.insertSample(sample('a', at, 'up', 20, MIN));
    store.downsample(NOW);
    // Late, and on a millisecond a packed sample already has: nudged by one, as inserting does.
    store.insertSample(sample('a', hour + 10 * MIN, 'down', null, MIN));
    expect(uptime(store, 'a', DAY, NOW)).toMatchObject({ watchedMs: 61 * MIN, downMs: MIN });
    store.downsample(NOW);
    expect(store.unpackedSamples('a', 0, NOW)).toEqual([]);
    expect(uptime(store, 'a', DAY, NOW)).toMatchObject({ watchedMs: 61 * MIN, downMs: MIN });
    expect(uptime(store, 'a', 7 * DAY, NOW)).toMatchObject({ watchedMs: 61 * MIN, downMs: MIN });
    const raw = store.samples('a', hour, hour + HOUR);
    expect(raw).toHaveLength(61);
    expect(raw.filter((s) => s.status === 'down').map((s) => s.at)).toEqual([hour + 10 * MIN + 1]);
    const chart = series(store, 'a', NOW - 7 * HOUR, NOW, NOW);
    expect(chart.points.reduce((n, p) => n + p.count, 0)).toBe(61);
    expect(chart.points.find((p) => p.at === hour + 10 * MIN)).toMatchObject({ count: 6, down: 1, latencyAvg: 20 });
  });

  it('drops aggregates, transitions and gaps after 90 days', () => {
    const store = newStore();
    store.insertSample(sample('a', NOW - 91 * DAY, 'up', 5));
    store.insertSample(sample('a', NOW - 89 * DAY, 'up', 5));
    store.insertTransition({ key: 'a', at: NOW - 91 * DAY, from: 'unknown', to: 'up', reason: 'ok', flapping: false });
    store.insertGap({ start: NOW - 92 * DAY, end: NOW - 91 * DAY, reason: 'asleep' });
    store.downsample(NOW);
    expect(store.db.prepare('SELECT hour FROM health_hours').pluck().all()).toEqual([NOW - 89 * DAY]);
    expect(store.transitions('a', 0, NOW)).toEqual([]);
    expect(store.gaps(0, NOW)).toEqual([]);
  });
});

describe('uptime', () => {
  /** Up 12 h, asleep 6 h (not watched), down 1 h, up 5 h: the last 24 h. */
  function dayWithASleep(store: HealthStore) {
    const start = NOW - 24 * HOUR;
    for (let at = start; at < NOW; at += MIN) {
      const h = (at - start) / HOUR;
      if (h >= 12 && h < 18) continue;
      store.insertSample(sample('a', at, h >= 18 && h < 19 ? 'down' : 'up', 12, MIN));
    }
    store.insertGap({ start: start + 12 * HOUR, end: start + 18 * HOUR, reason: 'asleep' });
  }

  it('leaves the time nobody watched out, neither up nor down', () => {
    const store = newStore();
    dayWithASleep(store);
    const day = uptime(store, 'a', DAY, NOW);
    // 18 h watched, 1 h of it down. Counting the sleep as up would say 23/24; as down, 17/24.
    expect(day.percent).toBeCloseTo((17 / 18) * 100, 10);
    expect(day).toMatchObject({ watchedMs: 18 * HOUR, downMs: HOUR, notWatchedMs: 6 * HOUR });
  });

  it('gives the same answer from aggregates as from raw samples', () => {
    const store = newStore();
    dayWithASleep(store);
    store.downsample(NOW);
    // 7 days reaches past the raw retention, so it reads aggregates (plus the raw tail).
    const week = uptime(store, 'a', 7 * DAY, NOW);
    expect(week.percent).toBeCloseTo((17 / 18) * 100, 10);
    expect(week.notWatchedMs).toBe(6 * HOUR);
    expect(uptime(store, 'never-ran', DAY, NOW).percent).toBeNull();
  });

  it("reports an SLO's error budget and how fast it burns", () => {
    const store = newStore();
    // 10 h watched, the last 3 minutes down. 99 % allows 6 min of the 10 h: half is used.
    for (let at = NOW - 10 * HOUR; at < NOW; at += MIN)
      store.insertSample(sample('a', at, at >= NOW - 3 * MIN ? 'down' : 'up', 9, MIN));
    const report = sloReport(store, ['a'], { target: 99, window: 30 * DAY }, NOW);
    expect(report.availabilityPercent).toBeCloseTo(99.5, 10);
    expect(report.budgetMs).toBeCloseTo(6 * MIN, 6);
    expect(report.budgetUsedMs).toBe(3 * MIN);
    expect(report.budgetRemainingPercent).toBeCloseTo(50, 6);
    // The last hour was 5 % down against 1 % allowed: burning 5× too fast.
    expect(report.burnRate1h).toBeCloseTo(5, 6);
    expect(report.burnRate6h).toBeCloseTo(5 / 6, 6);
  });
});

describe('chart series', () => {
  it('draws recent short ranges sample by sample and long ones from aggregates, with gaps', () => {
    const store = newStore();
    for (let at = NOW - 10 * DAY; at < NOW; at += MIN) {
      if (at >= NOW - 5 * DAY && at < NOW - 4 * DAY) continue;
      store.insertSample(sample('a', at, 'up', 20, MIN));
    }
    store.insertGap({ start: NOW - 5 * DAY, end: NOW - 4 * DAY, reason: 'not-running' });
    store.downsample(NOW - 2 * MIN); // the newest minutes are not aggregated yet

    const hour = series(store, 'a', NOW - HOUR, NOW, NOW);
    expect(hour.resolutionMs).toBe(0);
    expect(hour.points).toHaveLength(60);

    const month = series(store, 'a', NOW - 30 * DAY, NOW, NOW);
    expect(month.resolutionMs).toBe(75 * MIN); // 30 days in at most 600 points, in whole 5-minute buckets
    expect(month.points.length).toBeLessThanOrEqual(600);
    expect(month.points.reduce((n, p) => n + p.count, 0)).toBe(9 * 1440); // every sample, including the raw tail
    expect(month.points.every((p) => p.latencyAvg === 20 && p.latencyP95 === 20)).toBe(true);
    expect(month.gaps).toEqual([{ start: NOW - 5 * DAY, end: NOW - 4 * DAY, reason: 'not-running' }]);
  });
});
