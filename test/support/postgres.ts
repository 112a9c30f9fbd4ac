/**
 * A real PostgreSQL server for integration tests: `initdb` + `pg_ctl` into a temp dir, on 127.0.0.1 and a random
 * free port, trust authentication for the `postgres` role, its socket inside the temp dir. PostgreSQL refuses to
 * run as root, so when the tests run as root the server (and anything else that must not be root, such as
 * pgBackRest) runs as the system's `postgres` user, which owns the temp dir. `stop()` always stops the server;
 * a process exit stops it too.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findTool } from './system-tool';
import { freePort } from './free-port';

/** The tools a test of this helper needs, for `hasTools(...)`. */
export const POSTGRES_TOOLS = ['initdb', 'pg_ctl', 'psql', 'pg_dump', 'pg_restore', 'createdb', 'dropdb'];

export interface PgCluster {
  /** The temp dir holding data/, sock/ and the log; owned by the user the server runs as. */
  dir: string;
  dataDir: string;
  socketDir: string;
  host: '127.0.0.1';
  port: number;
  /** Full path of a PostgreSQL client or server program (psql, pg_dump, pg_restore …). */
  bin(name: string): string;
  /** PGHOST/PGPORT/PGUSER for client programs (trust authentication: no password). */
  env: Record<string, string>;
  /** Runs SQL through psql (-tA: bare values) and returns its output, trimmed. */
  psql(sql: string, database?: string): string;
  /** The argv prefix that runs a program as the server's user: [] when not root, else runuser -u postgres --. */
  asServerUser: string[];
  /** The user the server runs as (the system `postgres` user when the tests run as root). */
  serverUser: string;
  stop(): Promise<void>;
}

const running = new Set<() => void>();
let hooked = false;

function tool(name: string): string {
  const found = findTool(name);
  if (!found) throw new Error(`${name} not found: install PostgreSQL's server and client (see .ci/run)`);
  return found;
}

export async function startPostgres(options: { conf?: string[] } = {}): Promise<PgCluster> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  mkdirSync(socketDir);
  let serverUser = userInfo().username;
  let asServerUser: string[] = [];
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chmodSync(dir, 0o755);
    chownSync(dir, uid, gid);
    chownSync(socketDir, uid, gid);
    serverUser = 'postgres';
    asServerUser = [tool('runuser'), '-u', 'postgres', '--'];
  }
  const asUser = (program: string, args: string[], input?: string) => {
    const [first, ...rest] = [...asServerUser, program, ...args];
    return execFileSync(first as string, rest, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], input }).toString();
  };

  asUser(tool('initdb'), ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '-D', dataDir]);
  const port = await freePort();
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      ...(options.conf ?? []),
      '',
    ].join('\n'),
  );
  const log = join(dir, 'server.log');
  writeFileSync(log, '');
  if (root) execFileSync('chown', ['postgres:postgres', log]);
  asUser(tool('pg_ctl'), ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start']);

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      asUser(tool('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone: nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stopNow);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const stop of running) stop();
    });
  }

  const env = { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres' };
  return {
    dir,
    dataDir,
    socketDir,
    host: '127.0.0.1',
    port,
    bin: tool,
    env,
    psql(sql, database = 'postgres') {
      return execFileSync(tool('psql'), ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
        .toString()
        .trim();
    },
    asServerUser,
    serverUser,
    async stop() {
      running.delete(stopNow);
      stopNow();
    },
  };
}
