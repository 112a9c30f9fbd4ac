/**
 * A rollback drill's practice runs on two real OpenSSH servers (stg1, stg2): the broken release reaches the hosts
 * although a gate is declared (not gated, not rolled back), nothing is marked good or bad, retention deletes
 * nothing, the practice rollback still proves recovery with its gate and marks nothing, DORA does not move, and the
 * practice release is removed where it is not current. Both strategies. The tests run in order.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DoraFigures, type LockInfo, type RunEvent } from '../../shared/model/deploys';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type HealthEvidence } from '../features/types';
import { type SqliteJournal, openJournal } from '../journal/journal';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { type DeployService, createDeployService } from './service';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

const DRILL = { drillId: 'drill-42' };

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('practice runs of a rollback drill over SSH to two hosts', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let journal: SqliteJournal;
  let service: DeployService;
  let workspace: Workspace;
  let work: string;
  const events: RunEvent[] = [];
  const hooks: Array<(e: RunEvent) => void> = [];
  const clock = { t: Date.parse('2025-03-01T09:00:00Z') };
  const now = () => new Date(clock.t);
  const tick = (minutes = 1) => (clock.t += minutes * 60_000);
  /** The health history blames whatever is left: a practice rollback must mark nothing anyway. */
  const evidence: HealthEvidence = {
    kind: 'failing-after',
    failingSince: '2025-03-01T09:30:00Z',
    detail: 'app-ready: down (HTTP 503)',
  };

  const host = (name: string) => must(fleet.hosts.find((h) => h.name === name));
  const app = (name: string) => join(host(name).home, 'srv', 'app');
  const names = () => fleet.hosts.map((h) => h.name);
  const currentOf = (name: string) => readlinkSync(join(app(name), 'current')).replace(/^releases\//, '');
  const releasesOn = (name: string) => readdirSync(join(app(name), 'releases')).sort();
  const marker = (name: string, id: string, file: 'BAD_RELEASE' | '.cockpit-good') =>
    existsSync(join(app(name), 'releases', id, file));
  const auditActions = (file: string) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
  const stepsOf = (runId: string) =>
    events
      .filter((e) => e.type === 'step.started' && e.runId === runId)
      .map((e) => (e.type === 'step.started' ? e.step : ''));

  function build(name: string, health: string): string {
    const dir = join(work, 'builds', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'health'), `${health}\n`);
    return dir;
  }
  const deploy = (name: string, health = 'ok', practice?: typeof DRILL) => {
    tick();
    return service.deploy(
      { service: 'app', environment: 'staging', release: { ref: name, dir: build(name, health) } },
      practice ? { practice } : {},
    );
  };
  const dora = () => service.dora({ service: 'app', environment: 'staging' });

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'stg' });
    work = join(fleet.dir, 'work');
    mkdirSync(work, { recursive: true });
    const knownHostsFile = join(work, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    workspace = workspaceSchema.parse({
      version: 1,
      name: 'Practice',
      environments: { staging: { hosts: names() } },
      hosts: Object.fromEntries(
        fleet.hosts.map((h) => [
          h.name,
          { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey },
        ]),
      ),
      services: {
        app: {
          deploy: {
            strategy: 'releases',
            path: '~/srv/app',
            keep: 2,
            build: { upload: ['health'] },
            restart: 'true',
            gate: ['app-ready'],
            gateTimeout: '1s',
            batch: 1,
          },
        },
        worker: {
          deploy: {
            strategy: 'script',
            deploy: 'mkdir -p ~/worker && echo ${release} > ~/worker/current',
            rollback: 'echo ${release} > ~/worker/current',
            current: 'cat ~/worker/current 2>/dev/null || true',
            gate: ['worker-ready'],
            gateTimeout: '1s',
          },
        },
      },
    });
    registry = createTransportRegistry({
      hosts: () => workspace.hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
    });
    journal = openJournal({ file: join(work, 'journal.db'), now, actor: 'tester' });
    service = createDeployService({
      workspace: () => ({ workspace, dir: work }),
      journal,
      transports: (name) => registry.get(name),
      // Like the health feature: the release's own health file, or the worker's current release, decides.
      checkHealth: async (target) => {
        const file =
          target.service === 'worker'
            ? join(host(target.host ?? '').home, 'worker', 'current')
            : join(app(target.host ?? ''), 'current', 'health');
        const value = readFileSync(file, 'utf8').trim();
        const up = value === 'ok' || value === 'good';
        return { ok: up, detail: `${target.service}-ready: ${up ? 'up' : 'down'} (${value})` };
      },
      healthEvidence: async () => evidence,
      emit: (event) => {
        events.push(event);
        hooks.forEach((hook) => hook(event));
      },
      now,
      actor: 'tester',
      gateIntervalMs: 100,
    });
  });

  afterAll(async () => {
    try {
      await registry?.closeAll();
      journal?.close();
    } finally {
      await fleet?.stop();
    }
  });

  let v1: string;
  let v2: string;
  let broken: string;
  let before: DoraFigures;

  it('deploys the broken release for practice: not gated, not rolled back, no marks, nothing pruned', async () => {
    v1 = must((await deploy('v1.4.0')).releaseId);
    v2 = must((await deploy('v1.5.0')).releaseId);
    before = await dora();
    expect(before).toMatchObject({ deploys: 2, failedChanges: 0 });
    for (const name of names()) expect(releasesOn(name)).toEqual([v1, v2].sort());

    let lockSeen: Partial<LockInfo> | null = null;
    const peek = (event: RunEvent) => {
      if (event.type === 'step.started' && event.step === 'restart' && event.host === 'stg1') {
        lockSeen = JSON.parse(readFileSync(join(app('stg1'), '.cockpit-lock', 'info.json'), 'utf8')) as LockInfo;
      }
    };
    hooks.push(peek);
    const practice = await deploy('v1.6.0', 'broken', DRILL).finally(() => hooks.splice(hooks.indexOf(peek), 1));
    broken = must(practice.releaseId);

    expect(practice.result).toBe('healthy');
    expect(practice.summary).toMatch(/for practice: no health gate/);
    expect(stepsOf(practice.runId)).not.toContain('gate');
    expect(stepsOf(practice.runId)).not.toContain('rollback-switch');
    expect(lockSeen).toMatchObject({ what: expect.stringMatching(/^practice deploy .*rollback drill/) });
    for (const name of names()) {
      expect(currentOf(name)).toBe(broken);
      expect(marker(name, broken, 'BAD_RELEASE')).toBe(false);
      expect(marker(name, broken, '.cockpit-good')).toBe(false);
      // keep: 2 would have pruned v1.4.0 after a real deploy.
      expect(releasesOn(name)).toEqual([v1, v2, broken].sort());
      const lines = auditActions(join(app(name), '.cockpit-audit.log')).filter((l) => l[5] === practice.runId);
      expect(lines.map((l) => [l[2], l[4]])).toEqual([
        ['practice-deploy', 'started'],
        ['practice-deploy', 'healthy'],
      ]);
    }
    const action = must(journal.get(practice.runId));
    expect(action.action.title).toBe('Deploy app to staging (practice)');
    expect(action.entries.find((e) => e.phase === 'intent')?.data).toMatchObject({ practice: DRILL.drillId });
  });

  it('never offers the practice release as the way back', async () => {
    const options = await service.rollbackOptions({ service: 'app', environment: 'staging' });
    expect(options.defaultTarget).toBe(v2);
  });

  it('rolls back for practice through the gate, marking nothing whatever the evidence says', async () => {
    tick(3);
    const back = await service.rollback({ service: 'app', environment: 'staging' }, { practice: DRILL });
    expect(back.result).toBe('healthy');
    expect(back.releaseId).toBe(v2);
    expect(back.summary).toMatch(/unmarked/);
    expect(stepsOf(back.runId)).toContain('gate');
    for (const name of names()) {
      expect(currentOf(name)).toBe(v2);
      expect(marker(name, broken, 'BAD_RELEASE')).toBe(false);
      expect(marker(name, v2, 'BAD_RELEASE')).toBe(false);
      const last = auditActions(join(app(name), '.cockpit-audit.log')).at(-1);
      expect(last?.slice(2, 5)).toEqual(['practice-rollback', v2, 'healthy']);
    }
    expect(must(journal.get(back.runId)).action.title).toMatch(/\(practice\)$/);
  });

  it('leaves DORA as it was and shows both runs as practice in the history', async () => {
    expect(await dora()).toEqual(before);
    const history = await service.history({ service: 'app', environment: 'staging' });
    const practice = history.records.filter((r) => r.practice === DRILL.drillId);
    expect(practice.map((r) => r.kind).sort()).toEqual(['deploy', 'rollback']);
    expect(history.records.filter((r) => r.practice === undefined).map((r) => r.kind)).toEqual(['deploy', 'deploy']);
    expect(history.rollbackTarget).toBe(v1);
  });

  it('removes the practice release where it is not current, and refuses the current one', async () => {
    const current = await service.currentByHost({ service: 'app', environment: 'staging' });
    expect(current).toEqual(names().map((h) => ({ host: h, release: v2 })));

    const removed = await service.removeRelease({
      service: 'app',
      environment: 'staging',
      release: broken,
      practice: DRILL,
    });
    expect(removed).toEqual({ removedOn: names(), problems: [] });
    for (const name of names()) {
      expect(releasesOn(name)).toEqual([v1, v2].sort());
      expect(
        auditActions(join(app(name), '.cockpit-audit.log'))
          .at(-1)
          ?.slice(2, 4),
      ).toEqual(['practice-remove', broken]);
    }

    const refused = await service.removeRelease({
      service: 'app',
      environment: 'staging',
      release: v2,
      practice: DRILL,
    });
    expect(refused.removedOn).toEqual([]);
    expect(refused.problems).toHaveLength(2);
    expect(refused.problems[0]).toMatch(/still the current release there, so it was kept/);
    for (const name of names()) expect(releasesOn(name)).toContain(v2);
    expect(
      journal
        .list({ limit: 5, kind: 'deploy.practice.remove' })
        .actions.map((a) => a.status)
        .sort(),
    ).toEqual(['failed', 'succeeded']);
    expect(await dora()).toEqual(before);
  });

  it('does the same with a deploy script: the practice deploy is not gated, its rollback is', async () => {
    const target = { service: 'worker', environment: 'staging' } as const;
    tick();
    const good = await service.deploy({ ...target, release: { ref: 'good' } });
    expect(good.result).toBe('healthy');
    tick();
    const practice = await service.deploy({ ...target, release: { ref: 'broken' } }, { practice: DRILL });
    expect(practice.result).toBe('healthy');
    expect(stepsOf(practice.runId)).not.toContain('gate');
    for (const name of names()) {
      expect(readFileSync(join(host(name).home, 'worker', 'current'), 'utf8').trim()).toBe('broken');
    }
    tick();
    const back = await service.rollback({ ...target, to: 'good' }, { practice: DRILL });
    expect(back.result).toBe('healthy');
    expect(stepsOf(back.runId)).toContain('rollback-gate');
    for (const name of names()) {
      const audit = auditActions(join(host(name).home, '.cockpit', 'worker', '.cockpit-audit.log'));
      expect(audit.filter((l) => l[5] === practice.runId).map((l) => l[2])).toEqual([
        'practice-deploy',
        'practice-deploy',
      ]);
      expect(audit.at(-1)?.slice(2, 5)).toEqual(['practice-rollback', 'good', 'healthy']);
    }
    expect(await service.removeRelease({ ...target, release: 'broken', practice: DRILL })).toEqual({
      removedOn: [],
      problems: [],
    });
    const history = await service.history(target);
    expect(history.dora).toMatchObject({ deploys: 1, failedChanges: 0 });
  });
});
