/**
 * Restore drills from the backup tools' own repositories, on this machine (a local shell stands in for the drill
 * host): a `pg_dump` stream kept in a real restic repository, restored with `restic dump` into a scratch
 * database; and a real pgBackRest stanza restored into a scratch cluster on another port with
 * `--archive-mode=off` (so the copy never pushes WAL into the real repository), started, counted, stopped, removed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PgbackrestStanza,
  PGBACKREST_TOOLS,
  startPgbackrestStanza,
  sudoStandIn,
} from '../../../test/support/pgbackrest';
import { POSTGRES_TOOLS, type PgCluster, startPostgres } from '../../../test/support/postgres';
import { type ResticRepo, createResticRepo } from '../../../test/support/restic';
import { hasTools } from '../../../test/support/system-tool';
import { createLocalTransport } from '../../remote/local';
import { type Transport } from '../../remote/types';
import { type DrillRig, createDrillRig } from './testing/drill-rig';
import { freePort } from '../../../test/support/free-port';

function localRig(dir: string): DrillRig {
  const transports = new Map<string, Transport>();
  return createDrillRig({
    dir,
    transports: (host) => {
      let t = transports.get(host);
      if (!t) transports.set(host, (t = createLocalTransport({ host, home: dir, killGraceMs: 200 })));
      return t;
    },
    environments: { staging: { hosts: ['drill-1'], vars: {}, protected: false } },
  });
}

describe.skipIf(!hasTools('restic', ...POSTGRES_TOOLS))('a restore drill from a restic repository', () => {
  let pg: PgCluster;
  let repo: ResticRepo;
  let rig: DrillRig;
  let dir: string;

  beforeAll(async () => {
    pg = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-drill-restic-'));
    repo = createResticRepo();
    pg.psql('create database shop');
    pg.psql('create table orders (id int primary key, created_at timestamptz not null)', 'shop');
    for (const rows of [100, 250]) {
      pg.psql(
        `insert into orders select n, timestamptz '2026-12-05 02:00:00+00' + (n || ' seconds')::interval from generate_series(1, ${rows}) n on conflict do nothing`,
        'shop',
      );
      const dump = execFileSync(pg.bin('pg_dump'), ['-Fc', 'shop'], { env: { ...process.env, ...pg.env } });
      repo.backupStdin('orders.dump', dump, ['pgdump']);
    }
    rig = localRig(dir);
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
    repo?.remove();
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restores the newest snapshot with restic dump into a scratch database, checks it, and drops it', async () => {
    const client = (command: string) => `export PGHOST=127.0.0.1 PGPORT=${pg.port} PGUSER=postgres; ${command}`;
    rig.declare('shop', [
      {
        id: 'orders-restic',
        source: { restic: repo.repo, password: repo.passwordFile, tag: 'pgdump' },
        drill: {
          host: 'drill-1',
          restore: client(
            `mkdir {scratch} && restic dump {file} /orders.dump > {scratch}/orders.dump && ${pg.bin('createdb')} {scratch} && ${pg.bin('pg_restore')} --no-owner --exit-on-error -d {scratch} {scratch}/orders.dump`,
          ),
          checks: [
            {
              name: 'orders restored',
              run: client(`${pg.bin('psql')} -X -tA -d {scratch} -c 'select count(*) from orders'`),
              expect: { equals: '250' },
            },
          ],
          teardown: client(`${pg.bin('dropdb')} --if-exists {scratch}; rm -rf {scratch}`),
        },
      },
    ]);
    const drill = await (await rig.service.start({ service: 'shop', backup: 'orders-restic' })).done;
    expect(drill.summary).toMatch(/^Restored /);
    expect(drill.status).toBe('succeeded');
    expect(drill.copy?.location).toMatch(/^[0-9a-f]{64}$/);
    expect(drill.checksum).toBe(`restic-snapshot:${drill.copy?.location}`);
    expect(drill.checks[0]).toMatchObject({ ok: true, output: '250' });
    // The password reached restic through its environment only: never in a command the evidence keeps.
    expect(JSON.stringify(drill)).not.toContain(repo.password);
    expect(pg.psql(`select count(*) from pg_database where datname = '${drill.scratch}'`)).toBe('0');
    expect(existsSync(join(dir, drill.scratch))).toBe(false);
  });
});

describe.skipIf(!hasTools(...PGBACKREST_TOOLS, 'runuser'))('a restore drill from a pgBackRest stanza', () => {
  let stanza: PgbackrestStanza;
  let rig: DrillRig;
  let dir: string;
  let shimDir: string;
  let rowsInBackup: string;
  const path = process.env.PATH;

  beforeAll(async () => {
    stanza = await startPgbackrestStanza();
    // The fixture's cluster holds an orders table; the full backup holds its rows as they are now.
    stanza.backup('full');
    rowsInBackup = stanza.cluster.psql('select count(*) from orders');
    // The source runs pgBackRest as the cluster's user with `sudo -n -u`; without sudo here, a stand-in does it.
    shimDir = sudoStandIn().dir;
    process.env.PATH = `${shimDir}:${path ?? ''}`;
    dir = mkdtempSync(join(tmpdir(), 'cockpit-drill-pgbr-'));
    rig = localRig(dir);
  }, 180_000);

  afterAll(async () => {
    process.env.PATH = path;
    await rig?.close();
    await stanza?.stop();
    for (const d of [dir, shimDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('restores into a scratch cluster on another port with archiving off, counts the rows, and removes it', async () => {
    const { cluster, config } = stanza;
    const port = await freePort();
    const as = (command: string) => `sudo -n -u ${cluster.serverUser} ${command}`;
    // Inside the cluster's folder: owned by its user, who runs the restore and the scratch server.
    const data = `${cluster.dir}/{scratch}`;
    rig.declare('shop', [
      {
        id: 'orders-pgbr',
        source: { pgbackrest: stanza.stanza, config, user: cluster.serverUser },
        drill: {
          host: 'drill-1',
          preflight: `test ! -e ${data}`,
          restore: [
            as(
              `pgbackrest --config=${config} --stanza=${stanza.stanza} restore --set={file} --pg1-path=${data} --type=immediate --target-action=promote --archive-mode=off`,
            ),
            as(
              `${cluster.bin('pg_ctl')} -D ${data} -l ${data}.log -w -t 60 -o "-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${cluster.dir}" start`,
            ),
          ].join(' && '),
          checks: [
            {
              name: 'orders restored',
              run: `${cluster.bin('psql')} -X -tA -h 127.0.0.1 -p ${port} -U postgres -d postgres -c 'select count(*) from orders'`,
              expect: { atLeast: 1 },
            },
          ],
          teardown: `{ ${as(`${cluster.bin('pg_ctl')} -D ${data} -m immediate -w stop`)} || true; } && rm -rf ${data} ${data}.log`,
          stepTimeout: '2m',
        },
      },
    ]);
    const drill = await (await rig.service.start({ service: 'shop', backup: 'orders-pgbr' })).done;
    expect(drill.summary).toMatch(/^Restored /);
    expect(drill.status).toBe('succeeded');
    expect(drill.copy?.id).toMatch(/^\d{8}-\d{6}F$/);
    expect(drill.checks[0]).toMatchObject({ ok: true, output: rowsInBackup });
    expect(drill.teardownOk).toBe(true);
    expect(existsSync(join(cluster.dir, drill.scratch))).toBe(false);
    // The real cluster still archives into its repository: the scratch copy pushed nothing and broke nothing.
    expect(cluster.psql('select count(*) from orders')).toBe(rowsInBackup);
  });
});
