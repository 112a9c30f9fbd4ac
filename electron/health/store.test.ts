import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthSample, type OutcomeStatus } from '../../shared/model/health';
import { readWatermark } from './downsample';
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

function totalsOf(samples: HealthSample[]): Totals {
  const t: Totals = {
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

/** Totals as the store holds them after downsampling: aggregates below the watermark, raw samples above. */
function storedTotals(store: HealthStore, key: string): Totals {
  const id = store.existingId(key);
  const agg = store.db
    .prepare(
      `SELECT sum(up + degraded + down) AS count, sum(up) AS up, sum(degraded) AS degraded, sum(down) AS down,
              sum(lat_sum_us) / 1000.0 AS latSum, min(lat_min_us) / 1000.0 AS latMin,
              max(lat_max_us) / 1000.0 AS latMax, sum(down_ms) AS downMs,
              sum(up_ms) + sum(degraded_ms) + sum(down_ms) AS watchedMs
       FROM health_buckets WHERE check_id = ?`,
    )
    .get(id ?? null) as Totals;
  const raw = totalsOf(store.samples(key, readWatermark(store.db), NOW + DAY));
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
      expect(stored.latSum).toBeCloseTo(expected.latSum, 4);
      expect(stored.latMin).toBe(expected.latMin);
      expect(stored.latMax).toBe(expected.latMax);
      // Only the last 48 h of raw samples remain.
      const raw = store.samples(key, 0, NOW + DAY);
      expect(raw[0]?.at).toBeGreaterThanOrEqual(NOW - 48 * HOUR);
      expect(raw.length).toBeLessThanOrEqual(48 * 120);
    }
    // 3 days of 5-minute buckets per check.
    const buckets = store.db.prepare('SELECT count(*) FROM health_buckets').pluck().get();
    expect(buckets).toBe(2 * 3 * 288);
  });

  it('summarises one bucket: counts, min, average, max and p95 of its samples', () => {
    const store = newStore();
    const start = NOW - HOUR;
    const latencies = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    latencies.forEach((l, i) => store.insertSample(sample('a', start + i * 30_000, i === 9 ? 'down' : 'up', l)));
    store.downsample(NOW);
    const row = store.db.prepare('SELECT * FROM health_buckets').get() as Record<string, number>;
    expect(row).toMatchObject({
      bucket: start,
      up: 9,
      down: 1,
      lat_n: 10,
      lat_min_us: 10_000,
      lat_max_us: 1_000_000,
      lat_p95_us: 1_000_000,
    });
    expect((row.lat_sum_us ?? 0) / (row.lat_n ?? 1)).toBe(145_000);
  });

  it('drops aggregates, transitions and gaps after 90 days', () => {
    const store = newStore();
    store.insertSample(sample('a', NOW - 91 * DAY, 'up', 5));
    store.insertSample(sample('a', NOW - 89 * DAY, 'up', 5));
    store.insertTransition({ key: 'a', at: NOW - 91 * DAY, from: 'unknown', to: 'up', reason: 'ok', flapping: false });
    store.insertGap({ start: NOW - 92 * DAY, end: NOW - 91 * DAY, reason: 'asleep' });
    store.downsample(NOW);
    expect(store.db.prepare('SELECT bucket FROM health_buckets').pluck().all()).toEqual([NOW - 89 * DAY]);
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
