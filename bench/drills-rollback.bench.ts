/**
 * The demo's guided rollback drill (checkout on staging: the broken v1.6.0 deployed for practice, then rolled back)
 * through a whole backend as the app runs it (not a test): a fresh data folder each run, the demo's sandboxes and
 * its health monitor running, "Roll back now" pressed the moment the drill waits for it — so "time to act" is the
 * cockpit's reaction, not a person's. Prints, over the runs, min/median/max of time to detect, to alert, to recover,
 * the total (injection → verified), the wall time of the whole drill (start → report), and each phase's overhead
 * (the cockpit's own time: SSH round trips, journal writes, apart from waiting on checks).
 * Run: npx tsx bench/drills-rollback.bench.ts   (RUNS=5 for more runs)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type DrillPlan, type RollbackDrill, rollbackDrillPhaseIds } from '../shared/model/drills';
import { type Backend, createBackend } from '../electron/backend';
import { type Stats, stats, time } from './measure';

const RUNS = Number(process.env.RUNS ?? 3);
const TARGET = { service: 'checkout', environment: 'staging' } as const;

const fmt = (s: Stats) =>
  Number.isNaN(s.median)
    ? 'not measured'
    : `min ${s.min.toFixed(0)} · median ${s.median.toFixed(0)} · max ${s.max.toFixed(0)} ms`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The loopback ports the demo's sandboxes listen on (its environments' `*_port` vars). */
function demoPorts(): number[] {
  const text = readFileSync(new URL('../resources/demo/cockpit.yaml', import.meta.url), 'utf8');
  const doc = parse(text) as { environments?: Record<string, { vars?: Record<string, unknown> }> };
  return Object.values(doc.environments ?? {}).flatMap((env) =>
    Object.entries(env.vars ?? {}).flatMap(([key, value]) => (key.endsWith('_port') ? [Number(value)] : [])),
  );
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * Another cockpit running the demo (the app, `cockpit serve`, an e2e run) holds its ports, and this one's sandboxes
 * would not start: wait for it to close rather than measure a drill that cannot run.
 */
async function demoPortsFree(): Promise<void> {
  const ports = demoPorts();
  const deadline = Date.now() + 5 * 60_000;
  let said = false;
  for (;;) {
    const taken = (await Promise.all(ports.map(async (p) => ((await portFree(p)) ? [] : [p])))).flat();
    if (taken.length === 0) return;
    if (Date.now() > deadline) throw new Error(`the demo's ports ${taken.join(', ')} stayed taken by another cockpit`);
    if (!said) console.log(`waiting for another cockpit running the demo to free ports ${taken.join(', ')}…`);
    said = true;
    await sleep(1000);
  }
}

/** Waits until the demo's staging is green, so the preflight lets the drill start. */
async function ready(backend: Backend): Promise<DrillPlan> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const plan = await backend.handlers['drills.preflight'](TARGET);
    if (plan.ready) return plan;
    if (Date.now() > deadline) {
      const failed = plan.items.filter((i) => !i.ok).map((i) => i.detail);
      throw new Error(`the demo's drill never became ready: ${failed.join('; ')}`);
    }
    await sleep(500);
  }
}

/** One drill: started, acted on at detection, followed to its end. */
async function drillOnce(backend: Backend): Promise<RollbackDrill> {
  let drillId: string | null = null;
  let acted = false;
  let finish: (drill: RollbackDrill) => void = () => {};
  const ended = new Promise<RollbackDrill>((resolve) => (finish = resolve));
  const unsubscribe = backend.events.subscribe((m) => {
    if (m.event !== 'drills.changed') return;
    const drill = m.payload as RollbackDrill;
    if (drillId !== null && drill.id !== drillId) return;
    if (drill.waitingForAction && !acted) {
      acted = true;
      void Promise.resolve(backend.handlers['drills.act']({ drillId: drill.id })).catch((error: unknown) => {
        process.stderr.write(`Roll back now failed: ${(error as Error).message}\n`);
      });
    }
    if (drill.status !== 'running') finish(drill);
  });
  try {
    drillId = (await backend.handlers['drills.start'](TARGET)).drillId;
    const now = (await backend.handlers['drills.get']({ drillId })).drill;
    if (now.status !== 'running') return now;
    return await ended;
  } finally {
    unsubscribe();
  }
}

/**
 * A fresh backend on the demo whose drill is ready to start. The ports can be taken between the check and the
 * sandboxes' start (another cockpit starting the demo just then): that backend is closed and the next one tried.
 */
async function readyDemo(): Promise<{ backend: Backend; dataDir: string }> {
  for (let attempt = 1; ; attempt++) {
    await demoPortsFree();
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-drill-'));
    const backend = await createBackend({
      dataDir,
      transport: 'websocket',
      demo: true,
      watch: false,
      background: true,
      demoDrill: false,
    });
    try {
      await ready(backend);
      return { backend, dataDir };
    } catch (error) {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (attempt >= 5) throw error;
      console.log(`not ready (${(error as Error).message.slice(0, 160)}…): trying again`);
    }
  }
}

async function main() {
  const measures: Record<string, number[]> = { detect: [], alert: [], act: [], recover: [], total: [] };
  const overhead: Record<string, number[]> = Object.fromEntries(rollbackDrillPhaseIds.map((id) => [id, []]));
  const wall: number[] = [];
  let improvements: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const { backend, dataDir } = await readyDemo();
    try {
      const [ms, drill] = await time(() => drillOnce(backend));
      if (drill.status !== 'passed' && drill.status !== 'missed-target') {
        throw new Error(`run ${run}: the drill ${drill.status}: ${drill.summary ?? ''}`);
      }
      wall.push(ms);
      for (const m of drill.measures) if (m.ms !== null) measures[m.id]?.push(m.ms);
      for (const p of drill.phases) if (p.overheadMs !== null) overhead[p.id]?.push(p.overheadMs);
      improvements = drill.improvements.map((i) => `${i.line} (${i.evidence})`);
      const detect = drill.measures.find((m) => m.id === 'detect')?.ms;
      console.log(
        `run ${run}: ${drill.status}, detected in ${detect ?? '?'} ms, whole drill ${ms.toFixed(0)} ms (${drill.id})`,
      );
    } finally {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  console.log(`\nThe demo's rollback drill (checkout on staging, v1.6.0 → rolled back), ${RUNS} runs:`);
  console.log(
    `  time to detect   ${fmt(stats(measures.detect ?? []))}   (target 2 min; checkout-ready every 5 s, retries 1)`,
  );
  console.log(`  time to alert    ${fmt(stats(measures.alert ?? []))}`);
  console.log(`  time to act      ${fmt(stats(measures.act ?? []))}   (acted at once: the cockpit's reaction)`);
  console.log(`  time to recover  ${fmt(stats(measures.recover ?? []))}   (target 5 min)`);
  console.log(`  total            ${fmt(stats(measures.total ?? []))}   (injected → verified)`);
  console.log(`  wall time        ${fmt(stats(wall))}   (start → report, preflight included)`);
  console.log(`The cockpit's own overhead per phase:`);
  for (const id of rollbackDrillPhaseIds) console.log(`  ${id.padEnd(10)} ${fmt(stats(overhead[id] ?? []))}`);
  if (improvements.length > 0) {
    console.log('What the last drill says to improve:');
    for (const line of improvements) console.log(`  - ${line}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
