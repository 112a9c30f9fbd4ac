/**
 * BAD_RELEASE only when the release is to blame, and retention that keeps the way back, on two real OpenSSH
 * servers (web1, web2). The tests run in order: each starts from the state the previous one left.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployOutcome, type RunEvent } from '../../shared/model/deploys';
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

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('release marks and retention over SSH to two hosts', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let journal: SqliteJournal;
  let service: DeployService;
  let workspace: Workspace;
  let work: string;
  const hooks: Array<(e: RunEvent) => void> = [];
  const clock = { t: Date.parse('2025-03-01T09:00:00Z') };
  const now = () => new Date(clock.t);
  const tick = (minutes = 1) => (clock.t += minutes * 60_000);
  /** What the health history says when a rollback asks (the tests set it). */
  let evidence: HealthEvidence = { kind: 'no-failure', failingSince: null, detail: '1 check watched' };
  /** The gate answers like a misconfigured workspace while true. */
  let gateMisconfigured = false;

  const host = (name: string) => must(fleet.hosts.find((h) => h.name === name));
  const app = (name: string) => join(host(name).home, 'srv', 'app');
  const names = () => fleet.hosts.map((h) => h.name);
  const currentOf = (name: string) => readlinkSync(join(app(name), 'current')).replace(/^releases\//, '');
  const releasesOn = (name: string) => readdirSync(join(app(name), 'releases')).sort();
  const isBad = (name: string, id: string) => existsSync(join(app(name), 'releases', id, 'BAD_RELEASE'));

  function build(name: string, health: string): string {
    const dir = join(work, 'builds', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'health'), `${health}\n`);
    return dir;
  }

  const deploy = (name: string, health = 'ok') => {
    tick();
    return service.deploy({ service: 'app', environment: 'staging', release: { ref: name, dir: build(name, health) } });
  };

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'web' });
    work = join(fleet.dir, 'work');
    mkdirSync(work, { recursive: true });
    const knownHostsFile = join(work, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    workspace = workspaceSchema.parse({
      version: 1,
      name: 'Marks',
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
            hooks: { beforeSwitch: 'if [ -f "$HOME/slow-hook" ]; then sleep 8; fi' },
            restart: 'true',
            gate: ['app-ready'],
            gateTimeout: '1s',
            batch: 1,
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
      // Answers the way the health feature does: real checks as "app-ready: down (…)", a bad config otherwise.
      checkHealth: async (target) => {
        if (gateMisconfigured)
          return { ok: false, detail: 'no check app-ready for app in staging', misconfigured: true };
        const health = readFileSync(join(app(target.host ?? ''), 'current', 'health'), 'utf8').trim();
        return { ok: health === 'ok', detail: `app-ready: ${health === 'ok' ? 'up' : 'down'} (${health})` };
      },
      healthEvidence: async () => evidence,
      emit: (event) => hooks.forEach((hook) => hook(event)),
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

  it('leaves the release it rolls away from unmarked when told so, and marks it when told so', async () => {
    v1 = must((await deploy('v1')).releaseId);
    v2 = must((await deploy('v2')).releaseId);
    tick();
    const back = await service.rollback({ service: 'app', environment: 'staging', to: v1, markBad: false });
    expect(back.result).toBe('healthy');
    expect(back.summary).toMatch(/Left .*-v2 unmarked/);
    for (const name of names()) {
      expect(currentOf(name)).toBe(v1);
      expect(isBad(name, v2)).toBe(false);
    }
    const options = await service.rollbackOptions({ service: 'app', environment: 'staging' });
    expect(options.options.find((o) => o.id === v2)?.badges).toEqual([]);

    tick();
    const forth = await service.rollback({ service: 'app', environment: 'staging', to: v2, markBad: true });
    expect(forth.result).toBe('healthy');
    for (const name of names()) expect(isBad(name, v1)).toBe(true);
    const decision = must(journal.get(forth.runId)).entries.find((e) => e.data?.step === 'mark-decision');
    expect(decision?.data).toMatchObject({ markBad: true, source: 'asked' });
  });

  it('follows the evidence when not told: no check failed after the release went live, so it stays unmarked', async () => {
    evidence = { kind: 'no-failure', failingSince: null, detail: '1 check watched' };
    const options = await service.rollbackOptions({ service: 'app', environment: 'staging' });
    // v2 is current again through the rollback to it: only the time since then counts against it.
    expect(options.markEvidence?.line).toMatch(/^no check failed since v2 became current again at \d\d:\d\d UTC$/);
    expect(options.markBadDefault).toBe(false);
    expect(options.options.find((o) => o.id === v1)?.badges).toEqual(['bad']);
  });

  it('clears a mark on every host that has it, journals the reason and writes an audit line', async () => {
    tick();
    const result = await service.clearMark({
      service: 'app',
      environment: 'staging',
      release: v1,
      reason: 'the outage was the database, not v1',
    });
    expect(result).toEqual({ release: v1, clearedOn: names(), problems: [] });
    for (const name of names()) {
      expect(isBad(name, v1)).toBe(false);
      const audit =
        readFileSync(join(app(name), '.cockpit-audit.log'), 'utf8')
          .trim()
          .split('\n')
          .at(-1) ?? '';
      expect(audit.split('\t').slice(1, 5)).toEqual([
        'tester',
        'unmark',
        v1,
        'cleared: the outage was the database, not v1',
      ]);
    }
    const cleared = journal.list({ limit: 5, kind: 'deploy.mark.clear' }).actions[0];
    expect(cleared).toMatchObject({
      status: 'succeeded',
      summary: expect.stringContaining('the outage was the database'),
    });
    await expect(
      service.clearMark({ service: 'app', environment: 'staging', release: v1, reason: 'again' }),
    ).rejects.toThrow(/not marked bad on any host/);
  });

  it('does not mark a release whose deploy lost a host before any switch', async () => {
    const web2 = host('web2');
    writeFileSync(join(web2.home, 'slow-hook'), '');
    const kill = (event: RunEvent) => {
      if (event.type === 'step.started' && event.step === 'before-switch' && event.host === 'web2') void web2.stop();
    };
    hooks.push(kill);
    let outcome: DeployOutcome;
    try {
      outcome = await deploy('v3');
    } finally {
      hooks.splice(hooks.indexOf(kill), 1);
      rmSync(join(web2.home, 'slow-hook'));
    }
    expect(outcome.result).toBe('failed');
    expect(outcome.failure).toMatchObject({ host: 'web2', reason: 'transport' });
    await web2.start();
    await service.releaseLock({ service: 'app', environment: 'staging', reason: 'host came back', force: true });
    const id = must(outcome.releaseId);
    for (const name of names()) {
      expect(currentOf(name)).toBe(v2);
      if (releasesOn(name).includes(id)) expect(isBad(name, id)).toBe(false);
    }
  });

  it('does not mark a release when the gate is misconfigured, and says to fix the gate', async () => {
    gateMisconfigured = true;
    let outcome: DeployOutcome;
    try {
      outcome = await deploy('v4');
    } finally {
      gateMisconfigured = false;
    }
    // The rollback's own gate cannot judge either, so the run ends failed; the release is still not blamed.
    expect(outcome.result).toBe('failed');
    expect(outcome.summary).toMatch(/misconfigured/);
    expect(outcome.summary).toMatch(/not marked bad/);
    for (const name of names()) {
      expect(currentOf(name)).toBe(v2);
      expect(isBad(name, must(outcome.releaseId))).toBe(false);
    }
    // A real failing check still marks it.
    const broken = await deploy('v5', 'broken');
    expect(broken.result).toBe('rolled-back');
    for (const name of names()) expect(isBad(name, must(broken.releaseId))).toBe(true);
  });

  it('keeps the same releases on both hosts, the healthy way back included, and prunes bad ones first', async () => {
    // A release made by hand on web1 only: its name sorts after every dated id, it is old, and it is bad.
    const handMade = join(app('web1'), 'releases', 'v9-handmade');
    mkdirSync(handMade, { recursive: true });
    writeFileSync(join(handMade, 'BAD_RELEASE'), 'made by hand\n');
    const old = new Date('2025-02-01T00:00:00Z');
    utimesSync(handMade, old, old);
    const v6 = await deploy('v6');
    expect(v6.result).toBe('healthy');
    const kept = releasesOn('web1');
    expect(releasesOn('web2')).toEqual(kept);
    expect(kept).toContain(must(v6.releaseId));
    expect(kept).toContain(v2);
    expect(kept).not.toContain('v9-handmade');
    for (const id of kept) expect(isBad('web1', id)).toBe(false);
  });
});
