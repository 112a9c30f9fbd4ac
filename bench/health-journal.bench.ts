/**
 * Health history size and chart speed: 200 checks every 30 s for 30 simulated days go through the real store —
 * every sample inserted (one transaction per 5-minute batch, as the scheduler's writes would land), the real
 * downsampling job run as time passes — then the file size is read, and a 30-day chart of one check is loaded.
 *
 * Time is simulated (samples are stamped, not waited for): what is measured is what ends up on disk and how long
 * reads take, neither of which depends on the wall clock. The job runs every 30 simulated minutes instead of the
 * app's 5 (same end state — aggregation adds counts — and 6× fewer job runs to wait for).
 *
 * Knobs: HEALTH_BENCH_CHECKS (200), HEALTH_BENCH_DAYS (30), HEALTH_BENCH_INTERVAL_S (30).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../electron/journal/sqlite';
import { type HealthSample } from '../shared/model/health';
import { series, uptimes } from '../electron/health/history';
import { HealthStore } from '../electron/health/store';
import { migrateHealth } from '../electron/health/store-schema';

const CHECKS = Number(process.env.HEALTH_BENCH_CHECKS ?? 200);
const DAYS = Number(process.env.HEALTH_BENCH_DAYS ?? 30);
const INTERVAL = Number(process.env.HEALTH_BENCH_INTERVAL_S ?? 30) * 1000;
const BATCH = 5 * 60_000;
const JOB_EVERY = 30 * 60_000;
const DAY = 86_400_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Deterministic pseudo-randomness: the figures must be reproducible run to run. */
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

function fileSize(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // absent is zero
    }
  }
  return total;
}

const dir = mkdtempSync(join(tmpdir(), 'cockpit-health-bench-'));
const file = join(dir, 'journal.db');
try {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16000'); // as the app's connection has it (journal/database.ts)
  migrateHealth(db);
  const store = new HealthStore(db);
  const keys = Array.from({ length: CHECKS }, (_, i) => `service-${Math.floor(i / 4)}/check-${i % 4}@production`);
  const end = Math.floor(Date.now() / BATCH) * BATCH;
  const start = end - DAYS * DAY;

  const writeStarted = performance.now();
  let samples = 0;
  let jobMs = 0;
  for (let batch = start; batch < end; batch += BATCH) {
    const rows: HealthSample[] = [];
    for (let at = batch; at < batch + BATCH; at += INTERVAL) {
      keys.forEach((key, i) => {
        const r = random();
        const status = r < 0.995 ? 'up' : r < 0.998 ? 'degraded' : 'down';
        rows.push({
          key,
          at: at + ((i * 997) % INTERVAL), // checks spread over the interval, as the scheduler's jitter does
          status,
          latencyMs: status === 'down' ? null : 5 + random() * 60,
          reason:
            status === 'up' ? '200' : status === 'degraded' ? 'slow: 1.2 s (max 800 ms)' : '503 from /health/ready',
          coverMs: INTERVAL,
        });
      });
    }
    store.insertSamples(rows);
    samples += rows.length;
    if ((batch + BATCH - start) % JOB_EVERY === 0) {
      const t = performance.now();
      store.downsample(batch + BATCH);
      jobMs += performance.now() - t;
    }
  }
  store.downsample(end);
  const writeMs = performance.now() - writeStarted;
  db.pragma('wal_checkpoint(TRUNCATE)');

  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const onDisk = fileSize(file);

  const chart = (from: number) => {
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      points = series(store, keys[7] as string, from, end, end).points.length;
      times.push(performance.now() - t);
    }
    return { ms: median(times), points };
  };
  const month = chart(end - 30 * DAY);
  const day = chart(end - DAY);
  const uptimeTimes: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    uptimes(store, keys[7] as string, end);
    uptimeTimes.push(performance.now() - t);
  }

  const rawRows = count('health_samples');
  const bucketRows = count('health_buckets');
  const vacuumStarted = performance.now();
  db.exec('VACUUM');
  const vacuumMs = performance.now() - vacuumStarted;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const vacuumed = fileSize(file);
  // Bytes per table (with its primary key, which is the table for WITHOUT ROWID): the 90-day projection scales
  // the aggregates only, since raw samples stay at 48 h.
  const tables = new Map(
    (
      db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{
        name: string;
        bytes: number;
      }>
    ).map((r) => [r.name, r.bytes]),
  );
  db.close();
  const rawBytes = tables.get('health_samples') ?? 0;
  const bucketBytes = tables.get('health_buckets') ?? 0;
  const projected90 = vacuumed + (bucketBytes * (90 - DAYS)) / DAYS;

  console.log(
    `health history: ${CHECKS} checks every ${INTERVAL / 1000} s for ${DAYS} days (${samples.toLocaleString('en')} samples)`,
  );
  console.log(
    `  raw samples (48 h): ${rawRows.toLocaleString('en')} rows, ${mib(rawBytes)} (${(rawBytes / rawRows).toFixed(1)} B/row)`,
  );
  console.log(
    `  5-min aggregates: ${bucketRows.toLocaleString('en')} rows, ${mib(bucketBytes)} (${(bucketBytes / Math.max(1, bucketRows)).toFixed(1)} B/row)`,
  );
  console.log(
    `  journal file: ${mib(onDisk)} (${freePages} free pages of ${pageSize} B, reused by later writes); after VACUUM ${mib(vacuumed)} (${vacuumMs.toFixed(0)} ms)`,
  );
  console.log(`  projected with the full 90 days of aggregates: ${mib(projected90)}`);
  console.log(
    `  writing + downsampling: ${(writeMs / 1000).toFixed(1)} s (${((samples / writeMs) * 1000).toFixed(0)} samples/s); job total ${(jobMs / 1000).toFixed(1)} s`,
  );
  console.log(`  30-day chart of one check: ${month.ms.toFixed(2)} ms (median of 21, ${month.points} points)`);
  console.log(`  24-hour chart of one check: ${day.ms.toFixed(2)} ms (median of 21, ${day.points} points)`);
  console.log(`  uptime 24 h / 7 d / 30 d of one check: ${median(uptimeTimes).toFixed(2)} ms (median of 21)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
