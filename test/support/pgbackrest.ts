/**
 * A real pgBackRest stanza for integration tests: a PostgreSQL cluster (./postgres.ts) archiving its WAL into a
 * repository in a temp dir, the stanza created, and helpers to take full and incremental backups and to damage a
 * backup file. pgBackRest must not run as root, so everything runs as the cluster's server user (the `postgres`
 * system user when the tests run as root). `stop()` stops the cluster and removes the temp dir.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PgCluster, startPostgres } from './postgres';
import { findTool } from './system-tool';

export const PGBACKREST_TOOLS = ['pgbackrest', 'initdb', 'pg_ctl', 'psql'];

export interface PgbackrestStanza {
  cluster: PgCluster;
  stanza: string;
  /** The pgbackrest.conf every command needs (`--config`). */
  config: string;
  repoPath: string;
  /** Runs `pgbackrest --config=… --stanza=… ARGS` as the server user; returns stdout (throws on exit ≠ 0). */
  run(...args: string[]): string;
  /** Takes a backup and returns its label. */
  backup(type: 'full' | 'incr' | 'diff'): string;
  /** Flips bytes in the middle of the biggest file of a backup (its label): a checksum no longer matches. */
  corruptBackupFile(label: string): string;
  stop(): Promise<void>;
}

function ownedByServer(cluster: PgCluster, path: string) {
  if (cluster.asServerUser.length === 0) return;
  const uid = Number(execFileSync('id', ['-u', cluster.serverUser]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', cluster.serverUser]).toString().trim());
  chownSync(path, uid, gid);
}

function biggestFile(dir: string): string {
  let best = { path: '', size: -1 };
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const size = statSync(path).size;
        if (size > best.size) best = { path, size };
      }
    }
  };
  walk(dir);
  if (!best.path) throw new Error(`no file in ${dir}`);
  return best.path;
}

/** Flips `count` bytes in the middle of `file`, keeping its size and owner. */
export function flipBytes(file: string, count = 8): void {
  const size = statSync(file).size;
  const at = Math.max(0, Math.floor(size / 2) - Math.floor(count / 2));
  const fd = openSync(file, 'r+');
  try {
    const buffer = Buffer.alloc(Math.min(count, size));
    readSync(fd, buffer, 0, buffer.length, at);
    for (let i = 0; i < buffer.length; i++) buffer[i] = (buffer[i] ?? 0) ^ 0xff;
    writeSync(fd, buffer, 0, buffer.length, at);
  } finally {
    closeSync(fd);
  }
}

export async function startPgbackrestStanza(options: { stanza?: string } = {}): Promise<PgbackrestStanza> {
  const pgbackrest = findTool('pgbackrest');
  if (!pgbackrest) throw new Error('pgbackrest not found: install pgBackRest (see .ci/run)');
  const stanza = options.stanza ?? 'demo';
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-pgbr-'));
  const config = join(dir, 'pgbackrest.conf');
  const repoPath = join(dir, 'repo');
  const cluster = await startPostgres({
    conf: [
      'archive_mode = on',
      `archive_command = '${pgbackrest} --config=${config} --stanza=${stanza} archive-push %p'`,
    ],
  });
  try {
    for (const sub of ['', 'repo', 'log', 'lock', 'spool']) {
      const path = join(dir, sub);
      mkdirSync(path, { recursive: true });
      ownedByServer(cluster, path);
    }
    const text = [
      '[global]',
      `repo1-path=${repoPath}`,
      'repo1-retention-full=2',
      `log-path=${join(dir, 'log')}`,
      `lock-path=${join(dir, 'lock')}`,
      `spool-path=${join(dir, 'spool')}`,
      'start-fast=y',
      'compress-type=gz',
      `[${stanza}]`,
      `pg1-path=${cluster.dataDir}`,
      `pg1-port=${cluster.port}`,
      `pg1-socket-path=${cluster.socketDir}`,
      '',
    ].join('\n');
    writeFileSync(config, text);
    ownedByServer(cluster, config);
  } catch (error) {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const run = (...args: string[]): string => {
    const [first, ...rest] = [...cluster.asServerUser, pgbackrest, `--config=${config}`, `--stanza=${stanza}`, ...args];
    return execFileSync(first as string, rest, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  };
  run('stanza-create');
  cluster.psql('create table orders (id serial primary key, created_at timestamptz not null default now())');
  cluster.psql('insert into orders (created_at) select now() from generate_series(1, 1000)');

  const labels = () =>
    (JSON.parse(run('info', '--output=json')) as { backup?: { label: string }[] }[])[0]?.backup?.map((b) => b.label) ??
    [];

  return {
    cluster,
    stanza,
    config,
    repoPath,
    run,
    backup(type) {
      const before = new Set(labels());
      cluster.psql('insert into orders (created_at) select now() from generate_series(1, 100)');
      run('backup', `--type=${type}`);
      const label = labels().find((l) => !before.has(l));
      if (!label) throw new Error(`pgbackrest backup --type=${type} made no new backup`);
      return label;
    },
    corruptBackupFile(label) {
      const file = biggestFile(join(repoPath, 'backup', stanza, label, 'pg_data'));
      flipBytes(file);
      return file;
    },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A folder holding a stand-in `sudo` for `sudo -n -u USER command…` (the pgbackrest source's form): these test
 * machines have no sudo, so it runs the command as USER with runuser when root, as itself otherwise. Put the folder
 * first on the PATH of the commands that need it; `remove()` deletes it.
 */
export function sudoStandIn(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-sudo-'));
  writeFileSync(
    join(dir, 'sudo'),
    [
      '#!/bin/sh',
      '[ "$1" = -n ] && shift',
      '[ "$1" = -u ] || { echo "sudo stand-in: expected -n -u USER" >&2; exit 2; }',
      'user=$2; shift 2',
      'if [ "$(id -u)" = 0 ]; then exec runuser -u "$user" -- "$@"; else exec "$@"; fi',
      '',
    ].join('\n'),
  );
  chmodSync(join(dir, 'sudo'), 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
