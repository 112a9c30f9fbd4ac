/**
 * TEST CODE ONLY — fakes for the rollback drill's unit tests: a deploy engine whose runs end when the test says,
 * health answers the test sets, and the bus events health would emit (a status change, an alert, a sample).
 */
import { type DeployInput, type DeployOutcome, type RollbackInput } from '../../shared/model/deploys';
import { type Alert, type CheckView, type ServiceHealth } from '../../shared/model/health';
import { type EventBus } from '../api/events';
import { type Capabilities, type HealthOfService, defaultCapabilities } from '../features/types';

interface PendingRun {
  runId: string;
  kind: 'deploy' | 'rollback';
  release: string;
  end(result?: DeployOutcome['result']): void;
}

export interface FakeCockpit {
  capabilities: Capabilities;
  current: Map<string, string | null>;
  health: HealthOfService;
  deploys: Array<{ input: DeployInput; drillId: string }>;
  rollbacks: Array<{ input: RollbackInput; drillId: string }>;
  cancels: string[];
  removed: string[];
  lockedBy: string | null;
  runs: PendingRun[];
  incidentId: string | null;
  firstFailureAt: number | null;
  watching: number;
  /** The newest run not ended yet. */
  pending(): PendingRun | undefined;
}

export const GOOD = '20261201T000000Z-v1';

function outcome(
  runId: string,
  kind: 'deploy' | 'rollback',
  release: string,
  result: DeployOutcome['result'],
  startedAt: Date,
): DeployOutcome {
  const endedAt = new Date();
  return {
    runId,
    kind,
    service: 'shop',
    environment: 'staging',
    releaseId: release,
    previousRelease: null,
    result,
    summary: `${kind} of ${release}: ${result}`,
    hosts: [],
    failure: null,
    wayBack: null,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
  };
}

export function fakeCockpit(hosts: string[]): FakeCockpit {
  let next = 0;
  const fake: FakeCockpit = {
    capabilities: defaultCapabilities(),
    current: new Map(hosts.map((h) => [h, GOOD])),
    health: {
      status: {
        service: 'shop',
        environment: 'staging',
        status: 'up',
        reason: 'all 1 checks passing',
        since: Date.now() - 60_000,
        flapping: false,
        checks: ['ready'],
      },
      checks: [
        {
          checkId: 'ready',
          critical: true,
          everyMs: 1000,
          everyFailingMs: 1000,
          retries: 1,
          timeoutMs: 500,
          status: 'up',
          reason: null,
        },
      ],
    },
    deploys: [],
    rollbacks: [],
    cancels: [],
    removed: [],
    lockedBy: null,
    runs: [],
    incidentId: null,
    firstFailureAt: null,
    watching: 0,
    pending: () => fake.runs.at(-1),
  };

  function start(kind: 'deploy' | 'rollback', release: string) {
    const runId = `run-${++next}`;
    const startedAt = new Date();
    let resolve: (o: DeployOutcome) => void = () => undefined;
    const promise = new Promise<DeployOutcome>((r) => {
      resolve = r;
    });
    const run: PendingRun = {
      runId,
      kind,
      release,
      end(result = 'healthy') {
        fake.runs = fake.runs.filter((r) => r !== run);
        if (result === 'healthy' || result === 'unknown') for (const h of hosts) fake.current.set(h, release);
        resolve(outcome(runId, kind, release, result, startedAt));
      },
    };
    fake.runs.push(run);
    return { runId, outcome: promise };
  }

  const caps = fake.capabilities;
  caps.healthOf = () => fake.health;
  caps.firstFailure = () => fake.firstFailureAt;
  caps.openIncident = () => fake.incidentId;
  caps.watchHealth = () => {
    fake.watching++;
    return () => {
      fake.watching--;
    };
  };
  caps.deploys = {
    deploy: async (input, practice) => {
      fake.deploys.push({ input, drillId: practice.drillId });
      return start('deploy', `20261206T120000Z-${input.release?.ref ?? 'x'}`);
    },
    rollback: async (input, practice) => {
      fake.rollbacks.push({ input, drillId: practice.drillId });
      return start('rollback', input.to ?? GOOD);
    },
    cancel: (runId) => {
      fake.cancels.push(runId);
      const run = fake.runs.find((r) => r.runId === runId);
      run?.end('cancelled');
      return run !== undefined;
    },
    rollbackOptions: async (target) => ({
      service: target.service,
      environment: target.environment,
      strategy: 'releases',
      protected: false,
      current: GOOD,
      currentByHost: hosts.map((host) => ({ host, release: fake.current.get(host) ?? null })),
      defaultTarget: null,
      problem: null,
      options: [],
      steps: [],
      gate: ['ready'],
      unreachable: [],
      lockedBy: fake.lockedBy,
      markEvidence: null,
      markBadDefault: false,
    }),
    sources: async (target) => ({
      service: target.service,
      strategy: 'releases',
      choices: [
        {
          id: 'v2',
          label: 'v2',
          detail: null,
          kind: 'artifact',
          release: { ref: 'v2' },
          modifiedAt: null,
          badges: [],
        },
      ],
      refRequired: false,
      note: null,
    }),
    currentByHost: async () => hosts.map((host) => ({ host, release: fake.current.get(host) ?? null })),
    removeRelease: async ({ release }) => {
      fake.removed.push(release);
      return { removedOn: hosts, problems: [] };
    },
  };
  return fake;
}

export function serviceDown(bus: EventBus, at = Date.now()): void {
  const service: ServiceHealth = {
    service: 'shop',
    environment: 'staging',
    status: 'down',
    reason: 'ready: 503 from /ready',
    since: at,
    flapping: false,
    checks: ['ready'],
  };
  bus.emit('health.status', { at, worst: 'down', service });
}

export function downAlert(bus: EventBus, at = Date.now(), practice?: Alert['practice']): void {
  bus.emit('health.alert', {
    id: `alert-${at}`,
    at,
    service: 'shop',
    environment: 'staging',
    kind: 'down',
    severity: 'critical',
    status: 'down',
    title: 'shop is down in staging',
    body: 'ready: 503',
    reason: '503 from /ready',
    recentChange: null,
    delayed: false,
    ...(practice ? { practice } : {}),
  });
}

export function checkRan(bus: EventBus, status: CheckView['status'], at = Date.now()): void {
  const view: CheckView = {
    key: 'shop/ready@staging',
    service: 'shop',
    environment: 'staging',
    checkId: 'ready',
    kind: 'http',
    subject: '/ready',
    critical: true,
    status,
    since: at,
    reason: status === 'up' ? '200' : '503',
    headline: null,
    latencyMs: 12,
    lastRunAt: at,
    nextRunAt: at + 1000,
    consecutiveFailures: status === 'up' ? 0 : 1,
    flapping: false,
  };
  bus.emit('health.sample', { at, checks: [view] });
}

export const DRILL_WORKSPACE = (drill: string) =>
  [
    'version: 1',
    'name: Shop',
    'environments:',
    '  staging: { hosts: [stg-1, stg-2] }',
    '  production: { hosts: [web-1] }',
    'hosts:',
    '  stg-1: { ssh: deploy@stg-1.example.com }',
    '  stg-2: { ssh: deploy@stg-2.example.com }',
    '  web-1: { ssh: deploy@web-1.example.com }',
    'services:',
    '  shop:',
    '    deploy: { strategy: releases, path: ~/shop, gate: [ready] }',
    '    health:',
    '      - { id: ready, http: "https://shop.example.com/ready", every: 1s, retries: 1, critical: true }',
    `    drill: ${drill}`,
    '',
  ].join('\n');

/** Polls until `check` holds (the drill moves on in the background). */
export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
