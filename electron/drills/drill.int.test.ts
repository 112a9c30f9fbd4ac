/**
 * The guided rollback drill end to end on two real OpenSSH servers (stg1, stg2, each with its own home), through a
 * whole backend as the app runs it: the real health monitor on its own intervals, the deploy engine, incidents and
 * the drill engine together. The service's readiness endpoint is a small HTTP server that answers 503 while any
 * host's `current` release holds a BROKEN file, as the demo's v1.6.0 does. The tests run in order, each from the
 * state the previous one left: every host on v1, healthy.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeployHistory } from '../../shared/model/deploys';
import { type RollbackDrill } from '../../shared/model/drills';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type Backend, createBackend } from '../backend';
import { main } from '../cli/main';
import { recorder } from '../cli/test-support/recorder';

const TARGET = { service: 'releases', environment: 'staging' } as const;

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` gives a value `ok` accepts; fails with the last value seen when it never does. */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last, null, 2)}`);
    await sleep(200);
    last = await read();
  }
  return last;
}

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))(
  'the rollback drill on two real sshd hosts',
  { timeout: 120_000 },
  () => {
    let fleet: SshdFleet;
    let backend: Backend;
    let backendClosed = false;
    /** Where the backend keeps its journal, and its workspace file: what `cockpit` is pointed at. */
    const files = { dataDir: '', workspaceFile: '' };
    /** The drill that passed, for its report. */
    let passedDrillId = '';
    let readiness: Server;
    const saved = { home: process.env.HOME, agent: process.env.SSH_AUTH_SOCK };

    const app = (host: string) => join(must(fleet.hosts.find((h) => h.name === host)).home, 'srv', 'app');
    const hostNames = () => fleet.hosts.map((h) => h.name);
    const currentOf = (host: string) => readlinkSync(join(app(host), 'current')).replace(/^releases\//, '');
    const releasesOn = (host: string) => readdirSync(join(app(host), 'releases')).sort();
    /** The ref a release id was made from (`20261206T120000Z-v1` → v1). */
    const refOf = (releaseId: string) => releaseId.replace(/^\d{8}T\d{6}Z-/, '');
    const anyBroken = () =>
      hostNames().some((host) => {
        try {
          return existsSync(join(app(host), 'current', 'BROKEN'));
        } catch {
          return false;
        }
      });

    let requestId = 0;
    /** Through dispatch, as a window's request arrives: the input checked against the contract. */
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const response = await backend.dispatch({ id: ++requestId, method, input });
      if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
      return response.value as T;
    };
    const drillOf = async (drillId: string) => (await call<{ drill: RollbackDrill }>('drills.get', { drillId })).drill;
    const history = () => call<DeployHistory>('deploys.history', TARGET);
    const dora = () => call<unknown>('deploys.dora', TARGET);

    /** A real deploy (not practice) of a ready-made release, waited for to its end. */
    async function deploy(ref: string) {
      let ended: (status: string) => void = () => {};
      const done = new Promise<string>((resolve) => (ended = resolve));
      let runId = '';
      const unsubscribe = backend.events.subscribe((m) => {
        const e = m.payload as { type?: string; runId?: string; status?: string };
        if (m.event === 'deploys.run' && e.type === 'run.ended' && e.runId === runId) ended(e.status ?? '');
      });
      try {
        runId = (await call<{ runId: string }>('deploys.start', { ...TARGET, release: { ref } })).runId;
        expect(await done).toBe('succeeded');
      } finally {
        unsubscribe();
      }
    }

    /** Preflight passes once the monitor has seen the service healthy on v1 (checks run every second). */
    const ready = () =>
      until(
        'a ready preflight',
        () => call<{ ready: boolean; items: unknown[] }>('drills.preflight', TARGET),
        (plan) => plan.ready,
        30_000,
      );

    const everyHostOnV1 = () => {
      for (const host of hostNames()) expect(refOf(currentOf(host)), host).toBe('v1');
    };

    beforeAll(async () => {
      fleet = await startSshdFleet({ count: 2, prefix: 'stg' });
      // The cockpit's own ssh must read neither the developer's ~/.ssh/config nor their agent.
      const home = join(fleet.dir, 'local-home');
      mkdirSync(join(home, '.ssh'), { recursive: true });
      process.env.HOME = home;
      delete process.env.SSH_AUTH_SOCK;
      const dataDir = (files.dataDir = join(fleet.dir, 'data'));
      mkdirSync(dataDir, { recursive: true });
      fleet.writeKnownHosts(join(dataDir, 'known_hosts'));

      const work = join(fleet.dir, 'workspace');
      for (const [ref, broken] of [
        ['v1', false],
        ['v2', true],
      ] as const) {
        const dir = join(work, 'releases', 'app', ref);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'VERSION'), `${ref}\n`);
        if (broken) writeFileSync(join(dir, 'BROKEN'), 'readiness answers 503 while a host runs this release\n');
      }

      readiness = createServer((_req, res) => {
        const broken = anyBroken();
        res.writeHead(broken ? 503 : 200).end(broken ? 'a host runs a BROKEN release' : 'ready');
      });
      const port = await new Promise<number>((resolve) =>
        readiness.listen(0, '127.0.0.1', () => resolve((readiness.address() as { port: number }).port)),
      );

      const workspaceFile = (files.workspaceFile = join(work, 'cockpit.yaml'));
      writeFileSync(
        workspaceFile,
        [
          'version: 1',
          'name: Drill over SSH',
          'environments:',
          `  staging: { hosts: [${hostNames().join(', ')}] }`,
          'hosts:',
          ...fleet.hosts.map(
            (h) =>
              `  ${h.name}: { ssh: "${fleet.user}@127.0.0.1", port: ${h.port}, identityFile: "${fleet.clientKey}" }`,
          ),
          'services:',
          `  ${TARGET.service}:`,
          '    deploy:',
          '      strategy: releases',
          '      path: ~/srv/app',
          '      artifacts: releases/app',
          '      gate: [ready]',
          '      gateTimeout: 10s',
          // One readiness answer for the whole environment (503 while any host runs v2): switched host by host, a
          // rollback's gate on the first host could never pass while the second still runs v2.
          '      batch: 2',
          '    health:',
          `      - { id: ready, http: "http://127.0.0.1:${port}/ready", every: 1s, retries: 1, critical: true }`,
          '    drill:',
          '      environment: staging',
          '      breakRelease: v2',
          '      passes: 2',
          '      targets: { detect: 1m, recover: 1m }',
          '',
        ].join('\n'),
      );
      backend = await createBackend({
        dataDir,
        transport: 'websocket',
        workspacePath: workspaceFile,
        watch: false,
        background: true,
        demoDrill: false,
      });
      expect(backend.workspace.current().issues).toEqual([]);

      // The state a team drills from: every host on v1, deployed for real and marked good by its gate.
      await deploy('v1');
      everyHostOnV1();
    }, 120_000);

    // A test that failed half way must not leave its drill running (and the hosts on v2) for the next one.
    afterEach(async () => {
      if (backendClosed) return;
      const { running } = await call<{ running: RollbackDrill | null }>('drills.overview', {});
      if (!running) return;
      await call('drills.cancel', { drillId: running.id }).catch(() => {});
      await until(
        'the cancel',
        () => drillOf(running.id),
        (d) => d.status !== 'running',
        60_000,
      );
    });

    afterAll(async () => {
      if (!backendClosed) await backend?.close();
      readiness?.close();
      process.env.HOME = saved.home;
      if (saved.agent === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved.agent;
      await fleet?.stop();
    });

    it('breaks staging with v2, detects it by its own checks, rolls back on "Roll back now", and keeps DORA and marks clean', async () => {
      await ready();
      const doraBefore = await dora();
      const releasesBefore = hostNames().map(releasesOn);
      const { drillId } = await call<{ drillId: string }>('drills.start', TARGET);
      passedDrillId = drillId;

      const detected = await until(
        'detection',
        () => drillOf(drillId),
        (d) => d.waitingForAction || d.status !== 'running',
        30_000,
      );
      expect(detected.status).toBe('running');
      for (const host of hostNames()) expect(refOf(currentOf(host)), host).toBe('v2');
      const times = detected.times;
      const injectedAt = Date.parse(must(times.injectedAt));
      const detectedAt = Date.parse(must(times.detectedAt));
      // The drill counts from the moment the practice run ended; checks that noticed sooner count as 0.
      expect(detectedAt - injectedAt).toBeGreaterThanOrEqual(0);
      expect(detectedAt - injectedAt).toBeLessThan(10_000);
      expect(times.firstFailureAt).not.toBeNull();

      await call('drills.act', { drillId });
      const drill = await until(
        'the end',
        () => drillOf(drillId),
        (d) => d.status !== 'running',
        60_000,
      );
      expect(drill.status, drill.summary ?? '').toBe('passed');
      expect(drill.times.actedAt).not.toBeNull();
      expect(drill.times.recoveredAt).not.toBeNull();
      expect(drill.times.verifiedAt).not.toBeNull();
      const measured = Object.fromEntries(drill.measures.map((m) => [m.id, m]));
      expect(measured.detect).toMatchObject({ targetMs: 60_000, met: true });
      expect(measured.detect?.ms).toBe(detectedAt - injectedAt);
      expect(measured.recover).toMatchObject({ targetMs: 60_000, met: true });
      expect(measured.recover?.ms).toBeGreaterThan(0);
      expect(measured.total?.ms).toBeGreaterThan(0);
      expect(drill.alertsDelivered).toBe(false);
      expect(drill.hosts.map((h) => [h.host, h.onReturnRelease])).toEqual(hostNames().map((h) => [h, true]));

      // Every host back on v1; the practice release gone; nothing marked bad; v1's good mark the only one.
      everyHostOnV1();
      for (const host of hostNames()) {
        const releases = releasesOn(host);
        expect(
          releases.filter((id) => refOf(id) === 'v2'),
          host,
        ).toEqual([]);
        expect(releases, host).toEqual(releasesBefore[hostNames().indexOf(host)]);
        for (const id of releases) expect(existsSync(join(app(host), 'releases', id, 'BAD_RELEASE')), id).toBe(false);
      }
      expect(await dora()).toEqual(doraBefore);

      // The Deploys history shows the drill's two runs, marked practice.
      const practice = (await history()).records.filter((r) => r.practice === drillId);
      expect(practice.map((r) => r.kind).sort()).toEqual(['deploy', 'rollback']);
      expect(practice.find((r) => r.kind === 'deploy')?.ref).toBe('v2');
      // …and each host's own audit log tells a teammate's cockpit the same.
      for (const host of hostNames()) {
        const actions = readFileSync(join(app(host), '.cockpit-audit.log'), 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split('\t')[2]);
        expect(actions, host).toContain('practice-deploy');
        expect(actions, host).toContain('practice-rollback');
      }
    });

    it('a preflight failure (a lock held on one host) refuses and changes nothing', async () => {
      await ready();
      const lockDir = join(app('stg2'), '.cockpit-lock');
      mkdirSync(lockDir);
      writeFileSync(
        join(lockDir, 'info.json'),
        JSON.stringify({
          who: 'alice',
          when: new Date().toISOString(),
          what: 'deploy hotfix-7',
          why: 'hotfix',
          from: 'alice-laptop',
          token: 'a',
        }),
      );
      try {
        const releasesBefore = hostNames().map(releasesOn);
        const recordsBefore = (await history()).records.length;

        const plan = await call<{ ready: boolean; items: { id: string; ok: boolean; detail: string }[] }>(
          'drills.preflight',
          TARGET,
        );
        expect(plan.ready).toBe(false);
        const lock = plan.items.find((i) => i.id === 'no-lock');
        expect(lock?.ok).toBe(false);
        expect(lock?.detail).toContain('alice');

        await expect(call('drills.start', TARGET)).rejects.toThrow(/lock|alice/);
        expect(hostNames().map(releasesOn)).toEqual(releasesBefore);
        everyHostOnV1();
        expect((await history()).records.length).toBe(recordsBefore);
        expect(existsSync(join(app('stg1'), '.cockpit-lock'))).toBe(false);
      } finally {
        rmSync(lockDir, { recursive: true, force: true });
      }
    });

    it('cancel after detection, before "Roll back now", leaves every host on v1 and says so', async () => {
      await ready();
      const releasesBefore = hostNames().map(releasesOn);
      const { drillId } = await call<{ drillId: string }>('drills.start', TARGET);
      await until(
        'detection',
        () => drillOf(drillId),
        (d) => d.waitingForAction || d.status !== 'running',
        30_000,
      );
      expect(anyBroken()).toBe(true);

      await call('drills.cancel', { drillId });
      const drill = await until(
        'the end',
        () => drillOf(drillId),
        (d) => d.status !== 'running',
        60_000,
      );
      expect(drill.status).toBe('cancelled');
      expect(drill.times.actedAt).toBeNull();
      everyHostOnV1();
      expect(anyBroken()).toBe(false);
      expect(drill.hosts.map((h) => [h.host, h.onReturnRelease])).toEqual(hostNames().map((h) => [h, true]));
      for (const host of hostNames()) expect(must(drill.summary)).toContain(host);
      expect(hostNames().map(releasesOn)).toEqual(releasesBefore);
    });

    it("`cockpit drill report ID` prints the rollback drill's report, from the journal", async () => {
      expect(passedDrillId).not.toBe('');
      // The CLI opens the same data folder on its own, as it would after the app quit.
      await backend.close();
      backendClosed = true;
      const r = recorder();
      const code = await main(
        ['drill', 'report', passedDrillId, '--workspace', files.workspaceFile, '--data-dir', files.dataDir],
        r.io,
      );
      expect(r.err()).toBe('');
      expect(code).toBe(0);
      expect(r.out()).toContain(TARGET.service);
      expect(r.out()).toMatch(/time to detect/i);
    });
  },
);
