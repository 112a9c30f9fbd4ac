import { describe, expect, it } from 'vitest';
import { type NextActionEvidence, type TargetEvidence, nextAction } from './next-action';

const NOW = Date.parse('2026-12-06T22:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

function target(over: Partial<TargetEvidence> & { service: string; environment: string }): TargetEvidence {
  return {
    protected: over.environment === 'production',
    current: '20261206T213000Z-v1.5.0',
    currentByHost: [],
    lastDeploy: null,
    rollbackTarget: '20261203T100000Z-v1.4.0',
    rollbackLabel: '3 days ago · v1.4.0 · healthy for 3 days, until 30 min ago',
    runningRunId: null,
    unreachable: [],
    ...over,
  };
}

const deployedAt = (at: number, release = '20261206T213000Z-v1.5.0') => ({
  kind: 'deploy' as const,
  releaseId: release,
  startedAt: iso(at - MIN),
  endedAt: iso(at),
  wentLive: true,
  practice: null,
});

function evidence(over: Partial<NextActionEvidence> = {}): NextActionEvidence {
  return { now: NOW, services: [], targets: [], failingChecks: [], runbooks: [], backups: [], ...over };
}

describe('nextAction', () => {
  it('says nothing when all is well', () => {
    expect(nextAction(evidence())).toBeNull();
  });

  it('finishes a half-done rollback that left production split, naming the host left behind', () => {
    const action = nextAction(
      evidence({
        targets: [
          target({
            service: 'checkout',
            environment: 'production',
            current: null,
            currentByHost: [
              { host: 'prod-1', release: 'v1.4.0' },
              { host: 'prod-2', release: 'v1.5.0' },
            ],
            lastDeploy: { ...deployedAt(NOW - 10 * MIN, 'v1.4.0'), kind: 'rollback' },
          }),
        ],
      }),
    );
    expect(action).toMatchObject({
      kind: 'finish-rollback',
      to: 'v1.4.0',
      title: 'Finish the rollback: prod-2 still runs v1.5.0',
      why: 'production is split: prod-1 runs v1.4.0, prod-2 runs v1.5.0',
    });
  });

  it('does not call a fleet split because of a host it could not read', () => {
    const action = nextAction(
      evidence({
        targets: [
          target({
            service: 'checkout',
            environment: 'production',
            currentByHost: [
              { host: 'prod-1', release: 'v1.4.0' },
              { host: 'prod-2', release: 'v1.3.0' },
            ],
            unreachable: [{ host: 'prod-2' }],
          }),
        ],
      }),
    );
    expect(action).toBeNull();
  });

  it('rolls back a service that went down minutes after a deploy, to the healthy release, saying how long after', () => {
    const action = nextAction(
      evidence({
        services: [{ service: 'checkout', environment: 'production', status: 'down', since: NOW - 6 * MIN }],
        targets: [target({ service: 'checkout', environment: 'production', lastDeploy: deployedAt(NOW - 10 * MIN) })],
      }),
    );
    expect(action).toMatchObject({
      kind: 'rollback',
      service: 'checkout',
      environment: 'production',
      to: '20261203T100000Z-v1.4.0',
      protected: true,
      title: 'Roll back checkout in production to v1.4.0 (healthy for 3 days)',
      why: 'checkout went down 4 min after v1.5.0 went live',
    });
  });

  it('does not blame a deploy from long ago, a practice run, or a failure that began before the deploy', () => {
    const down = [{ service: 'checkout', environment: 'staging', status: 'down' as const, since: NOW - MIN }];
    const old = target({ service: 'checkout', environment: 'staging', lastDeploy: deployedAt(NOW - 7 * HOUR) });
    expect(nextAction(evidence({ services: down, targets: [old] }))).toBeNull();
    const practice = target({
      service: 'checkout',
      environment: 'staging',
      lastDeploy: { ...deployedAt(NOW - 5 * MIN), practice: 'drill-1' },
    });
    expect(nextAction(evidence({ services: down, targets: [practice] }))).toBeNull();
    const before = down.map((s) => ({ ...s, since: NOW - HOUR }));
    const recent = target({ service: 'checkout', environment: 'staging', lastDeploy: deployedAt(NOW - 5 * MIN) });
    expect(nextAction(evidence({ services: before, targets: [recent] }))).toBeNull();
  });

  it('puts down before degraded, and production before staging', () => {
    const targets = [
      target({ service: 'checkout', environment: 'staging', lastDeploy: deployedAt(NOW - 10 * MIN) }),
      target({ service: 'auth', environment: 'production', lastDeploy: deployedAt(NOW - 10 * MIN) }),
      target({ service: 'checkout', environment: 'production', lastDeploy: deployedAt(NOW - 10 * MIN) }),
    ];
    const services = [
      { service: 'checkout', environment: 'staging', status: 'down' as const, since: NOW - 5 * MIN },
      { service: 'auth', environment: 'production', status: 'degraded' as const, since: NOW - 5 * MIN },
      { service: 'checkout', environment: 'production', status: 'down' as const, since: NOW - 5 * MIN },
    ];
    expect(nextAction(evidence({ services, targets }))).toMatchObject({
      service: 'checkout',
      environment: 'production',
    });
    expect(nextAction(evidence({ services: services.slice(0, 2), targets }))).toMatchObject({
      service: 'checkout',
      environment: 'staging',
    });
  });

  it('offers no action while a rollback already runs there, and says so', () => {
    const action = nextAction(
      evidence({
        services: [{ service: 'checkout', environment: 'production', status: 'down', since: NOW - 6 * MIN }],
        targets: [
          target({
            service: 'checkout',
            environment: 'production',
            lastDeploy: deployedAt(NOW - 10 * MIN),
            runningRunId: 'run-7',
          }),
        ],
        runs: [{ runId: 'run-7', kind: 'rollback' }],
      }),
    );
    expect(action).toMatchObject({ kind: 'running', runId: 'run-7' });
    expect(action?.title).toBe('A rollback of checkout in production is running');
  });

  it('offers the runbook that answers a failing check, where the runbook applies', () => {
    const restart = {
      id: 'restart-worker',
      title: 'Restart the worker',
      service: 'worker',
      environments: [] as string[],
      for: ['worker-live'],
    };
    const runbooks = [restart];
    const failingChecks = [
      { service: 'worker', environment: 'production', checkId: 'worker-live', status: 'down' as const },
    ];
    expect(nextAction(evidence({ runbooks, failingChecks }))).toMatchObject({
      kind: 'runbook',
      runbookId: 'restart-worker',
      environment: 'production',
      title: "Run 'Restart the worker'",
      why: 'worker-live is down in production; this runbook answers it',
    });
    const stagingOnly = [{ ...restart, environments: ['staging'] }];
    expect(nextAction(evidence({ runbooks: stagingOnly, failingChecks }))).toBeNull();
  });

  it('asks to verify a backup past its RPO', () => {
    const backups = [
      { service: 'checkout', id: 'orders-db', ageMs: 30 * HOUR, rpoMs: 24 * HOUR, verifying: false },
      { service: 'auth', id: 'users-db', ageMs: 2 * HOUR, rpoMs: 24 * HOUR, verifying: false },
    ];
    expect(nextAction(evidence({ backups }))).toEqual({
      kind: 'verify',
      service: 'checkout',
      backup: 'orders-db',
      title: 'Verify orders-db now',
      why: 'last good copy 30 h ago, RPO 24 h',
    });
  });

  it('ranks a split fleet above a recent deploy, and both above runbooks and backups', () => {
    const all = evidence({
      services: [{ service: 'checkout', environment: 'staging', status: 'down', since: NOW - MIN }],
      targets: [
        target({ service: 'checkout', environment: 'staging', lastDeploy: deployedAt(NOW - 5 * MIN) }),
        target({
          service: 'auth',
          environment: 'production',
          currentByHost: [
            { host: 'prod-1', release: 'v2' },
            { host: 'prod-2', release: 'v1' },
            { host: 'prod-3', release: 'v2' },
          ],
        }),
      ],
      failingChecks: [{ service: 'checkout', environment: 'staging', checkId: 'checkout-ready', status: 'down' }],
      runbooks: [
        { id: 'rb', title: 'Clear the cache', service: 'checkout', environments: [], for: ['checkout-ready'] },
      ],
      backups: [{ service: 'checkout', id: 'orders-db', ageMs: 30 * HOUR, rpoMs: 24 * HOUR, verifying: false }],
    });
    expect(nextAction(all)).toMatchObject({ kind: 'finish-rollback', to: 'v2', service: 'auth' });
    expect(nextAction({ ...all, targets: all.targets.slice(0, 1) })).toMatchObject({ kind: 'rollback' });
    expect(nextAction({ ...all, targets: [] })).toMatchObject({ kind: 'runbook' });
    // With checkout down and nothing that answers it, an unrelated backup is not offered; once all is up, it is.
    expect(nextAction({ ...all, targets: [], runbooks: [] })).toBeNull();
    expect(nextAction({ ...all, services: [], targets: [], runbooks: [] })).toMatchObject({ kind: 'verify' });
  });
});
