import { describe, expect, it } from 'vitest';
import { commandSourceSchema } from '../../../shared/workspace/backups';
import { commandKind } from './command';
import { testSourceContext } from './testing/context';

const run = (command: string) => commandKind.list(commandSourceSchema.parse({ command }), testSourceContext());
const printing = (json: string) => `cat <<'EOF'\n${json}\nEOF`;

describe('the command source', () => {
  it('reads the printed list, ISO times and epoch seconds alike, newest first', async () => {
    const copies = await run(
      printing(
        JSON.stringify([
          { id: 'nightly-1', time: '2026-12-04T02:00:00+01:00', size: 1200, location: '/mnt/nightly-1.tar' },
          { id: 'nightly-3', time: 1796522400 },
          { id: 'nightly-2', time: '1796436000', size: null },
        ]),
      ),
    );
    expect(copies).toEqual([
      { id: 'nightly-3', time: '2026-12-06T02:00:00.000Z', size: null, location: 'nightly-3' },
      { id: 'nightly-2', time: '2026-12-05T02:00:00.000Z', size: null, location: 'nightly-2' },
      { id: 'nightly-1', time: '2026-12-04T01:00:00.000Z', size: 1200, location: '/mnt/nightly-1.tar' },
    ]);
  });

  it('takes an empty list as no copies', async () => {
    await expect(run('echo "[]"')).resolves.toEqual([]);
  });

  it('says the output is not JSON, and what it must print', async () => {
    await expect(run('echo "backup ok"')).rejects.toThrow(
      /^The backup list command on this machine did not print JSON \(.*\)\. It must print only a list such as \[/,
    );
  });

  it('names the index and the field of a bad entry', async () => {
    await expect(run(printing('[{"id":"a","time":"2026-12-01T00:00:00Z"},{"id":"b"}]'))).rejects.toThrow(
      'printed a bad entry at index 1: time: expected an ISO time or epoch seconds.',
    );
    await expect(run(printing('[{"id":"a","time":"yesterday"}]'))).rejects.toThrow(
      'printed a bad entry at index 0: time: "yesterday" is not an ISO time or epoch seconds.',
    );
    await expect(run(printing('[{"id":"a","time":1,"size":"big"}]'))).rejects.toThrow(
      'printed a bad entry at index 0: size: expected a number of bytes.',
    );
    await expect(run(printing('{"id":"a"}'))).rejects.toThrow('printed JSON that is not a list');
  });

  it('stops a listing when the caller cancels', async () => {
    const controller = new AbortController();
    const ctx = testSourceContext({ signal: controller.signal });
    const started = Date.now();
    const listing = commandKind.list(commandSourceSchema.parse({ command: 'sleep 30; echo "[]"' }), ctx);
    setTimeout(() => controller.abort(), 200);
    await expect(listing).rejects.toThrow('The backup list command on this machine was cancelled.');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says the command failed, with its exit code and what it said', async () => {
    await expect(run('echo "bucket gone" >&2; exit 4')).rejects.toThrow(
      'The backup list command failed on this machine with exit code 4: bucket gone. Run it by hand there to see why.',
    );
  });
});
