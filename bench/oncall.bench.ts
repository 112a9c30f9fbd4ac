/**
 * The on-call screens' reads, through the real backend (createBackend, background off: no scheduler, no sandbox,
 * no SSH, no port), each against a baseline measured in the same run, since the machines that run this are noisy:
 *
 * 1. `timeline.list` for the last 24 h and 30 d over a busy journal — ~100,000 actions over 90 days, ~5 % of them
 *    timeline kinds (deploy.run / deploy.rollback, runbook.run, backups.verify, health.alert), plus a few thousand
 *    health transitions — against the Activity screen's read of the same journal (`journal.list`, default page).
 *    The journal is filled by real writes (openJournal with a clock, as electron/timeline/testing/clock-journal.ts
 *    does; journalAlert for alerts; the health store for transitions), committed 1,000 actions at a time (the rows
 *    are the same; only filling is faster), into the data folder the backend then opens.
 * 2. `readiness.scorecard` on a copy of the demo workspace (resources/demo, opened as a file: nothing is started):
 *    the first call and the warm median, on a fresh data folder and on the busy one, against `health.overview`
 *    (asked first, as the app does when the Overview opens; the scorecard's first call then follows it).
 * 3. `nextAction` (shared/model/next-action.ts) on evidence of N services × 2 environments, quiet / a few failing /
 *    one just deployed and down: µs per call, against JSON.stringify of the same evidence for scale.
 *
 * Every request goes through `backend.dispatch`, as a window's would (input parsed by the contract). Figures are
 * min / median / max, and ratios of medians to the baseline.
 *
 * Knobs: ONCALL_BENCH_ACTIONS (100000), ONCALL_BENCH_DAYS (90), ONCALL_BENCH_TRANSITIONS (3000),
 * ONCALL_BENCH_RUNS (21 timed calls per figure), ONCALL_BENCH_SERVICES (200).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Alert } from '../shared/model/health';
import { type NextActionEvidence, nextAction } from '../shared/model/next-action';
import { type Scorecard } from '../shared/model/readiness';
import { type Timeline } from '../shared/model/timeline';
import { journalAlert } from '../electron/alerts/journal';
import { type Backend, createBackend } from '../electron/backend';
import { isHealthFeature } from '../electron/health/feature';
import { openJournal } from '../electron/journal/journal';
import { type Stats, stats, time } from './measure';

const ACTIONS = Number(process.env.ONCALL_BENCH_ACTIONS ?? 100_000);
const DAYS = Number(process.env.ONCALL_BENCH_DAYS ?? 90);
const TRANSITIONS = Number(process.env.ONCALL_BENCH_TRANSITIONS ?? 3_000);
const RUNS = Number(process.env.ONCALL_BENCH_RUNS ?? 21);
const SERVICES = Number(process.env.ONCALL_BENCH_SERVICES ?? 200);
const MIN = 60_000;
const DAY = 86_400_000;
const BATCH = 1_000;

/** Deterministic pseudo-randomness: the journal is the same run to run. */
let seed = 11;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const ms = (s: Stats) => `${s.min.toFixed(2)} / ${s.median.toFixed(2)} / ${s.max.toFixed(2)} ms`;
const us = (s: Stats) => `${s.min.toFixed(1)} / ${s.median.toFixed(1)} / ${s.max.toFixed(1)} µs`;
const times = (a: number, b: number) => `${(a / b).toFixed(a < b ? 2 : 1)}×`;
const ratio = (a: Stats, b: Stats) => times(a.median, b.median);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function call<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const response = await backend.dispatch({ id: 1, method, input });
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
  return response.value as T;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  return (await time(work))[0];
}

// The demo's services, environments, checks, runbooks and backups: the journal's targets must be the workspace's.
const PAIRS = [
  ['checkout', 'staging'],
  ['checkout', 'production'],
  ['auth', 'staging'],
  ['auth', 'production'],
  ['webhooks', 'staging'],
  ['webhooks', 'production'],
  ['worker', 'production'],
] as const;
const CHECKS: Record<string, string[]> = {
  checkout: ['checkout-ready', 'checkout-home', 'checkout-errors'],
  auth: ['auth-ready', 'auth-login'],
  webhooks: ['webhooks-ready'],
  worker: ['worker-live'],
};
const BACKUPS = ['checkout/orders-db', 'checkout/uploads'];
const RUNBOOKS = [
  ['restart-worker', 'Restart the worker', 'worker', 'production'],
  ['clear-cache', 'Clear the cache', 'checkout', 'production'],
  ['clear-cache', 'Clear the cache', 'checkout', 'staging'],
] as const;
const NOISE = [
  'workspace.reload',
  'workspace.open',
  'cost.refresh',
  'health.alertSetting',
  'deploy.lock.release',
  'incident.acknowledge',
  'app.start',
  'demo.break',
];

/** A temp copy of the demo workspace folder, opened as a plain file (so no sandbox is ever started for it). */
function demoCopy(root: string): string {
  const folder = join(root, 'workspace');
  cpSync(join(process.cwd(), 'resources', 'demo'), folder, { recursive: true });
  return join(folder, 'cockpit.yaml');
}

async function openBackend(
  dataDir: string,
  workspacePath: string,
): Promise<{ backend: Backend; connections: () => number }> {
  const backend = await createBackend({
    dataDir,
    transport: 'websocket',
    background: false,
    watch: false,
    workspacePath,
  });
  // Nothing here may connect to a host: count every transport asked for.
  let connections = 0;
  const transports = backend.context.transports;
  const get = transports.get.bind(transports);
  transports.get = (host) => {
    connections++;
    return get(host);
  };
  return { backend, connections: () => connections };
}

/** Fills the journal in `dataDir` with ACTIONS actions over DAYS days ending now; returns counts by kind. */
function fillJournal(dataDir: string, end: number): Map<string, number> {
  let clock = end;
  const journal = openJournal({ file: join(dataDir, 'journal.db'), actor: 'ana', now: () => new Date(clock) });
  const counts = new Map<string, number>();
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const start = end - DAYS * DAY;
  const step = (DAYS * DAY) / ACTIONS;
  let release = 100;

  const one = (i: number) => {
    const at = Math.floor(start + i * step);
    clock = at;
    if (i % 20 !== 10) {
      const kind = NOISE[i % NOISE.length] as string;
      count(kind);
      const [service, environment] = pick(PAIRS);
      const action = journal.begin({ kind, title: `${kind} ${i}`, target: `${service}@${environment}` });
      if (i % 10 === 0) action.step('Reading', { host: 'demo-prod-1' });
      clock = at + 200;
      action.succeed(`done ${i}`);
      return;
    }
    // A timeline kind: 40 % deploys, 5 % rollbacks, 10 % runbook runs, 25 % backup verifications, 20 % alerts.
    const slot = Math.floor(i / 20) % 20;
    const [service, environment] = pick(PAIRS);
    if (slot < 9) {
      const rollback = slot === 8;
      const kind = rollback ? 'deploy.rollback' : 'deploy.run';
      count(kind);
      const releaseId = `20260101T000000Z-v1.${rollback ? release - 1 : ++release}.0`;
      const hosts = environment === 'production' ? ['demo-prod-1', 'demo-prod-2'] : ['demo-stg'];
      const action = journal.begin({
        kind,
        title: `${rollback ? 'Roll back' : 'Deploy'} ${service} in ${environment}`,
        target: `${service}@${environment}`,
        data: { service, environment, hosts, releaseId, reason: null },
      });
      action.step('Uploading release', { host: hosts[0] });
      clock = at + 3 * MIN;
      const failed = random() < 0.08;
      const outcome = {
        runId: action.id,
        kind: rollback ? 'rollback' : 'deploy',
        service,
        environment,
        releaseId,
        previousRelease: null,
        result: failed ? 'rolled-back' : 'healthy',
        summary: failed ? 'gate failed, rolled back' : 'healthy on every host',
        hosts: hosts.map((host) => ({ host, state: 'healthy', release: releaseId, previous: null, detail: null })),
        failure: null,
        wayBack: null,
        startedAt: new Date(at).toISOString(),
        endedAt: new Date(clock).toISOString(),
        durationMs: 3 * MIN,
      };
      if (failed) action.fail(outcome.summary, { outcome });
      else action.succeed(outcome.summary, { outcome });
    } else if (slot < 11) {
      count('runbook.run');
      const [runbookId, runbookTitle, rbService, rbEnvironment] = pick(RUNBOOKS);
      const action = journal.begin({
        kind: 'runbook.run',
        title: `Runbook: ${runbookTitle} (${rbService}, ${rbEnvironment})`,
        target: `${rbService}@${rbEnvironment}`,
        data: {
          runbookId,
          runbookTitle,
          service: rbService,
          environment: rbEnvironment,
          hosts: ['demo-prod-1'],
          reason: null,
          incidentId: null,
        },
      });
      clock = at + MIN;
      action.succeed('every step passed', { runbookId, status: 'succeeded', failure: null });
    } else if (slot < 16) {
      count('backups.verify');
      const key = pick(BACKUPS);
      const [bService, backup] = key.split('/') as [string, string];
      const action = journal.begin({
        kind: 'backups.verify',
        title: `Verify backup ${key}`,
        target: key,
        data: { service: bService, backup, scheduled: random() < 0.5 },
      });
      clock = at + 20_000;
      const ok = random() < 0.9;
      const data = { status: ok ? 'ok' : 'failed', checks: ['freshness:ok', `integrity:${ok ? 'ok' : 'failed'}`] };
      if (ok) action.succeed('all checks passed (7 copies)', data);
      else action.fail('integrity failed: gzip -t exited 1', data);
    } else {
      count('health.alert');
      const down = slot % 2 === 0;
      const alert: Alert = {
        id: `a${i}`,
        at,
        service,
        environment,
        kind: down ? 'down' : 'recovered',
        severity: down ? 'critical' : 'info',
        status: down ? 'down' : 'up',
        title: `${service} is ${down ? 'down' : 'back up'} in ${environment}`,
        body: `${service}: ready ${down ? 'HTTP 503 from /health/ready' : 'passing again'}`,
        reason: down ? 'HTTP 503 from /health/ready' : 'passing again',
        recentChange: null,
        delayed: false,
      };
      journalAlert(journal, alert, { told: ['desktop'], failed: [] });
    }
  };

  for (let first = 0; first < ACTIONS; first += BATCH) {
    journal.db.transaction(() => {
      for (let i = first; i < Math.min(ACTIONS, first + BATCH); i++) one(i);
    })();
  }
  journal.close();
  return counts;
}

/** TRANSITIONS health transitions (failure, then recovery 1–20 min later) over DAYS days, through the health store. */
function fillTransitions(backend: Backend, end: number): void {
  const health = backend.features.health;
  if (!isHealthFeature(health)) throw new Error('the backend has no health feature');
  const store = health.monitor.store;
  const keys = PAIRS.flatMap(([service, environment]) =>
    (CHECKS[service] ?? []).map((check) => `${service}/${check}@${environment}`),
  );
  backend.journal.db.transaction(() => {
    for (let n = 0; n < TRANSITIONS / 2; n++) {
      const key = pick(keys);
      const at = Math.floor(end - random() * DAYS * DAY);
      const to = random() < 0.4 ? 'down' : 'degraded';
      const reason = to === 'down' ? 'HTTP 503 from /health/ready' : 'slow: 1.2 s (max 800 ms)';
      store.insertTransition({ key, at, from: 'up', to, reason, flapping: false });
      const back = at + Math.floor((1 + random() * 19) * MIN);
      store.insertTransition({ key, at: back, from: to, to: 'up', reason: '200', flapping: false });
    }
  })();
}

/** The scorecard against health.overview in one backend: first call of each, then RUNS interleaved warm calls. */
async function readinessFigures(label: string, backend: Backend): Promise<void> {
  // The overview first, as the app asks for it first (the Overview screen); the scorecard's first call comes after.
  const firstOverview = await timed(() => call(backend, 'health.overview', {}));
  const [firstScore, card] = await time(() => call<Scorecard>(backend, 'readiness.scorecard', {}));
  const scores: number[] = [];
  const overviews: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    scores.push(await timed(() => call(backend, 'readiness.scorecard', {})));
    overviews.push(await timed(() => call(backend, 'health.overview', {})));
  }
  const score = stats(scores);
  const overview = stats(overviews);
  console.log(`  ${label}: score ${card.score}/100, ${card.items.length} items`);
  console.log(
    `    first calls: health.overview ${firstOverview.toFixed(2)} ms, then readiness.scorecard ${firstScore.toFixed(2)} ms (${times(firstScore, firstOverview)}, one sample each)`,
  );
  console.log(`    readiness.scorecard warm (min / median / max of ${RUNS}): ${ms(score)}`);
  console.log(`    health.overview warm (baseline):                       ${ms(overview)}`);
  console.log(`    scorecard / overview, warm medians: ${ratio(score, overview)}`);
}

// ---- 3. nextAction -------------------------------------------------------------------------------------------------

type Scenario = 'quiet' | 'few failing' | 'down after a deploy';

function evidence(scenario: Scenario, now: number): NextActionEvidence {
  const environments = ['staging', 'production'];
  const names = Array.from({ length: SERVICES }, (_, i) => `service-${i}`);
  const failing = new Map<string, 'down' | 'degraded'>();
  if (scenario !== 'quiet') {
    failing.set('service-17@production', 'down');
    failing.set('service-42@staging', 'degraded');
    failing.set('service-99@production', 'degraded');
    failing.set('service-150@production', 'down');
  }
  const justDeployed = scenario === 'down after a deploy' ? 'service-150@production' : null;
  const services: NextActionEvidence['services'] = names.flatMap((service) =>
    environments.map((environment) => {
      const status = failing.get(`${service}@${environment}`) ?? 'up';
      return { service, environment, status, since: status === 'up' ? now - 3 * DAY : now - 10 * MIN };
    }),
  );
  const targets: NextActionEvidence['targets'] = names.flatMap((service, i) =>
    environments.map((environment) => {
      const current = `20260101T000000Z-v1.${i}.0`;
      const recent = justDeployed === `${service}@${environment}`;
      const liveAt = recent ? now - 20 * MIN : now - 4 * DAY;
      return {
        service,
        environment,
        protected: environment === 'production',
        current,
        currentByHost: ['web-1', 'web-2'].map((host) => ({ host, release: current })),
        lastDeploy: {
          kind: 'deploy',
          releaseId: current,
          startedAt: new Date(liveAt - 3 * MIN).toISOString(),
          endedAt: new Date(liveAt).toISOString(),
          wentLive: true,
          practice: null,
        },
        rollbackTarget: `20251201T000000Z-v1.${i}.0`,
        rollbackLabel: `5 days ago · v1.${i - 1}.0 · healthy for 4 days, until ${recent ? '20 min' : '4 days'} ago`,
        runningRunId: null,
        unreachable: [],
      };
    }),
  );
  const failingChecks = [...failing].map(([where, status]) => {
    const [service, environment] = where.split('@') as [string, string];
    return { service, environment, checkId: `${service}-ready`, status };
  });
  const runbooks = names
    .filter((_, i) => i % 4 === 2)
    .map((service) => ({
      id: `restart-${service}`,
      title: `Restart ${service}`,
      service,
      environments: [],
      for: [`${service}-ready`],
    }));
  const backups = names.map((service, i) => ({
    service,
    id: `${service}-db`,
    ageMs: (i % 24) * 3_600_000,
    rpoMs: 30 * 3_600_000,
    verifying: false,
  }));
  return { now, services, targets, runs: [], failingChecks, runbooks, backups };
}

/** µs per call of `work`, as min / median / max over RUNS samples of `calls` calls each. */
function perCall(calls: number, work: () => unknown): Stats {
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    for (let c = 0; c < calls; c++) sink += work() ? 1 : 0;
    samples.push(Number(process.hrtime.bigint() - start) / 1e3 / calls);
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return stats(samples);
}

function nextActionFigures(): void {
  console.log(`\nnextAction on ${SERVICES} services × 2 environments (min / median / max of ${RUNS} samples):`);
  const now = Date.now();
  for (const scenario of ['quiet', 'few failing', 'down after a deploy'] as const) {
    const input = evidence(scenario, now);
    const answer = nextAction(input);
    const calls = 200;
    for (let c = 0; c < calls; c++) nextAction(input); // warm-up (JIT)
    const decide = perCall(calls, () => nextAction(input));
    const serialize = perCall(calls, () => JSON.stringify(input));
    console.log(`  ${scenario}: answers ${answer ? `${answer.kind} — "${answer.title}"` : 'nothing'}`);
    console.log(`    nextAction:                  ${us(decide)}`);
    console.log(
      `    JSON.stringify of the evidence (${kib(JSON.stringify(input).length)}, baseline): ${us(serialize)} → nextAction ${ratio(decide, serialize)}`,
    );
  }
}

// ---- the run -------------------------------------------------------------------------------------------------------

const root = mkdtempSync(join(tmpdir(), 'cockpit-oncall-bench-'));
const opened: Backend[] = [];
try {
  const workspacePath = demoCopy(root);

  // 2a. The scorecard on a fresh data folder first: the truest first call (nothing read, nothing compiled yet).
  console.log('readiness.scorecard on a copy of the demo workspace (background off):');
  const fresh = await openBackend(join(root, 'fresh'), workspacePath);
  opened.push(fresh.backend);
  await readinessFigures('fresh data folder', fresh.backend);
  const freshConnections = fresh.connections();
  await fresh.backend.close();
  opened.pop();

  // 1. The busy journal.
  const busyDir = join(root, 'busy');
  const end = Date.now();
  const [fillMs, counts] = await time(async () => fillJournal(busyDir, end));
  const busy = await openBackend(busyDir, workspacePath);
  opened.push(busy.backend);
  fillTransitions(busy.backend, end);
  const timelineKinds = ['deploy.run', 'deploy.rollback', 'runbook.run', 'backups.verify', 'health.alert'];
  const timelineActions = timelineKinds.reduce((sum, kind) => sum + (counts.get(kind) ?? 0), 0);

  // 2b. The scorecard on the busy journal (its sources read deploys, runbook runs, verifications from it).
  await readinessFigures(`busy data folder (${ACTIONS.toLocaleString('en')} actions)`, busy.backend);

  console.log(
    `\ntimeline over a busy journal: ${ACTIONS.toLocaleString('en')} actions over ${DAYS} days, ${timelineActions.toLocaleString('en')} of timeline kinds (${timelineKinds.map((k) => `${k} ${counts.get(k) ?? 0}`).join(', ')}), ${TRANSITIONS.toLocaleString('en')} health transitions; filled in ${(fillMs / 1000).toFixed(1)} s`,
  );
  const activity = () => call<{ actions: unknown[] }>(busy.backend, 'journal.list', {});
  const day = () => call<Timeline>(busy.backend, 'timeline.list', { since: '24h' });
  const month = () => call<Timeline>(busy.backend, 'timeline.list', { since: '30d' });
  const [firstDay, dayAnswer] = await time(day);
  const [firstMonth, monthAnswer] = await time(month);
  const [firstActivity, activityAnswer] = await time(activity);
  const lists: number[] = [];
  const days: number[] = [];
  const months: number[] = [];
  // Interleaved rounds, so a noisy moment lands on all three alike.
  for (let r = 0; r < RUNS; r++) {
    lists.push(await timed(activity));
    days.push(await timed(day));
    months.push(await timed(month));
  }
  const list = stats(lists);
  const d = stats(days);
  const m = stats(months);
  const size = (value: unknown) => kib(JSON.stringify(value).length);
  console.log(
    `  first calls (one sample each, in this order): timeline 24h ${firstDay.toFixed(2)} ms, timeline 30d ${firstMonth.toFixed(2)} ms, journal.list ${firstActivity.toFixed(2)} ms`,
  );
  console.log(`  (min / median / max of ${RUNS}, interleaved)`);
  console.log(
    `  journal.list, default page (baseline): ${ms(list)} — ${activityAnswer.actions.length} actions, ${size(activityAnswer)}`,
  );
  console.log(
    `  timeline.list since 24h:               ${ms(d)} — ${dayAnswer.entries.length} entries, ${size(dayAnswer)} → ${ratio(d, list)} the baseline`,
  );
  console.log(
    `  timeline.list since 30d:               ${ms(m)} — ${monthAnswer.entries.length} entries${monthAnswer.truncated ? ' (truncated to the limit)' : ''}, ${size(monthAnswer)} → ${ratio(m, list)} the baseline`,
  );

  const connections = freshConnections + busy.connections();
  await busy.backend.close();
  opened.pop();

  // 3. The Overview banner's decision.
  nextActionFigures();

  console.log(`\nhost connections asked for during the run: ${connections}`);
  if (connections !== 0) throw new Error('a benchmark of local reads connected to a host');
} finally {
  for (const backend of opened) await backend.close();
  rmSync(root, { recursive: true, force: true });
}
