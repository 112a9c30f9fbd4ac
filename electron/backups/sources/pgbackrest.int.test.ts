import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgbackrestSourceSchema } from '../../../shared/workspace/backups';
import {
  PGBACKREST_TOOLS,
  type PgbackrestStanza,
  startPgbackrestStanza,
  sudoStandIn,
} from '../../../test/support/pgbackrest';
import { hasTools } from '../../../test/support/system-tool';
import { pgbackrestKind } from './pgbackrest';
import { at, testSourceContext } from './testing/context';

interface InfoBackup {
  label: string;
  timestamp: { stop: number };
}

/**
 * A real pgBackRest 2.45 stanza archiving a real PostgreSQL 15 cluster. The source runs pgBackRest as the cluster's
 * user through `sudo -n -u`; this machine's tests have no sudo, so a stand-in on PATH does what sudo would.
 */
describe.skipIf(!hasTools(...PGBACKREST_TOOLS, 'runuser'))('the pgbackrest source against a real stanza', () => {
  let stanza: PgbackrestStanza;
  let full: string;
  let incr: string;
  let shimDir: string;

  beforeAll(async () => {
    stanza = await startPgbackrestStanza();
    full = stanza.backup('full');
    incr = stanza.backup('incr');
    shimDir = sudoStandIn().dir;
  }, 120_000);
  afterAll(async () => {
    await stanza?.stop();
    if (shimDir) rmSync(shimDir, { recursive: true, force: true });
  });

  const source = (name = stanza.stanza) =>
    pgbackrestSourceSchema.parse({ pgbackrest: name, config: stanza.config, user: stanza.cluster.serverUser });
  const context = () => testSourceContext({ localEnv: { PATH: `${shimDir}:${process.env.PATH ?? ''}` } });

  it('lists the full and the incremental backup, newest first, with their stop times', async () => {
    const info = JSON.parse(stanza.run('info', '--output=json')) as { backup: InfoBackup[] }[];
    const stopOf = (label: string) => {
      const backup = at(info, 0).backup.find((b) => b.label === label);
      return backup ? new Date(backup.timestamp.stop * 1000).toISOString() : `no backup ${label}`;
    };
    const ctx = context();
    const copies = await pgbackrestKind.list(source(), ctx);
    expect(copies.map((c) => c.id)).toEqual([incr, full]);
    expect(copies.map((c) => c.location)).toEqual([incr, full]);
    expect(copies.map((c) => c.time)).toEqual([stopOf(incr), stopOf(full)]);
    expect(at(copies, 0).note).toMatch(new RegExp(`^incr of ${full}, \\d+ bytes of its own;`));
    expect(at(copies, 1).note).toMatch(/^full;/);
    expect(at(copies, 1).size).toBeGreaterThan(100_000);
    expect(ctx.execs.map((e) => e.command)).toEqual([
      `sudo -n -u ${stanza.cluster.serverUser} pgbackrest --config=${stanza.config} --stanza=${stanza.stanza} info --output=json`,
    ]);
  });

  it('says what is wrong with a stanza pgBackRest cannot read', async () => {
    await expect(pgbackrestKind.list(source('nosuch'), context())).rejects.toThrow(
      /^pgBackRest cannot read stanza nosuch on this machine: missing stanza path \(status 1\)\./,
    );
  });

  it('passes verify on the intact repository', async () => {
    const check = await pgbackrestKind.nativeCheck(source(), context());
    expect(check).toMatchObject({ kind: 'native', status: 'ok', exitCode: 0 });
    expect(check.command).toContain('--log-level-console=info verify');
  }, 60_000);

  it('fails verify on a backup file with flipped bytes, though pgbackrest exits 0', async () => {
    stanza.corruptBackupFile(full);
    const check = await pgbackrestKind.nativeCheck(source(), context());
    expect(check.exitCode).toBe(0);
    expect(check.status).toBe('failed');
    expect(check.summary).toBe(`pgbackrest verify found damage in stanza ${stanza.stanza}: checksum invalid: 1`);
    expect(check.output).toContain('status: error');
    expect(check.output).toMatch(new RegExp(`backup: ${full}, status: invalid`));
  }, 60_000);
});
