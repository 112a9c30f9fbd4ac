/**
 * The fleet issue's scenario, as a user drives it from the `cockpit` command: four real OpenSSH hosts, each with
 * its own small app on its own port (named by the host's `vars`), one health check that expands to an instance per
 * host, rolling deploys two hosts at a time gated on the hosts just switched. In order: a workspace folder that holds
 * a private key and declares nothing is refused; a healthy deploy; a host whose app is broken fails its own batch
 * while the first batch passes, and every switched host is rolled back; a rollback by hand without marking;
 * retention that keeps the same releases on every host; kill -9 mid-batch, then one interrupted record and a stale
 * lock released in one step. Commands run through the CLI's main() in this process (the code bin/cockpit.js runs);
 * the deploy that is killed runs as a real process, since only a process can be killed -9.
 */
import { type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployHistory } from '../../shared/model/deploys';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { cockpitProcess, running, until } from './testing/cockpit-process';
import { healthApp, listen } from './testing/fleet';

const HOSTS = ['web1', 'web2', 'web3', 'web4'];
/** Production is protected: its name is typed for every change. */
const CONFIRM = ['--confirm', 'production'];

describe.skipIf(!hasTools('sshd', 'ssh-keygen', 'pgrep'))('a four-host fleet, driven from the cockpit command', () => {
  let fleet: SshdFleet;
  let work: string;
  let dataDir: string;
  let workspaceFile: string;
  let env: NodeJS.ProcessEnv;
  const servers: Server[] = [];
  const children: ChildProcess[] = [];
  const sleepToken = `sleep 40.${randomInt(100_000, 999_999)}`;

  const home = (host: string) => {
    const found = fleet.hosts.find((h) => h.name === host);
    if (!found) throw new Error(`test setup: no host ${host}`);
    return found.home;
  };
  const app = (host: string) => join(home(host), 'srv', 'app');
  const current = (host: string) => readlinkSync(join(app(host), 'current'));
  const releasesOn = (host: string) => readdirSync(join(app(host), 'releases')).sort();
  const cockpit = cockpitProcess({
    workspaceFile: () => workspaceFile,
    dataDir: () => dataDir,
    env: () => env,
    timeoutMs: 90_000,
  });
  const cli = cockpit.runHere;

  function build(name: string): string {
    const dir = join(work, 'builds', name);
    mkdirSync(join(dir, 'static'), { recursive: true });
    writeFileSync(join(dir, 'static', 'index.html'), `<h1>${name}</h1>\n`);
    writeFileSync(join(dir, 'health'), 'ok\n');
    return dir;
  }

  async function history(): Promise<DeployHistory> {
    const result = await cli('history', 'app', '--env', 'production', '--json');
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as DeployHistory;
  }

  const deploy = (release: string) =>
    cli('deploy', 'app', '--env', 'production', '--release', release, '--source', build(release), ...CONFIRM);

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: HOSTS.length, prefix: 'web' });
    work = join(fleet.dir, 'scenario');
    dataDir = join(work, 'data');
    const userHome = join(work, 'home');
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(userHome, { recursive: true });
    fleet.writeKnownHosts(join(dataDir, 'known_hosts'));
    // The CLI reads ~/.ssh/config: an empty home keeps the developer's own out of the test.
    env = { ...process.env, HOME: userHome, SSH_AUTH_SOCK: '' };
    const hostLines: string[] = [];
    for (const host of fleet.hosts) {
      const server = healthApp(join(host.home, 'srv', 'app'));
      servers.push(server);
      const port = await listen(server);
      hostLines.push(
        `  ${host.name}: { ssh: ${JSON.stringify(`${fleet.user}@127.0.0.1`)}, port: ${host.port}, identityFile: ${JSON.stringify(fleet.clientKey)}, vars: { port: ${port} } }`,
      );
    }
    workspaceFile = join(work, 'cockpit.yaml');
    writeFileSync(
      workspaceFile,
      [
        'version: 1',
        'name: Fleet scenario',
        'environments:',
        `  production: { hosts: [${HOSTS.join(', ')}] }`,
        'hosts:',
        ...hostLines,
        'services:',
        '  app:',
        '    deploy:',
        '      strategy: releases',
        '      path: ~/srv/app',
        '      batch: 2',
        '      keep: 2',
        // The token is only in the slow script, never in the restart's own command line, so pgrep finds the sleep.
        `      restart: 'if [ -f "$HOME/slow" ]; then sh "$HOME/slow"; fi; touch "$COCKPIT_BASE/.restarted"'`,
        '      gate: [ready]',
        '      gateTimeout: 4s',
        '    health:',
        '      - { id: ready, http: "http://127.0.0.1:${port}/health", timeout: 2s, retries: 0 }',
        '',
      ].join('\n'),
    );
    // What a careless folder holds: the team's deploy key next to the workspace file.
    writeFileSync(join(work, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n');
  }, 90_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await fleet?.stop();
  });

  it('refuses a deploy that names nothing to ship, and touches no host', async () => {
    const plan = await cli('deploy', 'app', '--env', 'production', '--release', 'v0', '--plan');
    expect(plan.code).not.toBe(0);
    expect(plan.stderr + plan.stdout).toMatch(/--source DIR/);
    const run = await cli('deploy', 'app', '--env', 'production', '--release', 'v0', ...CONFIRM);
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/build:/);
    for (const host of HOSTS) expect(existsSync(app(host))).toBe(false);
  }, 60_000);

  it('deploys in batches of two, each host gated on its own app, and the plan says what is uploaded', async () => {
    const plan = await cli(
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v1',
      '--source',
      build('v1'),
      '--plan',
    );
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/Upload: 2 files/);
    expect(plan.stdout).not.toContain('id_ed25519');

    const result = await deploy('v1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const host of HOSTS) expect(current(host)).toMatch(/-v1$/);
    // One instance per host: each host's gate asked about that host's app.
    for (const host of HOSTS) expect(result.stdout).toContain(`ready on ${host}`);
  }, 90_000);

  it('a host whose app is broken fails its own batch; the first batch passed; every switched host goes back', async () => {
    writeFileSync(join(app('web4'), 'BROKEN'), '');
    try {
      const result = await deploy('v2');
      expect(result.code).not.toBe(0);
      expect(result.stdout).toMatch(/health gate failed on web4/);
      // web1 and web2 passed their gate while web4 was down: hosts not yet switched are not judged.
      expect(result.stdout).not.toMatch(/gate failed on web[12]/);
      for (const host of HOSTS) expect(current(host)).toMatch(/-v1$/);
      const h = await history();
      const v2 = h.releases.find((r) => r.id.endsWith('-v2'));
      expect(v2?.bad?.reason).toMatch(/web4/);
    } finally {
      rmSync(join(app('web4'), 'BROKEN'));
    }
  }, 120_000);

  it('a rollback by hand with --no-mark-bad leaves the release it leaves unmarked', async () => {
    expect((await deploy('v3')).code).toBe(0);
    const rollback = await cli(
      'rollback',
      'app',
      '--env',
      'production',
      '--no-mark-bad',
      '--reason',
      'drill',
      ...CONFIRM,
    );
    expect(rollback.stderr).toBe('');
    expect(rollback.code).toBe(0);
    // The bad v2 is skipped: the newest healthy earlier release is v1.
    for (const host of HOSTS) expect(current(host)).toMatch(/-v1$/);
    const h = await history();
    expect(h.releases.find((r) => r.id.endsWith('-v3'))?.bad).toBeNull();
  }, 120_000);

  it('retention keeps the same releases on every host, bad ones pruned first, the way back kept', async () => {
    expect((await deploy('v4')).code).toBe(0);
    const sets = HOSTS.map((host) => releasesOn(host).join(' '));
    expect(new Set(sets).size).toBe(1);
    const kept = releasesOn('web1');
    expect(kept.some((id) => id.endsWith('-v4'))).toBe(true);
    expect(kept.some((id) => id.endsWith('-v2'))).toBe(false);
    // The rollback target (the newest healthy release before v4) is never pruned.
    expect(kept.some((id) => id.endsWith('-v3'))).toBe(true);
  }, 120_000);

  it('kill -9 in the second batch: one interrupted record, where each host stood, a stale lock freed in one step', async () => {
    writeFileSync(join(home('web3'), 'slow'), `exec ${sleepToken}\n`);
    const child = cockpit.start(
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v5',
      '--source',
      build('v5'),
      ...CONFIRM,
    );
    children.push(child);
    await until('the slow restart on web3', () => running(sleepToken), 60_000);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await until('the orphaned restart to be ended', () => !running(sleepToken), 15_000);
    rmSync(join(home('web3'), 'slow'));

    const h = await history();
    const runs = h.records.filter((r) => r.releaseId?.endsWith('-v5'));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.interrupted).toBe(true);
    const states = Object.fromEntries((runs[0]?.hostStates ?? []).map((s) => [s.host, s.state]));
    expect(states.web1).toBe('healthy');
    expect(states.web2).toBe('healthy');
    expect(states.web3).toBe('switched');
    // web4 is in web3's batch and not slow: wherever it got to, it is recorded.
    expect(['not-switched', 'switched', 'healthy']).toContain(states.web4);

    // The next deploy is refused (nothing changed) and says how to free the stale lock in one step.
    const refused = await deploy('v6');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('locked by a run of this machine that no longer exists');
    expect(refused.stdout + refused.stderr).toContain('cockpit lock release app --env production --stale');

    const status = await cli('lock', 'status', 'app', '--env', 'production');
    for (const host of HOSTS) expect(status.stdout).toMatch(new RegExp(`STALE ${host}: locked`));
    const release = await cli('lock', 'release', 'app', '--env', 'production', '--stale', '--reason', 'killed CLI');
    expect(release.code).toBe(0);
    for (const host of HOSTS) expect(existsSync(join(app(host), '.cockpit-lock'))).toBe(false);
  }, 180_000);
});
