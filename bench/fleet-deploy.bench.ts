/**
 * Deploy speed on a real fleet (not a test): 4 real sshd hosts on loopback, a release of ~20 small files.
 *   - the cockpit's rolling deploy (releases strategy, batch 2, health gate), and the same with batch = all hosts,
 * Each host's app answers 503 for 300 ms after a restart, as a real one takes a moment to come up.
 *   - vs what a person's script does: a sequential bash loop with the system `ssh`/`scp` (no ControlMaster), per
 *     host mkdir, scp -r, ln -sfn + mv -T, the restart command, curl the health URL until 200.
 * Several rounds each; prints min/median/max, the two ratios against their targets (rolling ≤ 0.75×, all at once
 * ≤ 0.5×) and where the cockpit's time goes (per-step durations from the run's live events).
 * Run: npx tsx bench/fleet-deploy.bench.ts   (needs sshd, ssh, scp and curl)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunEvent } from '../shared/model/deploys';
import { makeReleaseId } from '../electron/deploys/release-id';
import { type DeployFleet, startDeployFleet } from '../electron/deploys/testing/fleet';
import { sh } from '../electron/remote/quote';
import { findTool } from '../test/support/system-tool';
import { time, type Stats, stats } from './measure';

const run = promisify(execFile);
const HOSTS = 4;
const FILES = 20;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** How long each host's app answers 503 after a restart: what makes the gate's polling show. */
const STARTUP_MS = 300;

/** The person's script: one host after another, every command its own `ssh`/`scp` (a fresh connection each). */
function loopScript(fleet: DeployFleet, build: string, release: string): string {
  const opts = [
    '-F',
    fleet.sshd.emptySshConfig,
    '-i',
    fleet.sshd.clientKey,
    '-o',
    `UserKnownHostsFile=${fleet.knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
  ];
  const at = `${fleet.sshd.user}@127.0.0.1`;
  const lines = ['set -eu'];
  for (const host of fleet.hosts) {
    // Absolute: sshd starts sessions in the login user's real home, while each test host's $HOME differs.
    const base = host.app;
    const dir = `${base}/releases/${release}`;
    lines.push(
      sh`ssh ${opts} -p ${String(host.sshPort)} ${at} ${sh`mkdir -p ${dir}`}`,
      sh`scp -q -r ${opts} -P ${String(host.sshPort)} ${`${build}/static`} ${`${build}/health`} ${`${at}:${dir}/`}`,
      sh`ssh ${opts} -p ${String(host.sshPort)} ${at} ${sh`cd ${base} && ln -sfn ${`releases/${release}`} current.tmp && mv -T current.tmp current`}`,
      sh`ssh ${opts} -p ${String(host.sshPort)} ${at} ${sh`cd ${`${base}/current`} && touch ${`${base}/.restarted`}`}`,
      sh`until curl -fsS -o /dev/null ${host.healthUrl}; do sleep 0.1; done`,
    );
  }
  return lines.join('\n');
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const row = (label: string, s: Stats) =>
  `  ${label.padEnd(44)} min ${ms(s.min)}  median ${ms(s.median)}  max ${ms(s.max)}`;

/** A live event and when the bench saw it (ms, monotonic). */
interface Seen {
  event: RunEvent;
  at: number;
}

interface Phase {
  /** From the first host starting the step to the last host ending it: what the step adds to the run's wall time. */
  wall: number;
  longest: number;
  count: number;
}

/** Per step id, in the order steps first started; and the time no step was running (lock audit, unlock, journal). */
function breakdown(seen: Seen[], totalMs: number): { phases: Map<string, Phase>; outside: number } {
  const spans = new Map<string, { from: number; to: number; longest: number; count: number }>();
  const open = new Map<string, number>();
  const intervals: Array<[number, number]> = [];
  for (const { event: e, at } of seen) {
    if (e.type === 'step.started') open.set(`${e.host}|${e.step}`, at);
    if (e.type !== 'step.ended') continue;
    const from = open.get(`${e.host}|${e.step}`) ?? at - e.durationMs;
    intervals.push([from, at]);
    const span = spans.get(e.step) ?? { from, to: at, longest: 0, count: 0 };
    span.from = Math.min(span.from, from);
    span.to = Math.max(span.to, at);
    span.longest = Math.max(span.longest, e.durationMs);
    span.count++;
    spans.set(e.step, span);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = -Infinity;
  for (const [from, to] of intervals) {
    if (to <= reach) continue;
    covered += to - Math.max(from, reach);
    reach = to;
  }
  const phases = new Map(
    [...spans].map(([id, s]) => [id, { wall: s.to - s.from, longest: s.longest, count: s.count }]),
  );
  return { phases, outside: Math.max(0, totalMs - covered) };
}

async function main() {
  const missing = ['sshd', 'ssh', 'scp', 'curl'].filter((t) => !findTool(t));
  if (missing.length > 0) {
    console.error(`fleet-deploy: needs ${missing.join(', ')} (apt-get install -y openssh-server openssh-client curl)`);
    process.exitCode = 1;
    return;
  }
  let events: Seen[] = [];
  const fleet = await startDeployFleet({
    hosts: HOSTS,
    batch: 2,
    startupMs: STARTUP_MS,
    onEvent: (event) => events.push({ event, at: performance.now() }),
  });
  try {
    const loop: number[] = [];
    const rolling: number[] = [];
    const allAtOnce: number[] = [];
    let last: Record<'rolling' | 'all at once', { seen: Seen[]; ms: number }> = {
      rolling: { seen: [], ms: 0 },
      'all at once': { seen: [], ms: 0 },
    };
    // One deploy first: the first run creates folders and the journal warms up; it is not measured.
    const warm = await fleet.deploy('warm-up', { files: FILES, batch: 2 });
    if (warm.result !== 'healthy') throw new Error(`warm-up deploy: ${warm.summary}`);
    for (let round = 1; round <= ROUNDS; round++) {
      const build = fleet.makeBuild(`loop-${round}`, { files: FILES });
      const [loopMs] = await time(() =>
        run('bash', ['-c', loopScript(fleet, build, makeReleaseId(new Date(), `loop-${round}`))]),
      );
      loop.push(loopMs);

      // A fresh pool each time: the cockpit connects in the measured time, as the script does.
      await fleet.registry.closeAll();
      events = [];
      const [rollMs, rolled] = await time(() => fleet.deploy(`roll-${round}`, { files: FILES, batch: 2 }));
      if (rolled.result !== 'healthy') throw new Error(`rolling deploy: ${rolled.summary}`);
      rolling.push(rollMs);
      last = { ...last, rolling: { seen: events, ms: rollMs } };

      await fleet.registry.closeAll();
      events = [];
      const [allMs, all] = await time(() => fleet.deploy(`all-${round}`, { files: FILES, batch: HOSTS }));
      if (all.result !== 'healthy') throw new Error(`batch-all deploy: ${all.summary}`);
      allAtOnce.push(allMs);
      last = { ...last, 'all at once': { seen: events, ms: allMs } };
    }

    const l = stats(loop);
    const r = stats(rolling);
    const a = stats(allAtOnce);
    console.log(`\nDeploy of ${FILES + 1} small files to ${HOSTS} real sshd hosts, ${ROUNDS} rounds\n`);
    console.log(row('sequential ssh/scp/curl loop', l));
    console.log(row('cockpit, rolling (batch 2, health gate)', r));
    console.log(row(`cockpit, all at once (batch ${HOSTS}, health gate)`, a));
    const rollingRatio = r.median / l.median;
    const allRatio = a.median / l.median;
    const verdict = (ratio: number, target: number) =>
      `${ratio.toFixed(2)}× (target ≤ ${target}) ${ratio <= target ? '✓' : '✗'}`;
    console.log(`\n  rolling / loop (medians)       ${verdict(rollingRatio, 0.75)}`);
    console.log(`  all at once / loop (medians)   ${verdict(allRatio, 0.5)}\n`);
    for (const [label, { seen, ms: totalMs }] of Object.entries(last)) {
      console.log(`  where the cockpit's time goes, last ${label} run (${totalMs.toFixed(0)} ms):`);
      console.log('    step          wall (first start → last end) / longest on one host');
      const { phases, outside } = breakdown(seen, totalMs);
      for (const [step, p] of phases) {
        console.log(`    ${step.padEnd(12)} ${ms(p.wall)} / ${ms(p.longest).trim()}  (${p.count}×)`);
      }
      console.log(`    ${'no step'.padEnd(12)} ${ms(outside)}  (audit lines, unlock, journal, collecting the files)`);
    }
    console.log('');
  } finally {
    await fleet.close();
  }
}

await main();
