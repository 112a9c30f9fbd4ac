/**
 * Verification of real PostgreSQL `pg_dump -Fc` series in folders on a real OpenSSH host, through the backend: a
 * corrupt dump fails `pg_restore -f /dev/null {file}` (which reads every byte) while `pg_restore --list` passes it
 * and says so in what it does not prove; a stale series breaks the RPO; a truncated newest dump is flagged by size.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupsOverview } from '../../shared/api/backups';
import { type BackupStatus } from '../../shared/model/backups';
import { POSTGRES_TOOLS, type PgCluster, startPostgres } from '../../test/support/postgres';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type Backend, createBackend } from '../backend';

const HOUR = 3_600_000;

describe.skipIf(!hasTools('sshd', 'ssh-keygen', ...POSTGRES_TOOLS))('pg_dump series verified over SSH', () => {
  let fleet: SshdFleet;
  let pg: PgCluster;
  let backend: Backend;
  const saved = { home: process.env.HOME, agent: process.env.SSH_AUTH_SOCK };

  beforeAll(async () => {
    [fleet, pg] = await Promise.all([startSshdFleet({ count: 1, prefix: 'pg' }), startPostgres()]);
    const host = fleet.hosts[0];
    if (!host) throw new Error('test setup: no host');
    const home = join(fleet.dir, 'local-home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
    const dataDir = join(fleet.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    fleet.writeKnownHosts(join(dataDir, 'known_hosts'));

    // Five nightly dumps of a growing orders table, the newest last night.
    pg.psql('create table orders (id int primary key, created_at timestamptz not null, note text)');
    const nightly: string[] = [];
    for (let night = 4; night >= 0; night--) {
      pg.psql(
        `insert into orders select i, now() - interval '1 minute' * i, md5(i::text) || md5((i * 7)::text)
         from generate_series((select coalesce(max(id), 0) + 1 from orders), (select coalesce(max(id), 0) + 2000 from orders)) i`,
      );
      const file = join(fleet.dir, `night-${night}.dump`);
      execFileSync(pg.bin('pg_dump'), ['-Fc', '-f', file, 'postgres'], { env: { ...process.env, ...pg.env } });
      nightly.push(file);
    }
    const series = (name: string, newestHoursAgo: number, damage?: (dump: Buffer) => Buffer) => {
      const dir = join(host.home, 'backups', name);
      mkdirSync(dir, { recursive: true });
      nightly.forEach((source, i) => {
        const age = nightly.length - 1 - i;
        const file = join(dir, `orders-${i + 1}.dump`);
        if (age === 0 && damage) writeFileSync(file, damage(readFileSync(source)));
        else copyFileSync(source, file);
        const time = (Date.now() - newestHoursAgo * HOUR - age * 24 * HOUR) / 1000;
        utimesSync(file, time, time);
      });
    };
    series('fresh', 3);
    series('stale', 50);
    series('truncated', 3, (dump) => dump.subarray(0, Math.floor(dump.length / 10)));
    // The same size, a few bytes changed inside the compressed table data: only reading it all finds out.
    const flip = (dump: Buffer) => {
      const bad = Buffer.from(dump);
      const at = Math.floor(bad.length * 0.6);
      for (let i = at; i < at + 16; i++) bad[i] = (bad[i] ?? 0) ^ 0xff;
      return bad;
    };
    series('corrupt', 3, flip);
    series('corrupt-listed', 3, flip);

    const restore = pg.bin('pg_restore');
    const backup = (id: string, verify: string) =>
      `      - { id: ${id}, source: { dir: ~/backups/${id.replace('-listed', '')}, host: pg1, match: "*.dump" }, minCopies: 5, verify: "${verify}" }`;
    const workspaceFile = join(fleet.dir, 'cockpit.yaml');
    writeFileSync(
      workspaceFile,
      [
        'version: 1',
        'name: Dumps over SSH',
        'environments:',
        '  production: { hosts: [pg1] }',
        'hosts:',
        `  pg1: { ssh: "${fleet.user}@127.0.0.1", port: ${host.port}, identityFile: "${fleet.clientKey}" }`,
        'services:',
        '  shop:',
        '    backups:',
        backup('fresh', `${restore} -f /dev/null {file}`),
        backup('stale', `${restore} -f /dev/null {file}`),
        backup('truncated', `${restore} -f /dev/null {file}`),
        backup('corrupt', `${restore} -f /dev/null {file}`),
        backup('corrupt-listed', `${restore} --list {file}`),
        '',
      ].join('\n'),
    );
    backend = await createBackend({
      dataDir,
      transport: 'websocket',
      workspacePath: workspaceFile,
      watch: false,
      background: false,
    });
    expect(backend.workspace.current().issues).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await backend?.close();
    process.env.HOME = saved.home;
    if (saved.agent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = saved.agent;
    await Promise.all([fleet?.stop(), pg?.stop()]);
  });

  async function verified(): Promise<Record<string, BackupStatus>> {
    const response = await backend.dispatch({ id: 1, method: 'backups.verify', input: {} });
    if (!response.ok) throw new Error(response.error.message);
    const overview = response.value as BackupsOverview;
    return Object.fromEntries(overview.backups.map((s) => [s.id, s]));
  }
  const integrityOf = (status: BackupStatus | undefined) =>
    status?.lastVerification?.checks.find((c) => c.kind === 'integrity');

  it('a corrupt dump fails pg_restore -f /dev/null, with its error; --list passes it and says what it missed', async () => {
    const byId = await verified();
    expect(byId.fresh).toMatchObject({ health: 'ok', copies: 5 });
    expect(integrityOf(byId.fresh)).toMatchObject({ status: 'ok', exitCode: 0 });

    expect(byId.corrupt?.health).toBe('broken');
    const failed = integrityOf(byId.corrupt);
    expect(failed).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(failed?.output).toMatch(/could not uncompress data|incorrect data check|invalid/i);
    expect(byId.corrupt?.reason).toContain('integrity check failed on orders-5.dump');

    const listed = integrityOf(byId['corrupt-listed']);
    expect(listed).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(listed?.doesNotProve).toMatch(/damaged table data/i);
  });

  it('a stale series breaks the RPO and a truncated newest dump is flagged by size and fails integrity', async () => {
    const byId = await verified();
    expect(byId.stale?.health).toBe('broken');
    expect(byId.stale?.reason).toMatch(/^newest copy 50 h old, past the RPO of 26 h/);
    expect(byId.truncated?.health).toBe('broken');
    const size = byId.truncated?.lastVerification?.checks.find((c) => c.kind === 'size');
    expect(size).toMatchObject({ status: 'warning' });
    // A tenth of the newest dump, which is bigger than the median of the (smaller, older) ones before it.
    expect(size?.summary).toMatch(/^newest \d+ KB is (1\d|20) % of the median \d+ KB of the 4 copies before it$/);
    expect(byId.truncated?.sizes.at(-1)).toMatchObject({ id: 'orders-5.dump', shrunk: true });
    expect(integrityOf(byId.truncated)).toMatchObject({ status: 'failed' });
  });
});
