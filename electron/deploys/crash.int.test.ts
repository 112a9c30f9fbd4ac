/**
 * A deploying `cockpit` that dies mid-batch (kill -9), and one whose reader goes away (`| head -2`), against two
 * real OpenSSH servers. The deploys run as real processes from the sources (the questions afterwards through the
 * CLI's main() in this process, the code bin/cockpit.js runs). After the kill: the step it left
 * running on the host is ended (its marker never appears, no process is left), the history shows the run once,
 * as interrupted with where each host stood, DORA counts it once, and the lock it left is reported stale and
 * freed in one step, with a line in each host's audit log. A closed pipe never stops a deploy.
 */
import { type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployHistory } from '../../shared/model/deploys';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { cockpitProcess, running, until } from './testing/cockpit-process';

describe.skipIf(!hasTools('sshd', 'ssh-keygen', 'pgrep'))('a deploying cockpit killed or cut off mid-run', () => {
  let fleet: SshdFleet;
  let work: string;
  let dataDir: string;
  let workspaceFile: string;
  let env: NodeJS.ProcessEnv;
  // Unique on this machine, so pgrep finds only this test's step.
  const sleepToken = `sleep 30.${randomInt(100_000, 999_999)}`;
  const children: ChildProcess[] = [];

  const hostHome = (name: string) => {
    const host = fleet.hosts.find((h) => h.name === name);
    if (!host) throw new Error(`test setup: no host ${name}`);
    return host.home;
  };
  const app = (name: string) => join(hostHome(name), 'srv', 'app');
  const lockDir = (name: string) => join(app(name), '.cockpit-lock');
  const cockpit = cockpitProcess({ workspaceFile: () => workspaceFile, dataDir: () => dataDir, env: () => env });
  const cli = cockpit.runHere;

  function build(name: string): string {
    const dir = join(work, 'builds', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app.txt'), `app ${name}\n`);
    return dir;
  }

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'web' });
    work = join(fleet.dir, 'crash-work');
    dataDir = join(work, 'data');
    const home = join(work, 'home');
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(home, { recursive: true });
    fleet.writeKnownHosts(join(dataDir, 'known_hosts'));
    // The CLI reads ~/.ssh/config: an empty home keeps the developer's own out of the test.
    env = { ...process.env, HOME: home, SSH_AUTH_SOCK: '' };
    workspaceFile = join(work, 'cockpit.yaml');
    const hosts = fleet.hosts.map(
      (h) =>
        `  ${h.name}: { ssh: ${JSON.stringify(`${fleet.user}@127.0.0.1`)}, port: ${h.port}, identityFile: ${JSON.stringify(fleet.clientKey)} }`,
    );
    writeFileSync(
      workspaceFile,
      [
        'version: 1',
        'name: Crash',
        'environments:',
        `  staging: { hosts: [${fleet.hosts.map((h) => h.name).join(', ')}], protected: false }`,
        'hosts:',
        ...hosts,
        'services:',
        '  app:',
        '    deploy:',
        '      strategy: releases',
        '      path: ~/srv/app',
        '      batch: 1',
        `      restart: 'if [ -f "$HOME/slow" ]; then ${sleepToken}; touch "$HOME/marker"; fi'`,
        '',
      ].join('\n'),
    );
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fleet?.stop();
  });

  it('kill -9 mid-batch: the step is ended, one interrupted record, a stale lock freed in one step', async () => {
    writeFileSync(join(hostHome('web1'), 'slow'), '');
    const child = cockpit.start('deploy', 'app', '--env', 'staging', '--release', 'v1', '--source', build('v1'));
    children.push(child);
    let output = '';
    const t0 = Date.now();
    child.stdout?.on('data', (chunk: Buffer) => (output += `[${Date.now() - t0}] ${chunk.toString()}`));
    child.stderr?.on('data', (chunk: Buffer) => (output += `[${Date.now() - t0}] ${chunk.toString()}`));
    await until(`the slow restart on web1 (output so far: ${output})`, () => running(sleepToken), 45_000);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // The orphaned step is ended with its client: no process left, and it never goes on to touch the marker.
    await until('the orphaned step to be ended', () => !running(sleepToken), 10_000);
    expect(existsSync(join(hostHome('web1'), 'marker'))).toBe(false);
    expect(existsSync(lockDir('web1'))).toBe(true);
    expect(existsSync(lockDir('web2'))).toBe(true);

    const history = await cli('history', 'app', '--env', 'staging', '--json');
    expect(history.code).toBe(0);
    const h = JSON.parse(history.stdout) as DeployHistory;
    expect(h.records).toHaveLength(1);
    const [record] = h.records;
    expect(record?.source).toBe('cockpit');
    expect(record?.interrupted).toBe(true);
    expect(record?.releaseId).toMatch(/-v1$/);
    const states = Object.fromEntries((record?.hostStates ?? []).map((s) => [s.host, s.state]));
    expect(states).toEqual({ web1: 'switched', web2: 'not-switched' });
    expect(h.dora.deploys).toBe(1);

    const text = await cli('history', 'app', '--env', 'staging');
    expect(text.stdout).toMatch(/deploy\s+v1\s+interrupted/);
    expect(text.stdout).not.toContain('outside the app');

    const status = await cli('lock', 'status', 'app', '--env', 'staging');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/STALE web1: locked/);
    expect(status.stdout).toContain('which is no longer running');
    expect(status.stdout).toContain("cockpit lock release app --env staging --stale --reason 'left by a run");

    const release = await cli('lock', 'release', 'app', '--env', 'staging', '--stale', '--reason', 'killed CLI');
    expect(release.stderr).toBe('');
    expect(release.code).toBe(0);
    expect(existsSync(lockDir('web1'))).toBe(false);
    expect(existsSync(lockDir('web2'))).toBe(false);
    for (const host of ['web1', 'web2']) {
      const audit = readFileSync(join(app(host), '.cockpit-audit.log'), 'utf8');
      expect(audit).toMatch(/\tlock-release\t-\tstale: killed CLI\t/);
    }
    // Released once: asking again finds nothing stale, and a second --stale release has nothing to do.
    expect((await cli('lock', 'status', 'app', '--env', 'staging')).stdout).not.toContain('STALE');
    rmSync(join(hostHome('web1'), 'slow'));
  }, 120_000);

  it('lock status exits 1 when a host cannot be asked', async () => {
    const web2 = fleet.hosts[1];
    if (!web2) throw new Error('test setup: no second host');
    await web2.stop();
    try {
      const status = await cli('lock', 'status', 'app', '--env', 'staging');
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(/web2: could not ask/);
    } finally {
      await web2.start();
    }
  }, 60_000);

  it('a reader that goes away (| head -2) never stops the deploy: it ends and releases its lock', async () => {
    const child = cockpit.start('deploy', 'app', '--env', 'staging', '--release', 'v2', '--source', build('v2'));
    children.push(child);
    let seen = '';
    const stdout = child.stdout;
    if (!stdout) throw new Error('test setup: no stdout');
    stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      // What `head -2` does: read two lines, then close the pipe.
      if (seen.split('\n').length > 2) stdout.destroy();
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const host of ['web1', 'web2']) {
      expect(readlinkSync(join(app(host), 'current'))).toMatch(/-v2$/);
      expect(existsSync(lockDir(host))).toBe(false);
    }
  }, 120_000);
});
