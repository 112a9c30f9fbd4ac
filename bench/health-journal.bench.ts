/**
 * Health history size and chart speed: 200 checks every 30 s for 30 simulated days go through the real store —
 * every sample inserted (one transaction per 5-minute batch, as the scheduler's writes would land), the real
 * packing job run as time passes — then the file size is read, and charts and uptimes of one check are loaded.
 * Targets (issue 15): ≤ 30 MiB for 30 days, ≤ 60 MiB for 90, 30-day chart ≤ 10 ms, 24-hour chart ≤ 2 ms.
 *
 * Time is simulated (samples are stamped, not waited for): what is measured is what ends up on disk and how long
 * reads take, neither of which depends on the wall clock. The job runs every 30 simulated minutes instead of the
 * app's 5 (same end state — packing adds counts — and 6× fewer job runs to wait for).
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
/** min / median / max: the machine is shared, so the spread says how far to trust the median. */
const spread = (xs: number[]) =>
  `${median(xs).toFixed(2)} ms (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)}; median of ${xs.length})`;
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
    return { times, points };
  };
  const month = chart(end - 30 * DAY);
  const day = chart(end - DAY);
  const uptimeTimes: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    uptimes(store, keys[7] as string, end);
    uptimeTimes.push(performance.now() - t);
  }

  const hotRows = count('health_samples');
  const hourRows = count('health_hours');
  const rawHourRows = count('health_hour_samples');
  const payload = {
    buckets: db.prepare('SELECT coalesce(sum(length(buckets)), 0) FROM health_hours').pluck().get() as number,
    samples: db.prepare('SELECT coalesce(sum(length(samples)), 0) FROM health_hour_samples').pluck().get() as number,
  };
  // Bytes per table (with its primary key, which is the table for WITHOUT ROWID), as the app's file has them.
  const tableBytes = () =>
    new Map(
      (
        db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{
          name: string;
          bytes: number;
        }>
      ).map((r) => [r.name, r.bytes]),
    );
  const live = tableBytes();
  const vacuumStarted = performance.now();
  db.exec('VACUUM');
  const vacuumMs = performance.now() - vacuumStarted;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const vacuumed = fileSize(file);
  const tables = tableBytes();
  db.close();
  const hotBytes = tables.get('health_samples') ?? 0;
  const hourBytes = tables.get('health_hours') ?? 0;
  const rawBytes = tables.get('health_hour_samples') ?? 0;
  // The 90-day projection adds aggregate rows only (raw samples stay at 48 h), at the bytes per row the live file
  // has (pages split by inserts are not full) and at the bytes per row after a VACUUM.
  const moreRows = CHECKS * 24 * Math.max(0, 90 - DAYS);
  const projected90 = onDisk + ((live.get('health_hours') ?? 0) / Math.max(1, hourRows)) * moreRows;
  const projected90Vacuumed = vacuumed + (hourBytes / Math.max(1, hourRows)) * moreRows;
  const perRow = (bytes: number, rows: number) => (rows > 0 ? (bytes / rows).toFixed(1) : '0');
  console.log(
    `health history: ${CHECKS} checks every ${INTERVAL / 1000} s for ${DAYS} days (${samples.toLocaleString('en')} samples)`,
  );
  console.log(
    `  waiting samples (not packed yet): ${hotRows.toLocaleString('en')} rows, ${mib(hotBytes)} (${perRow(hotBytes, hotRows)} B/row)`,
  );
  console.log(
    `  packed raw samples (48 h): ${rawHourRows.toLocaleString('en')} check-hours, ${mib(rawBytes)} (${perRow(rawBytes, rawHourRows)} B per check-hour, payload ${perRow(payload.samples, rawHourRows)} B; ${(rawBytes / Math.max(1, rawHourRows * (3_600_000 / INTERVAL))).toFixed(2)} B per sample); before VACUUM ${mib(live.get('health_hour_samples') ?? 0)}`,
  );
  console.log(
    `  5-min aggregates: ${hourRows.toLocaleString('en')} check-hours, ${mib(hourBytes)} (${perRow(hourBytes, hourRows)} B per check-hour, payload ${perRow(payload.buckets, hourRows)} B); before VACUUM ${mib(live.get('health_hours') ?? 0)}`,
  );
  console.log(
    `  journal file: ${mib(onDisk)} (${freePages} free pages of ${pageSize} B, reused by later writes); after VACUUM ${mib(vacuumed)} (${vacuumMs.toFixed(0)} ms)  [target ≤ 30 MiB at 30 days]`,
  );
  console.log(
    DAYS >= 90
      ? `  90 days measured: ${mib(onDisk)}, after VACUUM ${mib(vacuumed)}  [target ≤ 60 MiB]`
      : `  projected with the full 90 days of aggregates: ${mib(projected90)}, after VACUUM ${mib(projected90Vacuumed)}  [target ≤ 60 MiB; HEALTH_BENCH_DAYS=90 measures it, about 6 min]`,
  );
  console.log(
    `  writing + packing: ${(writeMs / 1000).toFixed(1)} s (${((samples / writeMs) * 1000).toFixed(0)} samples/s); job total ${(jobMs / 1000).toFixed(1)} s`,
  );
  console.log(`  30-day chart of one check: ${spread(month.times)}, ${month.points} points  [target ≤ 10 ms]`);
  console.log(`  24-hour chart of one check: ${spread(day.times)}, ${day.points} points  [target ≤ 2 ms]`);
  console.log(`  uptime 24 h / 7 d / 30 d of one check: ${spread(uptimeTimes)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
