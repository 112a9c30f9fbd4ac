import { describe, expect, it } from 'vitest';
import { resticSourceSchema } from '../../../shared/workspace/backups';
import { resticKind } from './restic';
import { scriptedContext } from './testing/fake';

const source = resticSourceSchema.parse({
  restic: 'sftp:backup@vault:/srv/restic',
  password: 'keychain:restic-orders',
  host: 'db-1',
  tag: "pg dump's",
});
const secrets = { 'keychain:restic-orders': 's3cr3t-value' };

describe('the restic source', () => {
  it('reads RFC3339 times with nanoseconds and offsets as UTC, newest first', async () => {
    const stdout = JSON.stringify([
      {
        time: '2026-12-06T05:46:24.647397067+01:00',
        tree: 't',
        paths: ['/orders.dump'],
        hostname: 'db-1',
        tags: ['pgdump'],
        id: 'a'.repeat(64),
        short_id: 'aaaaaaaa',
      },
      { time: '2026-12-06T10:00:00.000000001Z', tree: 't', id: 'b'.repeat(64), short_id: 'bbbbbbbb', tags: null },
    ]);
    const ctx = scriptedContext({ stdout }, secrets);
    const copies = await resticKind.list(source, ctx);
    expect(copies).toEqual([
      { id: 'bbbbbbbb', time: '2026-12-06T10:00:00.000Z', size: null, location: 'b'.repeat(64), note: undefined },
      {
        id: 'aaaaaaaa',
        time: '2026-12-06T04:46:24.647Z',
        size: null,
        location: 'a'.repeat(64),
        note: 'tags: pgdump; host db-1; paths: /orders.dump',
      },
    ]);
    expect(ctx.execs).toEqual([
      {
        host: 'db-1',
        command: `restic --no-lock snapshots --json --tag 'pg dump'\\''s'`,
        env: { RESTIC_REPOSITORY: 'sftp:backup@vault:/srv/restic', RESTIC_PASSWORD: 's3cr3t-value' },
      },
    ]);
  });

  it('says a stale lock is removed with restic unlock', async () => {
    const ctx = scriptedContext(
      {
        exitCode: 1,
        stderr:
          'unable to create lock in backend: repository is already locked exclusively by PID 4242 on db-1 by root (UID 0, GID 0)\nlock was created at 2026-12-06 04:00:00\n',
      },
      secrets,
    );
    await expect(resticKind.list(source, ctx)).rejects.toThrow(
      'The restic repository sftp:backup@vault:/srv/restic is locked by PID 4242 on db-1. If no backup or prune is ' +
        'running, the lock is stale (a killed restic leaves one): remove it with `restic unlock` on db-1.',
    );
  });

  it('says restic is missing on the host', async () => {
    const ctx = scriptedContext({ exitCode: 127, stderr: 'sh: 1: restic: not found\n' }, secrets);
    await expect(resticKind.list(source, ctx)).rejects.toThrow(/^restic is not installed on db-1\. Install it there/);
  });

  it('says the password file is missing', async () => {
    const fromFile = resticSourceSchema.parse({ restic: '/srv/restic', password: '/etc/restic/pw' });
    const ctx = scriptedContext({
      exitCode: 1,
      stderr: 'Resolving password failed: Fatal: /etc/restic/pw does not exist\n',
    });
    await expect(resticKind.list(fromFile, ctx)).rejects.toThrow(
      'restic could not read the password file /etc/restic/pw on this machine. Check that it exists there and is readable.',
    );
    expect(ctx.execs[0]?.env).toEqual({ RESTIC_REPOSITORY: '/srv/restic', RESTIC_PASSWORD_FILE: '/etc/restic/pw' });
  });

  it('reports a check that could not run as an error, not as damage', async () => {
    const ctx = scriptedContext({ exitCode: 1, stderr: 'Fatal: wrong password or no key found\n' }, secrets);
    const check = await resticKind.nativeCheck(source, ctx);
    expect(check.status).toBe('error');
    expect(check.summary).toMatch(/the password from keychain:restic-orders is wrong/);
  });

  it('does not call a check clean unless restic says so', async () => {
    const check = await resticKind.nativeCheck(
      source,
      scriptedContext({ exitCode: 0, stdout: 'load indexes\n' }, secrets),
    );
    expect(check.status).toBe('failed');
  });

  it("gives the full snapshot id as the copy's content id", async () => {
    const copy = { id: 'aaaaaaaa', time: '', size: null, location: 'a'.repeat(64) };
    await expect(resticKind.checksum(source, copy, scriptedContext({}))).resolves.toBe(
      `restic-snapshot:${'a'.repeat(64)}`,
    );
  });
});
