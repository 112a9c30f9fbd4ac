import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type HealthSample, type OutcomeStatus, type Series, type SeriesPoint } from '../../../shared/model/health';
import { series, uptime } from '../../health/history';
import { STATUS_CODES, percentileSorted } from '../../health/retention';
import { HealthStore } from '../../health/store';
import { migrateHealth } from '../../health/store-schema';
import { log } from '../../log';
import { type Database, openDatabase } from '../database';
import { migrate, migrations } from '../migrations';
import { Database as BareDatabase } from '../sqlite';
import { useTempDir } from '../test-support/temp-dir';

const tempDir = useTempDir();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BUCKET = 5 * MIN;
// Mid-hour on purpose: the old job's watermark then splits an hour between aggregated and waiting samples.
const NOW = Date.UTC(2026, 2, 10, 12, 37, 0);
const WATERMARK = Math.floor(NOW / BUCKET) * BUCKET;

afterEach(() => vi.restoreAllMocks());

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Three days of two checks every minute: mostly up, some degraded and down, a few without a latency. */
function history(): HealthSample[] {
  const random = lcg(11);
  const out: HealthSample[] = [];
  for (let at = NOW - 3 * DAY; at < NOW; at += 60_000) {
    for (const key of ['shop/http@production', 'shop/tcp@production']) {
      const r = random();
      const status: OutcomeStatus = r < 0.9 ? 'up' : r < 0.95 ? 'degraded' : 'down';
      out.push({
        key,
        at: at + (key.includes('tcp') ? 7_001 : 0),
        status,
        latencyMs: status === 'down' && r > 0.98 ? null : Math.round(random() * 50_000) / 100,
        reason: status === 'up' ? 'ok' : `${status} on purpose`,
        coverMs: status === 'up' ? 30_000 : 10_000,
        ...(r < 0.01 ? { metrics: { load: Math.round(r * 1000) } } : {}),
      });
    }
  }
  return out;
}

/**
 * The journal as the version-5 app left it: 5-minute rows in health_buckets below the watermark, raw samples for
 * the last 48 h (older ones deleted once aggregated), the watermark in health_meta. Built with SQL, as the old job
 * wrote it.
 */
function writeOldState(db: Database, samples: HealthSample[]) {
  const ids = new Map<string, number>();
  for (const s of samples) if (!ids.has(s.key)) ids.set(s.key, ids.size + 1);
  for (const [key, id] of ids) db.prepare('INSERT INTO health_checks (id, key) VALUES (?, ?)').run(id, key);
  const insertRaw = db.prepare(
    'INSERT INTO health_samples (check_id, at, status, latency_us, cover_ms, reason, metrics) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const buckets = new Map<string, { id: number; start: number; rows: HealthSample[] }>();
  for (const s of samples) {
    const id = ids.get(s.key) ?? 0;
    if (s.at >= Math.min(NOW - 48 * HOUR, WATERMARK)) {
      insertRaw.run(
        id,
        s.at,
        STATUS_CODES[s.status],
        s.latencyMs === null ? null : Math.round(s.latencyMs * 1000),
        s.coverMs,
        s.status === 'up' ? null : s.reason,
        s.metrics ? JSON.stringify(s.metrics) : null,
      );
    }
    if (s.at >= WATERMARK) continue;
    const start = Math.floor(s.at / BUCKET) * BUCKET;
    const k = `${id}:${start}`;
    const b = buckets.get(k) ?? { id, start, rows: [] };
    b.rows.push(s);
    buckets.set(k, b);
  }
  const insertBucket = db.prepare(
    `INSERT INTO health_buckets (check_id, bucket, up, degraded, down, up_ms, degraded_ms, down_ms, lat_n, lat_sum_us,
                                 lat_min_us, lat_max_us, lat_p95_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { id, start, rows } of buckets.values()) {
    const of = (status: OutcomeStatus) => rows.filter((r) => r.status === status);
    const ms = (status: OutcomeStatus) => of(status).reduce((n, r) => n + r.coverMs, 0);
    const lat = rows
      .flatMap((r) => (r.latencyMs === null ? [] : [Math.round(r.latencyMs * 1000)]))
      .sort((a, b) => a - b);
    insertBucket.run(
      id,
      start,
      of('up').length,
      of('degraded').length,
      of('down').length,
      ms('up'),
      ms('degraded'),
      ms('down'),
      lat.length,
      lat.reduce((a, b) => a + b, 0),
      lat[0] ?? null,
      lat.at(-1) ?? null,
      percentileSorted(lat, 0.95),
    );
  }
  db.prepare("INSERT INTO health_meta (key, value) VALUES ('downsampled_until', ?)").run(String(WATERMARK));
}

/**
 * Charts agree point for point, counts exactly. Latencies within 0.5 %: what the old job had aggregated is read
 * back from the packed aggregates (three significant digits) where a fresh journal may still hold the samples.
 */
function expectSameSeries(actual: Series, expected: Series) {
  const latencies = (p: SeriesPoint) => [p.latencyAvg, p.latencyMin, p.latencyMax, p.latencyP95];
  const strip = (x: Series) => ({
    ...x,
    points: x.points.map((p) => ({ ...p, ...{ latencyAvg: 0, latencyMin: 0, latencyMax: 0, latencyP95: 0 } })),
  });
  expect(strip(actual)).toEqual(strip(expected));
  actual.points.forEach((p, i) => {
    const want = latencies(expected.points[i] as SeriesPoint);
    latencies(p).forEach((got, j) => {
      const exp = want[j] ?? null;
      if (exp === null) expect(got).toBeNull();
      // A p95 cannot be merged exactly: a point made of aggregates and waiting samples keeps the worse of the
      // parts' p95s, so it may only be higher (and never beyond the point's max).
      else if (j === 3) expect(got).toBeGreaterThanOrEqual(exp * 0.995);
      else expect(Math.abs((got ?? NaN) - exp)).toBeLessThanOrEqual(exp * 0.005);
    });
    if (p.latencyP95 !== null) expect(p.latencyP95).toBeLessThanOrEqual(p.latencyMax ?? NaN);
  });
}

function fileSize(file: string): number {
  return ['', '-wal'].reduce((n, suffix) => {
    try {
      return n + statSync(file + suffix).size;
    } catch {
      return n;
    }
  }, 0);
}

describe('migration 006: health history one row per check per hour', () => {
  it('keeps uptime, charts and raw samples as they were, and shrinks the file', () => {
    const samples = history();
    const file = join(tempDir(), 'journal.db');
    const db = openDatabase(file);
    // The same samples written straight into the new layout: what the migrated journal must answer like.
    const fresh = new BareDatabase(':memory:');
    const info = vi.spyOn(log, 'warn').mockImplementation(() => {});
    try {
      migrate(db, migrations.slice(0, 5));
      writeOldState(db, samples);
      // Padding the old state would carry in a real file: a month of buckets is most of it.
      db.pragma('wal_checkpoint(TRUNCATE)');
      const before = fileSize(file);

      expect(migrate(db).applied).toEqual(['6-health-hours']);
      db.pragma('wal_checkpoint(TRUNCATE)');
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'health_buckets'").get()).toBeUndefined();
      expect(db.prepare("SELECT value FROM health_meta WHERE key = 'downsampled_until'").get()).toBeUndefined();
      expect(fileSize(file)).toBeLessThan(before);
      expect(info).toHaveBeenCalledWith(expect.stringMatching(/compacted after the upgrade, [\d.]+ MiB → [\d.]+ MiB/));

      migrateHealth(fresh);
      const reference = new HealthStore(fresh);
      reference.insertSamples(samples);
      reference.downsample(NOW);
      const migrated = new HealthStore(db);

      const compare = () => {
        for (const key of ['shop/http@production', 'shop/tcp@production']) {
          for (const window of [DAY, 2 * DAY, 7 * DAY, 30 * DAY]) {
            expect(uptime(migrated, key, window, NOW)).toEqual(uptime(reference, key, window, NOW));
          }
          for (const range of [HOUR, 6 * HOUR, DAY, 3 * DAY, 30 * DAY]) {
            expectSameSeries(
              series(migrated, key, NOW - range, NOW, NOW),
              series(reference, key, NOW - range, NOW, NOW),
            );
          }
          // Raw samples of the last 47 h exactly as inserted (up samples read back with the reason "up", as before).
          const written = samples
            .filter((s) => s.key === key && s.at >= NOW - 47 * HOUR)
            .map((s) => ({ ...s, reason: s.status === 'up' ? 'up' : s.reason }));
          expect(migrated.samples(key, NOW - 47 * HOUR, NOW)).toEqual(written);
        }
      };
      // Straight after the upgrade the samples above the old watermark are still waiting to be packed …
      expect(migrated.unpackedSamples('shop/http@production', 0, NOW).length).toBeGreaterThan(0);
      compare();
      // … and once the job has packed them, every answer is still the same.
      migrated.downsample(NOW);
      expect(migrated.unpackedSamples('shop/http@production', 0, NOW - (NOW % HOUR))).toEqual([]);
      compare();
    } finally {
      db.close();
      fresh.close();
    }
  });

  it('creates the new tables on a journal that never had health history', () => {
    const db = openDatabase(join(tempDir(), 'journal.db'));
    try {
      migrate(db);
      const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'health_%' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining(['health_checks', 'health_hour_samples', 'health_hours', 'health_samples']),
      );
      expect(tables).not.toContain('health_buckets');
    } finally {
      db.close();
    }
  });
});
