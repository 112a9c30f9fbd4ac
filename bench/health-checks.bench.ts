/**
 * The scheduler under load: 1,000 http checks every 30 s against a loopback server (the demo sandbox, in its own
 * process so its CPU is not counted), with every sample stored in SQLite as in the app. Reports the CPU used by
 * this process as a % of one core over two intervals, and how late checks start relative to their planned time
 * (p50 / p99 / max). No time compression by default: the load is the rate (33 checks/s) and the wall clock is
 * what the figures are about. HEALTH_BENCH_INTERVAL_S shortens the interval for a quick look (the rate, and so
 * the CPU %, goes up accordingly).
 *
 * Knobs: HEALTH_BENCH_CHECKS (1000), HEALTH_BENCH_INTERVAL_S (30), HEALTH_BENCH_INTERVALS (2),
 * HEALTH_BENCH_CONCURRENCY (the scheduler's default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../electron/journal/sqlite';
import { workspaceSchema } from '../shared/workspace';
import { planChecks } from '../electron/health/plan';
import { createRegistry } from '../electron/health/registry';
import { Scheduler } from '../electron/health/scheduler';
import { HealthStore } from '../electron/health/store';
import { migrateHealth } from '../electron/health/store-schema';
import { startSandbox } from '../electron/health/testing/sandbox-process';

const CHECKS = Number(process.env.HEALTH_BENCH_CHECKS ?? 1000);
const INTERVAL_S = Number(process.env.HEALTH_BENCH_INTERVAL_S ?? 30);
const INTERVALS = Number(process.env.HEALTH_BENCH_INTERVALS ?? 2);
const CONCURRENCY = process.env.HEALTH_BENCH_CONCURRENCY ? Number(process.env.HEALTH_BENCH_CONCURRENCY) : undefined;

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};

const sandbox = await startSandbox({ SANDBOX_RELEASE: 'bench' });
const dir = mkdtempSync(join(tmpdir(), 'cockpit-health-bench-'));
const db = new Database(join(dir, 'journal.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
migrateHealth(db);
try {
  const perService = 4;
  const services = Object.fromEntries(
    Array.from({ length: Math.ceil(CHECKS / perService) }, (_, s) => [
      `service-${s}`,
      {
        health: Array.from({ length: Math.min(perService, CHECKS - s * perService) }, (_, c) => ({
          id: `check-${c}`,
          http: `${sandbox.url}/health`,
          every: `${INTERVAL_S}s`,
          expect: { status: 200, within: '1s' },
        })),
      },
    ]),
  );
  const workspace = workspaceSchema.parse({ version: 1, name: 'Bench', environments: { production: {} }, services });
  const registry = createRegistry();
  const { checks } = planChecks(workspace, registry);

  const lateness: number[] = [];
  let samples = 0;
  let failures = 0;
  const scheduler = new Scheduler({
    registry,
    store: new HealthStore(db),
    concurrency: CONCURRENCY,
    listeners: {
      runStart: (_key, dueAt, startedAt) => lateness.push(startedAt - dueAt),
      sample: (s) => {
        samples++;
        if (s.status !== 'up') failures++;
      },
    },
  });
  scheduler.setPlan(checks);

  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const wallBefore = performance.now();
  scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, INTERVALS * INTERVAL_S * 1000));
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore);
  await scheduler.stop();

  const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  console.log(
    `health scheduler: ${checks.length} http checks every ${INTERVAL_S} s for ${(wallMs / 1000).toFixed(0)} s against a loopback server`,
  );
  console.log(`  runs: ${samples} (${failures} not up); ${(samples / (wallMs / 1000)).toFixed(1)} checks/s`);
  console.log(
    `  CPU: ${cpuPercent.toFixed(1)} % of one core (user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s); event loop busy ${(elu.utilization * 100).toFixed(1)} %`,
  );
  console.log(
    `  lateness of check start: p50 ${pct(lateness, 0.5).toFixed(1)} ms, p99 ${pct(lateness, 0.99).toFixed(1)} ms, max ${Math.max(...lateness).toFixed(1)} ms`,
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await sandbox.stop();
}
