import { describe, expect, it } from 'vitest';
import { pgbackrestSourceSchema } from '../../../shared/workspace/backups';
import { pgbackrestKind } from './pgbackrest';
import { at } from './testing/context';
import { scriptedContext } from './testing/fake';

const source = pgbackrestSourceSchema.parse({ pgbackrest: 'main', host: 'repo-1', user: 'postgres' });

describe('the pgbackrest source', () => {
  it('keeps a 64-bit system-id from mattering: it reads only labels, times and sizes', async () => {
    const stdout =
      '[{"archive":[],"backup":[{"label":"20261206-044817F","type":"full","prior":null,"error":false,' +
      '"info":{"delta":1,"repository":{"delta":10,"size":10},"size":1},"timestamp":{"start":1796532490,"stop":1796532497}}],' +
      '"db":[{"id":1,"repo-key":1,"system-id":7716047735695506678,"version":"15"}],"name":"main",' +
      '"status":{"code":0,"message":"ok"}}]';
    const ctx = scriptedContext({ stdout });
    const copies = await pgbackrestKind.list(source, ctx);
    expect(copies).toEqual([
      {
        id: '20261206-044817F',
        location: '20261206-044817F',
        time: new Date(1796532497_000).toISOString(),
        size: 10,
        note: 'full; size is what a restore reads from the repository',
      },
    ]);
    expect(at(ctx.execs, 0).command).toBe('sudo -n -u postgres pgbackrest --stanza=main info --output=json');
  });

  it('treats a broken backup.info (status 99, exit 0) as a source that cannot be read', async () => {
    const stdout =
      '[{"backup":[],"db":[],"name":"main","status":{"code":99,"message":"other","lock":{"backup":{"held":false}}}}]';
    await expect(pgbackrestKind.list(source, scriptedContext({ stdout }))).rejects.toThrow(
      'pgBackRest cannot read stanza main on repo-1: other (status 99).',
    );
  });

  it('lists no copies for a stanza without backups yet', async () => {
    const stdout = '[{"backup":[],"name":"main","status":{"code":2,"message":"no valid backups"}}]';
    await expect(pgbackrestKind.list(source, scriptedContext({ stdout }))).resolves.toEqual([]);
  });

  it('says sudo needs a password', async () => {
    const ctx = scriptedContext({ exitCode: 1, stderr: 'sudo: a password is required\n' });
    await expect(pgbackrestKind.list(source, ctx)).rejects.toThrow(
      /^Could not run pgBackRest as postgres on repo-1: sudo needs a password or is missing\./,
    );
  });

  it('judges verify by its output: missing files fail it though it exits 0', async () => {
    const stdout = [
      '2026-12-06 04:50:00.000 P00   INFO: verify command begin 2.45: --stanza=main',
      '2026-12-06 04:50:01.000 P00   INFO: stanza: main',
      '                                    status: error',
      '                                      backup: 20261206-044817F, status: invalid, total files checked: 9, total valid files: 8',
      '                                        missing: 1',
      '2026-12-06 04:50:01.000 P00   INFO: verify command end: completed successfully (538ms)',
    ].join('\n');
    const check = await pgbackrestKind.nativeCheck(source, scriptedContext({ stdout, exitCode: 0 }));
    expect(check).toMatchObject({
      status: 'failed',
      exitCode: 0,
      summary: 'pgbackrest verify found damage in stanza main: missing: 1',
    });
    expect(check.output).toBe(
      'status: error\nbackup: 20261206-044817F, status: invalid, total files checked: 9, total valid files: 8\nmissing: 1',
    );
  });
});
