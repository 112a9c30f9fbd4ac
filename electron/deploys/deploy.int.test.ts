/**
 * Deploys and rollbacks against three real OpenSSH servers ("hosts" web1..web3, each with its own home), with
 * the real SQLite journal and a real HTTP health endpoint per host that serves the `health` file of the
 * release `current` points at. The tests run in order: each starts from the state the previous one left.
 */
import { mkdirSync, existsSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployOutcome, type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type SqliteJournal, openJournal } from '../journal/journal';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { type HealthTarget } from '../runbooks/types';
import { type DeployService, createDeployService } from './service';

/** The value, or a clear failure when a test's own setup is broken. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('deploys over SSH to three hosts', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let journal: SqliteJournal;
  let service: DeployService;
  let workspace: Workspace;
  const servers: Server[] = [];
  const healthPorts = new Map<string, number>();
  const events: RunEvent[] = [];
  const eventHooks: Array<(e: RunEvent) => void> = [];
  // A clock the tests move: one minute per deploy keeps ids, markers and the journal in a readable order.
  const clock = { t: Date.parse('2025-03-01T09:00:00Z') };
  const now = () => new Date(clock.t);
  const tick = (minutes = 1) => (clock.t += minutes * 60_000);
  let work: string;

  const app = (host: string) => join(must(fleet.hosts.find((h) => h.name === host)).home, 'srv', 'app');
  const currentOf = (host: string) => readlinkSync(join(app(host), 'current')).replace(/^releases\//, '');
  const releasesOn = (host: string) => readdirSync(join(app(host), 'releases')).sort();
  const isBad = (host: string, id: string) => existsSync(join(app(host), 'releases', id, 'BAD_RELEASE'));
  const hostNames = () => fleet.hosts.map((h) => h.name);

  /** A build directory: `health` says how healthy the release will be ("ok", or "fail-on:web3"). */
  function build(name: string, health: string): string {
    const dir = join(work, 'builds', name);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'app.txt'), `app ${name}\n`);
    writeFileSync(join(dir, 'health'), `${health}\n`);
    writeFileSync(join(dir, 'bin', 'run.sh'), '#!/bin/sh\necho running\n', { mode: 0o755 });
    return dir;
  }

  async function checkHealth(target: HealthTarget): Promise<{ ok: boolean; detail: string }> {
    const response = await fetch(`http://127.0.0.1:${healthPorts.get(target.host ?? '')}/health`);
    return { ok: response.status === 200, detail: `HTTP ${response.status}: ${(await response.text()).trim()}` };
  }

  function healthServer(host: string): Promise<number> {
    const server = createServer((_req, res) => {
      let body = 'no current release';
      try {
        body = readFileSync(join(app(host), 'current', 'health'), 'utf8').trim();
      } catch {
        // no release yet
      }
      const healthy = body === 'ok' || (body.startsWith('fail-on:') && !body.slice(8).split(',').includes(host));
      res.writeHead(healthy ? 200 : 503).end(body);
    });
    servers.push(server);
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
  }

  const deploy = (name: string, health: string, extra: Record<string, unknown> = {}) => {
    tick();
    return service.deploy({
      service: 'app',
      environment: 'staging',
      release: { ref: name, dir: build(name, health) },
      ...extra,
    });
  };

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 3, prefix: 'web' });
    work = join(fleet.dir, 'work');
    mkdirSync(work, { recursive: true });
    for (const host of hostNames()) healthPorts.set(host, await healthServer(host));
    const knownHostsFile = join(work, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    workspace = workspaceSchema.parse({
      version: 1,
      name: 'Integration',
      environments: { staging: { hosts: hostNames() } },
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
            keep: 4,
            build: { upload: ['app.txt', 'health', 'bin'] },
            shared: ['data'],
            hooks: { beforeSwitch: 'test -f app.txt && test -x bin/run.sh' },
            restart:
              'echo "restart $COCKPIT_RELEASE" >> ../../restarts.log; if [ -f "$HOME/slow-restart" ]; then sleep 8; fi',
            gate: ['app-ready'],
            gateTimeout: '2s',
            batch: 1,
          },
        },
        tool: {
          deploy: {
            strategy: 'script',
            deploy: 'mkdir -p ~/tool && echo ${release} > ~/tool/current && echo ${release} >> ~/tool/all',
            rollback: 'echo ${release} > ~/tool/current',
            current: 'cat ~/tool/current 2>/dev/null || true',
            list: 'tac ~/tool/all 2>/dev/null || true',
            gate: ['tool-ready'],
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
      transports: (host) => registry.get(host),
      checkHealth: async (target, checks) => {
        if (checks.includes('tool-ready')) {
          const current = readFileSync(
            join(must(fleet.hosts.find((h) => h.name === target.host)).home, 'tool', 'current'),
            'utf8',
          );
          return { ok: !current.includes('bad'), detail: `tool ${current.trim()}` };
        }
        return checkHealth(target);
      },
      emit: (event) => {
        events.push(event);
        for (const hook of eventHooks) hook(event);
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
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    } finally {
      await fleet?.stop();
    }
  });

  let v1: DeployOutcome;

  it('deploys a release to every host, batch by batch, and records it all', async () => {
    events.length = 0;
    v1 = await deploy('v1', 'ok');
    expect(v1.result).toBe('healthy');
    expect(v1.hosts.map((h) => [h.host, h.state])).toEqual(hostNames().map((h) => [h, 'healthy']));
    const id = must(v1.releaseId);
    expect(id).toMatch(/^20250301T090100Z-v1$/);
    for (const host of hostNames()) {
      expect(currentOf(host)).toBe(id);
      expect(readFileSync(join(app(host), 'current', 'app.txt'), 'utf8')).toBe('app v1\n');
      expect(existsSync(join(app(host), 'releases', id, '.cockpit-good'))).toBe(true);
      expect(readlinkSync(join(app(host), 'releases', id, 'data'))).toBe(join(app(host), 'shared', 'data'));
      expect(existsSync(join(app(host), '.cockpit-lock'))).toBe(false);
      const audit = readFileSync(join(app(host), '.cockpit-audit.log'), 'utf8')
        .trim()
        .split('\n');
      expect(audit.map((l) => l.split('\t').slice(1, 5))).toEqual([
        ['tester', 'deploy', id, 'started'],
        ['tester', 'deploy', id, 'healthy'],
      ]);
    }
    // Rolling batches of one: web1 is switched and gated before web2 is switched.
    const switches = events
      .filter((e) => e.type === 'step.started' && e.step === 'switch')
      .map((e) => (e as { host: string }).host);
    expect(switches).toEqual(hostNames());
    const order = events
      .filter((e) => e.type === 'step.ended')
      .map((e) => `${(e as { step: string }).step}@${(e as { host: string }).host}`);
    expect(order.indexOf('gate@web1')).toBeLessThan(order.indexOf('switch@web2'));

    const recorded = must(journal.get(v1.runId));
    expect(recorded.action).toMatchObject({ kind: 'deploy.run', status: 'succeeded', target: 'app@staging' });
    const steps = recorded.entries.filter((e) => e.phase === 'step').map((e) => e.message);
    for (const host of hostNames()) {
      for (const title of [
        'Take the deploy lock',
        'Upload 3 files into',
        'Before-switch hook',
        'Switch current to',
        'Restart',
        'Health gate',
      ]) {
        expect(steps.some((s) => s.startsWith(`✓ ${title}`) && s.includes(`on ${host}`))).toBe(true);
      }
    }
    expect(recorded.entries.at(-1)?.phase).toBe('result');
  });

  it('rolls every switched host back when the health gate fails, and marks the release BAD_RELEASE', async () => {
    const outcome = await deploy('v2', 'fail-on:web3');
    const id = must(outcome.releaseId);
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure).toMatchObject({ host: 'web3', step: 'gate', reason: 'gate' });
    expect(outcome.summary).toMatch(/health gate failed on web3.*rolled back web1, web2, web3 to .*-v1/);
    expect(outcome.hosts.map((h) => h.state)).toEqual(['rolled-back', 'rolled-back', 'rolled-back']);
    for (const host of hostNames()) {
      expect(currentOf(host)).toBe(v1.releaseId);
      expect(isBad(host, id)).toBe(true);
      expect(readFileSync(join(app(host), 'releases', id, 'BAD_RELEASE'), 'utf8')).toMatch(
        /health gate failed on web3/,
      );
    }
    // The restart runs in `current`, and ../../ from there is the service directory.
    const restarts = readFileSync(join(app('web1'), 'restarts.log'), 'utf8')
      .trim()
      .split('\n');
    expect(restarts.slice(-2)).toEqual([`restart ${id}`, `restart ${v1.releaseId}`]);
    expect(journal.get(outcome.runId)?.action.status).toBe('failed');
  });

  it('rolls back to a chosen release, passes the gate, and marks the one it left BAD_RELEASE', async () => {
    const v3 = await deploy('v3', 'ok');
    const v4 = await deploy('v4', 'ok');
    expect([v3.result, v4.result]).toEqual(['healthy', 'healthy']);
    const before = await service.history({ service: 'app', environment: 'staging' });
    expect(before.current).toBe(v4.releaseId);
    expect(before.rollbackTarget).toBe(v3.releaseId);
    // Its age first (made a minute ago), then how long it ran healthy and when v4 replaced it.
    expect(before.releases.find((r) => r.id === v3.releaseId)?.label).toBe(
      '1 min ago · v3 · healthy for 1 min, until just now',
    );

    tick();
    const outcome = await service.rollback({
      service: 'app',
      environment: 'staging',
      to: must(v1.releaseId),
      reason: 'v3 and v4 lose orders',
    });
    expect(outcome.result).toBe('healthy');
    expect(outcome.releaseId).toBe(v1.releaseId);
    for (const host of hostNames()) {
      expect(currentOf(host)).toBe(v1.releaseId);
      expect(readFileSync(join(app(host), 'releases', must(v4.releaseId), 'BAD_RELEASE'), 'utf8')).toMatch(
        /rolled back to .*-v1 by tester: v3 and v4 lose orders/,
      );
    }
    const history = await service.history({ service: 'app', environment: 'staging' });
    expect(history.records[0]).toMatchObject({
      kind: 'rollback',
      releaseId: v1.releaseId,
      result: 'healthy',
      source: 'cockpit',
    });
    expect(history.records.find((r) => r.releaseId === v4.releaseId)?.result).toBe('bad');
  });

  it('never prunes the current release nor the last good one, even past `keep`', async () => {
    // Two releases made by hand on every host (outside the app), the second switched to: current, never gated.
    const handmade = ['20250301T090510Z-handmade1', '20250301T090520Z-handmade2'];
    for (const host of hostNames()) {
      for (const id of handmade) {
        await registry
          .get(host)
          .exec(`cd ~/srv/app && cp -r releases/${v1.releaseId} releases/${id} && rm -f releases/${id}/.cockpit-good`);
      }
      await registry.get(host).exec(`cd ~/srv/app && ln -sfn releases/${handmade[1]} current`);
    }
    const bad = await deploy('v5', 'fail-on:web1');
    expect(bad.result).toBe('rolled-back');
    for (const host of hostNames()) {
      expect(currentOf(host)).toBe(handmade[1]);
      // keep: 4 → the four newest not marked bad (handmade2, handmade1, v3, v1; v4 and v2 are BAD_RELEASE and go
      // first), which hold current (handmade2) and the last good (v3); v5, new in this run, is left for the next.
      const left = releasesOn(host);
      expect(left.map((id) => id.split('-').pop())).toEqual(['v1', 'v3', 'handmade1', 'handmade2', 'v5']);
    }
    const history = await service.history({ service: 'app', environment: 'staging' });
    expect(history.lastGood?.endsWith('-v3')).toBe(true);
    expect(history.current).toBe(handmade[1]);
    expect(history.records.find((r) => r.releaseId === handmade[1])).toMatchObject({
      source: 'host',
      external: true,
      result: 'unknown',
    });
  });

  it('refuses to deploy while another person holds the lock, saying who, when and why', async () => {
    const lockDir = join(app('web2'), '.cockpit-lock');
    mkdirSync(lockDir);
    const info = {
      who: 'alice',
      when: '2025-03-01T08:55:00Z',
      what: 'deploy hotfix-7',
      why: 'hotfix for checkout',
      from: 'alice-laptop',
      token: 'alices',
    };
    writeFileSync(join(lockDir, 'info.json'), JSON.stringify(info));
    const releasesBefore = hostNames().map(releasesOn);

    const error = await deploy('v6', 'ok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CockpitError);
    expect((error as CockpitError).code).toBe('CONFLICT');
    expect((error as CockpitError).message).toMatch(
      /web2: locked by alice on alice-laptop since 2025-03-01T08:55:00Z for deploy hotfix-7 — hotfix for checkout/,
    );
    expect(hostNames().map(releasesOn)).toEqual(releasesBefore);
    expect(existsSync(join(app('web1'), '.cockpit-lock'))).toBe(false);
    expect(existsSync(join(app('web3'), '.cockpit-lock'))).toBe(false);

    const status = await service.lockStatus({ service: 'app', environment: 'staging' });
    expect(status.hosts.map((h) => [h.host, h.held, h.info?.who ?? null])).toEqual([
      ['web1', false, null],
      ['web2', true, 'alice'],
      ['web3', false, null],
    ]);
    await expect(service.releaseLock({ service: 'app', environment: 'staging', reason: 'mine now' })).rejects.toThrow(
      /held by someone else/,
    );
    const after = await service.releaseLock({
      service: 'app',
      environment: 'staging',
      reason: 'alice is on holiday',
      force: true,
    });
    expect(after.hosts.every((h) => !h.held)).toBe(true);
    const released = journal.list({ limit: 5, kind: 'deploy.lock.release' }).actions[0];
    expect(released).toMatchObject({ status: 'succeeded', summary: expect.stringContaining('alice is on holiday') });
  });

  it('says which host may be in which state when a connection dies mid-step, and offers the way back', async () => {
    const web2 = must(fleet.hosts[1]);
    const previous = currentOf('web1');
    writeFileSync(join(web2.home, 'slow-restart'), '');
    const kill = (event: RunEvent) => {
      if (event.type === 'step.started' && event.step === 'restart' && event.host === 'web2') void web2.stop();
    };
    eventHooks.push(kill);
    let outcome: DeployOutcome;
    try {
      outcome = await deploy('v7', 'ok');
    } finally {
      eventHooks.splice(eventHooks.indexOf(kill), 1);
      rmSync(join(web2.home, 'slow-restart'));
    }
    const id = must(outcome.releaseId);
    expect(outcome.result).toBe('unknown');
    expect(outcome.failure).toMatchObject({ host: 'web2', step: 'restart', reason: 'transport' });
    expect(outcome.hosts.map((h) => [h.host, h.state])).toEqual([
      ['web1', 'healthy'],
      ['web2', 'unknown'],
      ['web3', 'not-switched'],
    ]);
    expect(outcome.summary).toMatch(/Connection lost during restart on web2/);
    expect(outcome.summary).toMatch(new RegExp(`web2 may run ${id} or ${previous}`));
    expect(outcome.wayBack?.rollbackTo).toBe(previous);
    expect(outcome.wayBack?.commands).toEqual([
      "cockpit lock release app --env staging --force --reason 'lock left by an interrupted run'",
      `cockpit rollback app --env staging --to ${previous}`,
    ]);
    const recorded = must(journal.get(outcome.runId));
    expect(recorded.action.status).toBe('failed');
    expect((recorded.entries.at(-1)?.data as { outcome: DeployOutcome }).outcome.hosts[1]).toMatchObject({
      host: 'web2',
      state: 'unknown',
    });

    // The way back works once the host is back: release the stale lock, roll back.
    await web2.start();
    await service.releaseLock({
      service: 'app',
      environment: 'staging',
      reason: 'lock left by an interrupted run',
      force: true,
    });
    tick();
    const back = await service.rollback({ service: 'app', environment: 'staging', to: previous });
    expect(back.result).toBe('healthy');
    for (const host of hostNames()) expect(currentOf(host)).toBe(previous);
  });

  it('refuses a host whose key it does not know, before changing anything', async () => {
    const strict = createTransportRegistry({
      hosts: () => workspace.hosts,
      knownHostsFile: join(work, 'known_hosts_partial'),
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
    });
    fleet.writeKnownHosts(join(work, 'known_hosts_partial'), fleet.hosts.slice(0, 2));
    const strictService = createDeployService({
      workspace: () => ({ workspace, dir: work }),
      journal,
      transports: (host) => strict.get(host),
      checkHealth,
      emit: () => {},
      now,
      actor: 'tester',
    });
    const before = hostNames().map(releasesOn);
    try {
      const error = (await strictService
        .deploy({ service: 'app', environment: 'staging', release: { ref: 'v8', dir: build('v8', 'ok') } })
        .catch((e: unknown) => e)) as CockpitError;
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toMatch(/web3 \(.*\): unknown host key SHA256:/);
      expect(error.details).toMatchObject({
        transport: { kind: 'host-key-unknown', details: { host: 'web3', keyType: 'ssh-ed25519' } },
      });
      expect(hostNames().map(releasesOn)).toEqual(before);
      expect(existsSync(join(app('web1'), '.cockpit-lock'))).toBe(false);
    } finally {
      await strict.closeAll();
    }
  });

  it('wraps a team’s own deploy script with the same lock, gate and automatic rollback', async () => {
    tick();
    const ok = await service.deploy({ service: 'tool', environment: 'staging', release: { ref: 'tool-1' } });
    expect(ok.result).toBe('healthy');
    tick();
    // A release name that is shell code is refused at the engine's boundary, before any host is touched.
    const refused = await service
      .deploy({ service: 'tool', environment: 'staging', release: { ref: "bad'$(id)" } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CockpitError);
    expect((refused as CockpitError).message).toMatch(/is not allowed/);
    expect(readFileSync(join(must(fleet.hosts[0]).home, 'tool', 'all'), 'utf8')).not.toContain('bad');
    const failed = await service.deploy({ service: 'tool', environment: 'staging', release: { ref: 'bad-2' } });
    expect(failed.result).toBe('rolled-back');
    for (const host of fleet.hosts) {
      expect(readFileSync(join(host.home, 'tool', 'current'), 'utf8')).toBe('tool-1\n');
    }
    expect(readFileSync(join(must(fleet.hosts[0]).home, 'tool', 'all'), 'utf8')).toContain('bad-2');
  });
});
