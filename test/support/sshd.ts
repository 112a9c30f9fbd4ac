/**
 * Real OpenSSH servers for integration tests: each "host" is its own `sshd -D -e -f <config>` on 127.0.0.1 and a
 * random free port, with its own host key, one shared authorized client key, and its own HOME (sshd's SetEnv),
 * so releases written under `~` on one host cannot be seen from another. No system users are created and
 * nothing outside the temp directory is touched (but /run/sshd, which sshd insists on when run as root).
 * `stop()` always kills the servers and every session they started.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findTool } from './system-tool';
import { freePort } from './free-port';

export interface SshdHost {
  name: string;
  port: number;
  /** $HOME of sessions on this host (a temp dir). */
  home: string;
  hostKeyFile: string;
  /** `[127.0.0.1]:port ssh-ed25519 AAAA…`, for a known_hosts file. */
  knownHostsLine(): string;
  /** Kills every session (per-connection sshd and its shells) but keeps listening: a dropped connection. */
  killConnections(): void;
  /** Stops listening and kills every session: the host is gone. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same key. */
  start(): Promise<void>;
  /** A new host key (as after a reinstall); takes effect on the next start. */
  regenerateHostKey(): void;
  readonly running: boolean;
}

export interface SshdFleet {
  dir: string;
  user: string;
  /** The private key every host accepts. */
  clientKey: string;
  /** A key no host accepts. */
  wrongKey: string;
  hosts: SshdHost[];
  /** known_hosts listing every host's current key. */
  writeKnownHosts(file: string, hosts?: SshdHost[]): void;
  /** An empty ssh_config, so tests never read the developer's ~/.ssh/config. */
  emptySshConfig: string;
  stop(): Promise<void>;
}

/** Every sshd started by this process, killed on exit even when a test's own cleanup never ran. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) {
      if (c.pid) killAll([...descendants(c.pid), c.pid], 'SIGKILL');
    }
  });
}

export function sshdAvailable(): boolean {
  return Boolean(findTool('sshd') && findTool('ssh-keygen'));
}

function keygen(file: string, comment: string) {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  execFileSync(findTool('ssh-keygen') ?? 'ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

/** Every process below `pid`, from /proc (children of children included). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

function killAll(pids: number[], signal: NodeJS.Signals) {
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      // Already gone.
    }
  }
}

export async function startSshdFleet(options: {
  count: number;
  prefix?: string;
  /** `false`: no `Subsystem sftp` in sshd_config, as on a host where SFTP is turned off. */
  sftp?: boolean;
}): Promise<SshdFleet> {
  const sshd = findTool('sshd');
  if (!sshd) throw new Error('sshd not found (apt-get install -y openssh-server)');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-sshd-'));
  const user = userInfo().username;
  const clientKey = join(dir, 'client_key');
  const wrongKey = join(dir, 'wrong_key');
  keygen(clientKey, 'cockpit-test-client');
  keygen(wrongKey, 'cockpit-test-wrong');
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const emptySshConfig = join(dir, 'ssh_config');
  writeFileSync(emptySshConfig, '');

  const hosts: SshdHost[] = [];
  const started: SshdHost[] = [];
  try {
    const ports = await Promise.all(Array.from({ length: options.count }, () => freePort()));
    for (const [i, port] of ports.entries()) {
      const host = createHost({
        sshd,
        dir,
        name: `${options.prefix ?? 'host'}${i + 1}`,
        port,
        authorizedKeys,
        sftp: options.sftp ?? true,
      });
      hosts.push(host);
    }
    await Promise.all(
      hosts.map(async (h) => {
        await h.start();
        started.push(h);
      }),
    );
  } catch (error) {
    await Promise.all(started.map((h) => h.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    dir,
    user,
    clientKey,
    wrongKey,
    hosts,
    emptySshConfig,
    writeKnownHosts(file, which = hosts) {
      writeFileSync(file, which.map((h) => `${h.knownHostsLine()}\n`).join(''));
    },
    async stop() {
      await Promise.all(hosts.map((h) => h.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function createHost(input: {
  sshd: string;
  dir: string;
  name: string;
  port: number;
  authorizedKeys: string;
  sftp: boolean;
}): SshdHost {
  const { sshd, dir, name, port, authorizedKeys } = input;
  const base = join(dir, name);
  const home = join(base, 'home');
  mkdirSync(home, { recursive: true });
  const hostKeyFile = join(base, 'ssh_host_ed25519_key');
  keygen(hostKeyFile, `${name}-hostkey`);
  const configFile = join(base, 'sshd_config');
  writeFileSync(
    configFile,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      `PidFile ${join(base, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'MaxStartups 100:30:200',
      'MaxSessions 20',
      'LogLevel INFO',
      // Each "host" has its own home: `~` differs between hosts although they share one filesystem and user.
      `SetEnv HOME=${home}`,
      ...(input.sftp ? ['Subsystem sftp internal-sftp'] : []),
      '',
    ].join('\n'),
  );

  let child: ChildProcess | null = null;
  let log = '';

  const stop = async () => {
    const current = child;
    child = null;
    if (!current?.pid) return;
    killAll(descendants(current.pid), 'SIGKILL');
    if (current.exitCode === null && current.signalCode === null) {
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill('SIGKILL');
      await exited;
    }
  };

  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (child) return resolve();
      log = '';
      const proc = spawn(sshd, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      killOnExit(proc);
      const timer = setTimeout(() => reject(new Error(`${name}: sshd did not start within 10 s:\n${log}`)), 10_000);
      proc.stderr?.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-8000);
        if (/Server listening/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        if (child === proc) child = null;
        reject(new Error(`${name}: sshd exited (${code}):\n${log}`));
      });
    });

  return {
    name,
    port,
    home,
    hostKeyFile,
    get running() {
      return child !== null;
    },
    knownHostsLine() {
      const [type, key] = readFileSync(`${hostKeyFile}.pub`, 'utf8').trim().split(/\s+/);
      return `[127.0.0.1]:${port} ${type} ${key}`;
    },
    killConnections() {
      if (child?.pid) killAll(descendants(child.pid), 'SIGKILL');
    },
    stop,
    start,
    regenerateHostKey() {
      keygen(hostKeyFile, `${name}-hostkey-new`);
    },
  };
}
