import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostConfig } from '../../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../../test/support/sshd';
import { hasTools } from '../../../test/support/system-tool';
import { type TransportRegistryOptions, createTransportRegistry } from '../registry';
import { type Transport, TransportError } from '../types';
import { type SshTransport } from './transport';

/** The value, or a clear failure when a test's own setup is broken. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fingerprintOf(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }).split(' ')[1] as string;
}

/** Whether a process on the host runs exactly `args` (hosts share this machine: tests use distinct args). */
async function runs(transport: Transport, args: string): Promise<boolean> {
  const ps = await transport.exec('ps -eo args');
  return ps.stdout.split('\n').some((l) => l.trim() === args);
}

/** Waits (up to 5 s) until no process on the host runs exactly `args`; true when none is left. */
async function gone(transport: Transport, args: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!(await runs(transport, args))) return true;
    await wait(50);
  }
  return false;
}

/** Waits (up to 5 s) until a process on the host runs exactly `args`; true once one does. */
async function started(transport: Transport, args: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await runs(transport, args)) return true;
    await wait(50);
  }
  return false;
}

/** Waits (up to 5 s) until `condition` holds; fails naming `what` otherwise. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await wait(20);
  if (!condition()) throw new Error(`waited 5 s for ${what}`);
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('ssh transport against real sshd', () => {
  let fleet: SshdFleet;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 3, prefix: 'ssh' });
  });
  afterAll(async () => {
    try {
      for (const c of cleanups.reverse()) await c();
    } finally {
      await fleet?.stop();
    }
  });

  /** A registry over the fleet with its own known_hosts (pre-trusted unless told otherwise). */
  function registry(
    overrides: Partial<TransportRegistryOptions> & { trusted?: boolean; hostEntries?: Record<string, HostConfig> } = {},
  ) {
    const knownHostsFile = join(fleet.dir, `known_hosts-${Math.random().toString(36).slice(2)}`);
    if (overrides.trusted !== false) fleet.writeKnownHosts(knownHostsFile);
    const hosts: Record<string, HostConfig> =
      overrides.hostEntries ??
      Object.fromEntries(
        fleet.hosts.map((h) => [
          h.name,
          { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey },
        ]),
      );
    const reg = createTransportRegistry({
      hosts: () => hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
      ...overrides,
    });
    cleanups.push(() => reg.closeAll());
    return { reg, knownHostsFile };
  }

  it('runs a command, streams its output and reports the exit code', async () => {
    const { reg } = registry();
    const chunks: string[] = [];
    const r = await reg.get('ssh1').exec('echo out; echo err >&2; sleep 0.1; echo more; exit 7', {
      onOutput: (c) => chunks.push(c),
    });
    expect(r).toMatchObject({ host: 'ssh1', exitCode: 7, signal: null, stdout: 'out\nmore\n', stderr: 'err\n' });
    expect(chunks.join('')).not.toContain('cockpit-pid');
  });

  it('runs in the working directory with the given environment, values taken literally', async () => {
    const { reg } = registry();
    const host = must(fleet.hosts[0]);
    const r = await reg.get('ssh1').exec('pwd; printf "%s" "$NOTE"', { cwd: host.home, env: { NOTE: "o'neil $(id)" } });
    expect(r.stdout).toBe(`${host.home}\no'neil $(id)`);
  });

  it('gives each host its own home, so hosts do not see each other’s files', async () => {
    const { reg } = registry();
    await reg.get('ssh1').exec('echo one > ~/whoami');
    await reg.get('ssh2').exec('echo two > ~/whoami');
    expect((await reg.get('ssh1').exec('cat ~/whoami')).stdout).toBe('one\n');
    expect((await reg.get('ssh2').exec('cat ~/whoami')).stdout).toBe('two\n');
  });

  it('reuses one connection per host and honours the per-host concurrency limit', async () => {
    const hosts = {
      ssh1: {
        ssh: `${fleet.user}@127.0.0.1`,
        port: must(fleet.hosts[0]).port,
        identityFile: fleet.clientKey,
        concurrency: 2,
      },
    };
    const { reg } = registry({ hostEntries: hosts });
    const transport = reg.get('ssh1') as SshTransport;
    const log = join(must(fleet.hosts[0]).home, 'overlap.log');
    rmSync(log, { force: true });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        transport.exec(`echo start >> ${log}; sleep 0.2; echo end >> ${log}; echo ${i}`),
      ),
    );
    expect(results.map((r) => r.stdout.trim())).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(transport.connectionsOpened).toBe(1);
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBeLessThanOrEqual(2);
  });

  it('kills the remote command and what it started when the timeout passes', async () => {
    const { reg } = registry();
    const r = await reg.get('ssh1').exec('(sleep 7.5; echo late) & sleep 30', { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(await gone(reg.get('ssh1'), 'sleep 7.5')).toBe(true);
    expect(await gone(reg.get('ssh1'), 'sleep 30')).toBe(true);
  });

  it('cancels a remote command through an AbortSignal', async () => {
    const { reg } = registry();
    const controller = new AbortController();
    const running = reg.get('ssh1').exec('echo started; sleep 31', { signal: controller.signal });
    // Cancelled once the command is really running on the host, not after a guess at how long that takes.
    expect(await started(reg.get('ssh1'), 'sleep 31')).toBe(true);
    controller.abort();
    const r = await running;
    expect(r.cancelled).toBe(true);
    expect(r.stdout).toBe('started\n');
    expect(await gone(reg.get('ssh1'), 'sleep 31')).toBe(true);
  });

  it('keeps only the tail of long output', async () => {
    const { reg } = registry();
    const r = await reg.get('ssh1').exec('seq 1 200000', { maxOutputBytes: 64 });
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(64);
    expect(r.stdout.endsWith('199999\n200000\n')).toBe(true);
  });

  it('uploads a file over SFTP with the mode asked for', async () => {
    const { reg } = registry();
    const local = join(fleet.dir, 'payload.sh');
    writeFileSync(local, '#!/bin/sh\necho payload\n');
    const remote = join(must(fleet.hosts[1]).home, 'payload.sh');
    await reg.get('ssh2').upload(local, remote, { mode: 0o750 });
    expect(readFileSync(remote, 'utf8')).toContain('echo payload');
    expect(statSync(remote).mode & 0o777).toBe(0o750);
    expect((await reg.get('ssh2').exec(remote)).stdout).toBe('payload\n');
  });

  it('reconnects after the connection dropped', async () => {
    const { reg } = registry();
    const transport = reg.get('ssh3') as SshTransport;
    expect((await transport.exec('echo a')).stdout).toBe('a\n');
    must(fleet.hosts[2]).killConnections();
    await until(() => !transport.connected, 'the transport to notice the dropped connection');
    expect((await transport.exec('echo b')).stdout).toBe('b\n');
    expect(transport.connectionsOpened).toBe(2);
  });

  it('closes an idle connection and opens a new one when needed', async () => {
    const { reg } = registry({ idleMs: 100 });
    const transport = reg.get('ssh2') as SshTransport;
    await transport.exec('true');
    expect(transport.connected).toBe(true);
    await until(() => !transport.connected, 'the idle connection to close');
    expect((await transport.exec('echo again')).stdout).toBe('again\n');
    expect(transport.connectionsOpened).toBe(2);
  });

  it('says the outcome is unknown when the connection dies mid-command', async () => {
    const { reg } = registry();
    const transport = reg.get('ssh3');
    await transport.exec('true');
    const failed = rejection(transport.exec('sleep 10.5'));
    // The connection dies once the command is really running on the host.
    expect(await started(transport, 'sleep 10.5')).toBe(true);
    must(fleet.hosts[2]).killConnections();
    const error = await failed;
    expect(error.kind).toBe('disconnected');
    expect(error.message).toMatch(/ssh3.*connection was lost.*sleep 10\.5.*unknown/s);
  });

  it('never trusts an unknown host key silently, and reports its fingerprint', async () => {
    const { reg, knownHostsFile } = registry({ trusted: false });
    const error = await rejection(reg.get('ssh1').exec('true'));
    expect(error.kind).toBe('host-key-unknown');
    expect(error.host).toBe('ssh1');
    expect(error.details?.fingerprint).toBe(fingerprintOf(`${must(fleet.hosts[0]).hostKeyFile}.pub`));
    expect(error.message).toContain(fingerprintOf(`${must(fleet.hosts[0]).hostKeyFile}.pub`));

    // The person saw the fingerprint and chose to trust it: the next connection works.
    const details = error.details as { knownHostsName: string; keyBase64: string; fingerprint: string };
    expect(() => reg.trustHostKey({ ...details, fingerprint: 'SHA256:somethingelse' })).toThrow(
      /not the key .* offered/,
    );
    // Only the name and key the host presented: never a pattern, a marker or a line of the request's making.
    for (const knownHostsName of ['*', '@cert-authority *', `${details.knownHostsName}\n* ssh-ed25519 AAAA`]) {
      expect(() => reg.trustHostKey({ ...details, knownHostsName })).toThrow(/nothing was trusted/);
    }
    reg.trustHostKey(details);
    const written = readFileSync(knownHostsFile, 'utf8').split('\n').filter(Boolean);
    expect(written).toHaveLength(1);
    expect(written[0]?.startsWith(`${details.knownHostsName} ssh-ed25519 ${details.keyBase64} `)).toBe(true);
    expect(statSync(knownHostsFile).mode & 0o777).toBe(0o600);
    expect((await reg.get('ssh1').exec('echo now trusted')).stdout).toBe('now trusted\n');
  });

  it('asks about an unknown host key, and remembers it in its own known_hosts once trusted', async () => {
    const asked: string[] = [];
    const { reg, knownHostsFile } = registry({
      trusted: false,
      confirmHostKey: async (request) => {
        asked.push(request.fingerprint);
        return true;
      },
    });
    expect((await reg.get('ssh2').exec('echo trusted')).stdout).toBe('trusted\n');
    expect(asked).toEqual([fingerprintOf(`${must(fleet.hosts[1]).hostKeyFile}.pub`)]);
    expect(readFileSync(knownHostsFile, 'utf8')).toContain(`[127.0.0.1]:${must(fleet.hosts[1]).port} ssh-ed25519 `);

    const again = createTransportRegistry({
      hosts: () => ({
        ssh2: { ssh: `${fleet.user}@127.0.0.1`, port: must(fleet.hosts[1]).port, identityFile: fleet.clientKey },
      }),
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      confirmHostKey: async () => {
        throw new Error('must not ask again');
      },
    });
    cleanups.push(() => again.closeAll());
    expect((await again.get('ssh2').exec('echo known')).stdout).toBe('known\n');
  });

  it('refuses a declined host key', async () => {
    const { reg, knownHostsFile } = registry({ trusted: false, confirmHostKey: async () => false });
    expect((await rejection(reg.get('ssh1').exec('true'))).kind).toBe('host-key-unknown');
    expect(existsSync(knownHostsFile)).toBe(false);
  });

  it('matches hashed known_hosts entries (HashKnownHosts yes)', async () => {
    const knownHostsFile = join(fleet.dir, 'known_hosts_hashed');
    fleet.writeKnownHosts(knownHostsFile);
    execFileSync('ssh-keygen', ['-H', '-f', knownHostsFile], { stdio: 'ignore' });
    expect(readFileSync(knownHostsFile, 'utf8')).toMatch(/^\|1\|/);
    const reg = createTransportRegistry({
      hosts: () => ({
        ssh1: { ssh: `${fleet.user}@127.0.0.1`, port: must(fleet.hosts[0]).port, identityFile: fleet.clientKey },
      }),
      knownHostsFile: join(fleet.dir, 'own-empty'),
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: knownHostsFile,
      local: { agentSocket: undefined },
    });
    cleanups.push(() => reg.closeAll());
    expect((await reg.get('ssh1').exec('echo hashed')).stdout).toBe('hashed\n');
  });

  it('gives a clear auth error naming the host when the key is wrong', async () => {
    const hosts = {
      ssh1: { ssh: `${fleet.user}@127.0.0.1`, port: must(fleet.hosts[0]).port, identityFile: fleet.wrongKey },
    };
    const { reg } = registry({ hostEntries: hosts });
    const error = await rejection(reg.get('ssh1').exec('true'));
    expect(error.kind).toBe('auth-failed');
    expect(error.message).toMatch(
      /^ssh1 \(.*127\.0\.0\.1.*\): authentication failed — All configured authentication methods failed/,
    );
    expect(error.message).toContain(fleet.wrongKey);
  });

  it('reports a refused connection with the host and port', async () => {
    const closed = (await import('node:net')).createServer();
    const port: number = await new Promise((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    const { reg } = registry({ hostEntries: { gone: { ssh: '127.0.0.1', port, identityFile: fleet.clientKey } } });
    const error = await rejection(reg.get('gone').exec('true'));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(new RegExp(`^gone \\(.*:${port}\\): connection refused`));
  });

  it('times out once on a server that never speaks', async () => {
    // Reads and ignores everything (so it notices when the client hangs up), never answers.
    let hungUp = false;
    const silent: Server = createServer((socket) => {
      socket.resume();
      socket.once('close', () => {
        hungUp = true;
      });
    });
    const port: number = await new Promise((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const config = join(fleet.dir, 'ssh_config_silent');
    writeFileSync(config, `Host quiet\n  HostName 127.0.0.1\n  Port ${port}\n  ConnectTimeout 1\n`);
    const { reg } = registry({
      hostEntries: { quiet: { ssh: 'quiet', identityFile: fleet.clientKey } },
      sshConfigFile: config,
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onUnhandled);
    try {
      const error = await rejection(reg.get('quiet').exec('true'));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/^quiet \(.*\): timed out/);
      // A late error from the abandoned connection would come by the time it is closed on both ends.
      await until(() => hungUp, 'the client to hang up on the silent server');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUnhandled);
    }
  });

  it('reaches a host through a ProxyJump alias from ~/.ssh/config', async () => {
    const [jump, target] = [must(fleet.hosts[0]), must(fleet.hosts[2])];
    const config = join(fleet.dir, 'ssh_config_jump');
    writeFileSync(
      config,
      [
        'Host bastion',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        `  User ${fleet.user}`,
        `  IdentityFile ${fleet.clientKey}`,
        'Host behind',
        '  HostName 127.0.0.1',
        `  Port ${target.port}`,
        `  IdentityFile ${fleet.clientKey}`,
        '  ProxyJump bastion',
        '',
      ].join('\n'),
    );
    const { reg } = registry({ hostEntries: { app: { ssh: `${fleet.user}@behind` } }, sshConfigFile: config });
    const r = await reg.get('app').exec('echo "$HOME"');
    expect(r.stdout.trim()).toBe(target.home);
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one, and never stores it', async () => {
    const key = join(fleet.dir, 'encrypted_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', key]);
    appendFileSync(join(fleet.dir, 'authorized_keys'), readFileSync(`${key}.pub`));
    const asked: number[] = [];
    const hosts = { ssh1: { ssh: `${fleet.user}@127.0.0.1`, port: must(fleet.hosts[0]).port, identityFile: key } };
    const { reg, knownHostsFile } = registry({
      hostEntries: hosts,
      prompt: async (request) => {
        asked.push(request.attempt);
        expect(request.keyFile).toBe(key);
        return request.attempt === 1 ? 'wrong' : 'open sesame';
      },
    });
    expect((await reg.get('ssh1').exec('echo unlocked')).stdout).toBe('unlocked\n');
    expect(asked).toEqual([1, 2]);
    expect(readFileSync(knownHostsFile, 'utf8')).not.toContain('sesame');
  });

  it('authenticates through ssh-agent', async () => {
    const socket = join(fleet.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    cleanups.push(() => void agent.kill());
    await until(() => existsSync(socket), "ssh-agent's socket");
    execFileSync('ssh-add', [fleet.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    const hosts = {
      ssh2: {
        ssh: `${fleet.user}@127.0.0.1`,
        port: must(fleet.hosts[1]).port,
        identityFile: join(fleet.dir, 'no-such-key'),
      },
    };
    const { reg } = registry({ hostEntries: hosts, local: { agentSocket: socket } });
    expect((await reg.get('ssh2').exec('echo agent')).stdout).toBe('agent\n');
  });
});

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('a changed host key', () => {
  let fleet: SshdFleet;
  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'moved' });
  });
  afterAll(async () => fleet?.stop());

  it('is refused with both fingerprints and a warning, whatever the callbacks say', async () => {
    const host = must(fleet.hosts[0]);
    const knownHostsFile = join(fleet.dir, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    const oldFingerprint = fingerprintOf(`${host.hostKeyFile}.pub`);
    await host.stop();
    host.regenerateHostKey();
    await host.start();
    const newFingerprint = fingerprintOf(`${host.hostKeyFile}.pub`);
    const reg = createTransportRegistry({
      hosts: () => ({ moved1: { ssh: `${fleet.user}@127.0.0.1`, port: host.port, identityFile: fleet.clientKey } }),
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      confirmHostKey: async () => true,
    });
    try {
      const error = await rejection(reg.get('moved1').exec('true'));
      expect(error.kind).toBe('host-key-changed');
      expect(error.details).toMatchObject({ oldFingerprints: [oldFingerprint], newFingerprint });
      expect(error.message).toContain(oldFingerprint);
      expect(error.message).toContain(newFingerprint);
      expect(error.message).toMatch(/may be an attack/);
      expect(error.message).toContain(`ssh-keygen -R '[127.0.0.1]:${host.port}'`);
      expect(readFileSync(knownHostsFile, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    } finally {
      await reg.closeAll();
    }
  });
});
