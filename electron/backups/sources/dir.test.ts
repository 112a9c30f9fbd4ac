import { describe, expect, it } from 'vitest';
import { dirSourceSchema } from '../../../shared/workspace/backups';
import { type ExecResult } from '../../remote/types';
import { dirKind, parseListing } from './dir';
import { scriptedContext } from './testing/fake';
import { SourceError } from './types';

const source = dirSourceSchema.parse({ dir: '/srv/backups/orders', host: 'db-1', match: '*.dump' });

const fakeContext = (result: Partial<ExecResult>) => scriptedContext(result);
const commandsOf = (ctx: { execs: Array<{ command: string }> }) => ctx.execs.map((e) => e.command);

describe('the dir source', () => {
  it('reads names with spaces and tabs whole, skips names with a newline, and sorts newest first', () => {
    const stdout = [
      '/srv/backups/orders',
      '100\t1796500000.5\torders 1.dump',
      '200\t1796600000.0000000000\twith\ttab.dump',
      '300\t1796700000\tline\nbreak.dump',
      'garbage',
      '',
    ].join('\0');
    expect(parseListing(source, stdout)).toEqual([
      {
        id: 'with\ttab.dump',
        time: '2026-12-06T23:33:20.000Z',
        size: 200,
        location: '/srv/backups/orders/with\ttab.dump',
      },
      {
        id: 'orders 1.dump',
        time: '2026-12-05T19:46:40.500Z',
        size: 100,
        location: '/srv/backups/orders/orders 1.dump',
      },
    ]);
  });

  it('says the folder does not exist on the host, telling it apart from an empty folder', async () => {
    const missing = fakeContext({ stdout: 'cockpit: no such folder\n', exitCode: 3 });
    const error = await dirKind.list(source, missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(/^The folder \/srv\/backups\/orders does not exist on db-1\. /);
    await expect(dirKind.list(source, fakeContext({ stdout: '/srv/backups/orders\0' }))).resolves.toEqual([]);
  });

  it('passes on what find said when the folder cannot be read', async () => {
    const denied = fakeContext({ exitCode: 1, stderr: "find: '/srv/backups/orders': Permission denied\n" });
    await expect(dirKind.list(source, denied)).rejects.toThrow(
      /Could not list \/srv\/backups\/orders on db-1: find: '\/srv\/backups\/orders': Permission denied/,
    );
  });

  it('quotes the folder and the pattern, so neither can run as code', async () => {
    const ctx = fakeContext({ stdout: '/x\0' });
    await dirKind.list(dirSourceSchema.parse({ dir: "/srv/it's; rm -rf ~", match: '*$(reboot).dump' }), ctx);
    expect(commandsOf(ctx)[0]).toContain(`d='/srv/it'\\''s; rm -rf ~'`);
    expect(commandsOf(ctx)[0]).toContain(`-name '*$(reboot).dump'`);
  });

  it('says when listing took too long', async () => {
    await expect(dirKind.list(source, fakeContext({ timedOut: true, exitCode: null }))).rejects.toThrow(
      /^Listing \/srv\/backups\/orders on db-1 took longer than 1 min and was stopped\./,
    );
  });
});
