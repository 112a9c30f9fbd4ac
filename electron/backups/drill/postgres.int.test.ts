/**
 * Restore drills of a PostgreSQL `pg_dump -Fc` series over real SSH into a real PostgreSQL: the copies sit in a
 * folder on the drill host (an sshd "host"), listed by the real `dir` source; each drill restores one into a
 * scratch database, runs smoke queries, and drops it. The tests run in order on one server and one fleet.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestoreDrill } from '../../../shared/model/backups';
import { CockpitError } from '../../../shared/rpc';
import { POSTGRES_TOOLS, type PgCluster, startPostgres } from '../../../test/support/postgres';
import { type SshdFleet, startSshdFleet } from '../../../test/support/sshd';
import { hasTools } from '../../../test/support/system-tool';
import { type TransportRegistry } from '../../remote/registry';
import { type DrillRig, createDrillRig } from './testing/drill-rig';
import { sshdTransports } from '../../remote/testing/sshd-transports';

describe.skipIf(!hasTools('sshd', 'ssh-keygen', ...POSTGRES_TOOLS))(
  'restore drills of PostgreSQL dumps over SSH',
  () => {
    let fleet: SshdFleet;
    let pg: PgCluster;
    let registry: TransportRegistry;
    let rig: DrillRig;
    let backups: string;
    let protectedEnv = false;

    /** Client programs reach the test server by TCP as `postgres` (trust authentication). */
    const client = (command: string) =>
      `export PGHOST=127.0.0.1 PGPORT=${pg.port} PGUSER=postgres PGCONNECT_TIMEOUT=10; ${command}`;
    const psql = (db: string, sql: string) =>
      client(`${pg.bin('psql')} -X -tA -v ON_ERROR_STOP=1 -d ${db} -c ${JSON.stringify(sql)}`);
    const databaseExists = (name: string) =>
      pg.psql(`select count(*) from pg_database where datname = '${name}'`) === '1';

    function declare(drill: Record<string, unknown> = {}) {
      rig.declare('shop', [
        {
          id: 'orders-db',
          source: { dir: backups, host: 'db1', match: '*.dump' },
          rpo: '30d',
          verify: 'pg_restore -f /dev/null {file}',
          drill: {
            host: 'db1',
            preflight: client(`! ${pg.bin('psql')} -X -tA -d {scratch} -c 'select 1' >/dev/null 2>&1`),
            restore: client(
              `${pg.bin('createdb')} {scratch} && ${pg.bin('pg_restore')} --no-owner --exit-on-error -d {scratch} {file}`,
            ),
            checks: [
              {
                name: 'orders restored',
                run: psql('{scratch}', 'select count(*) from orders'),
                expect: { atLeast: 300 },
              },
              { name: 'newest order', run: psql('{scratch}', 'select max(created_at) from orders'), dataTime: true },
            ],
            teardown: client(`${pg.bin('dropdb')} --if-exists {scratch}`),
            rto: '10m',
            stepTimeout: '60s',
            ...drill,
          },
        },
      ]);
    }

    beforeAll(async () => {
      [fleet, pg] = await Promise.all([startSshdFleet({ count: 1, prefix: 'db' }), startPostgres()]);
      const host = fleet.hosts[0];
      if (!host) throw new Error('test setup: no sshd host');
      const work = join(fleet.dir, 'work');
      mkdirSync(work, { recursive: true });
      backups = join(host.home, 'backups', 'orders');
      mkdirSync(backups, { recursive: true });

      // Three nightly dumps of a growing orders table: 100, 200 and 300 rows, the newest order at 02:00 that night.
      pg.psql('create database shop');
      pg.psql('create table orders (id serial primary key, created_at timestamptz not null)', 'shop');
      for (const [day, rows] of [
        [4, 100],
        [5, 200],
        [6, 300],
      ] as const) {
        const upTo = `2026-12-0${day} 02:00:00+00`;
        pg.psql(
          `insert into orders (created_at) select timestamptz '${upTo}' - (n || ' minutes')::interval from generate_series(0, ${rows - 1} - (select count(*) from orders)) n`,
          'shop',
        );
        const file = join(backups, `orders-2026-12-0${day}.dump`);
        execFileSync(pg.bin('pg_dump'), ['-Fc', '-f', file, 'shop'], { env: { ...process.env, ...pg.env } });
        const at = new Date(`2026-12-0${day}T02:30:00Z`);
        utimesSync(file, at, at);
      }
      expect(pg.psql('select count(*) from orders', 'shop')).toBe('300');

      registry = sshdTransports(fleet, { names: () => 'db1', killGraceMs: 500 }).registry;
      rig = createDrillRig({
        dir: work,
        transports: (h) => registry.get(h),
        environments: {
          get staging() {
            return { hosts: ['db1'], vars: {}, protected: protectedEnv };
          },
        },
      });
    }, 120_000);

    afterAll(async () => {
      await rig?.close();
      await registry?.closeAll();
      await Promise.all([fleet?.stop(), pg?.stop()]);
    });

    it('restores the newest dump into a scratch database, checks it, and drops it', async () => {
      declare();
      const { done } = await rig.service.start({ service: 'shop', backup: 'orders-db' });
      const drill: RestoreDrill = await done;

      expect(drill.summary).toMatch(/^Restored orders-2026-12-06.dump in /);
      expect(drill.status).toBe('succeeded');
      expect(drill.copy).toMatchObject({ id: 'orders-2026-12-06.dump', time: '2026-12-06T02:30:00.000Z' });
      expect(drill.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(drill.checks.map((c) => [c.name, c.ok, c.output])).toEqual([
        ['orders restored', true, '300'],
        ['newest order', true, '2026-12-06 02:00:00+00'],
      ]);
      expect(drill.rpoFrom).toBe(`the newest data's time (check "newest order")`);
      expect(drill.rpoMs).toBe(Date.parse(drill.startedAt) - Date.parse('2026-12-06T02:00:00Z'));
      expect(drill.rtoMs).toBeGreaterThan(0);
      expect(drill.teardownOk).toBe(true);
      expect(databaseExists(drill.scratch)).toBe(false);
      expect(rig.service.report(drill.runId)?.text).toContain('| RTO (restore start → checks passed) |');
    });

    it('restores an older copy on request: its smoke check sees fewer rows and fails, and the scratch is dropped', async () => {
      declare();
      const drill = await (
        await rig.service.start({ service: 'shop', backup: 'orders-db', copy: 'orders-2026-12-04.dump' })
      ).done;
      expect(drill.status).toBe('failed');
      expect(drill.checks[0]).toMatchObject({
        ok: false,
        exitCode: 0,
        output: '100',
        detail: 'printed 100, expected at least 300',
      });
      expect(drill.checks[1]?.ok).toBe(true);
      expect(drill.teardownOk).toBe(true);
      expect(databaseExists(drill.scratch)).toBe(false);
    });

    it('records a failing smoke query with its output and exit code, and still tears down', async () => {
      declare({
        checks: [
          { name: 'customers table', run: psql('{scratch}', 'select count(*) from customers'), expect: { atLeast: 1 } },
          { name: 'orders restored', run: psql('{scratch}', 'select count(*) from orders'), expect: { atLeast: 300 } },
        ],
      });
      const drill = await (await rig.service.start({ service: 'shop', backup: 'orders-db' })).done;
      expect(drill.status).toBe('failed');
      const [customers, orders] = drill.checks;
      expect(customers).toMatchObject({ ok: false, exitCode: 1, detail: 'exited with 1' });
      expect(customers?.output).toContain('relation "customers" does not exist');
      expect(orders?.ok).toBe(true);
      expect(drill.rtoMs).toBeNull();
      expect(drill.teardownOk).toBe(true);
      expect(databaseExists(drill.scratch)).toBe(false);
    });

    it('is cancelled during a slow restore: teardown runs and the scratch database is gone', async () => {
      declare({
        restore: client(
          `${pg.bin('createdb')} {scratch} && sleep 30 && ${pg.bin('pg_restore')} --no-owner -d {scratch} {file}`,
        ),
      });
      const { runId, done } = await rig.service.start({ service: 'shop', backup: 'orders-db' });
      await rig.waitFor((e) => e.type === 'step.started' && e.runId === runId && e.step === 'restore');
      const scratch = rig.service.get(runId)?.drill.scratch ?? '';
      for (let i = 0; i < 100 && !databaseExists(scratch); i++) await new Promise((r) => setTimeout(r, 100));
      expect(databaseExists(scratch)).toBe(true);
      const t0 = Date.now();
      expect(rig.service.cancel(runId)).toBe(true);
      const drill = await done;
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(drill.status).toBe('cancelled');
      expect(drill.teardownOk).toBe(true);
      expect(drill.phases.map((p) => [p.name, p.ok])).toEqual([
        ['preflight', true],
        ['restore', false],
        ['teardown', true],
      ]);
      expect(databaseExists(scratch)).toBe(false);
    });

    it('refuses a drill host in a protected environment without its name typed', async () => {
      declare();
      protectedEnv = true;
      try {
        const error = await rig.service.start({ service: 'shop', backup: 'orders-db' }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CockpitError);
        expect((error as CockpitError).code).toBe('FORBIDDEN');
        expect((error as CockpitError).message).toContain('type "staging" to confirm');
        const confirmed = await (
          await rig.service.start({ service: 'shop', backup: 'orders-db', confirmation: 'staging' })
        ).done;
        expect(confirmed.status).toBe('succeeded');
      } finally {
        protectedEnv = false;
      }
    });
  },
);
