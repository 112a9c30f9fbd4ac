import { describe, expect, it } from 'vitest';
import { createLocalTransport } from '../remote/local';
import { type Transport } from '../remote/types';
import { execBatched } from './batched-exec';

/** The machine's own shell, counting the sessions it is asked for. */
function countingShell(): { transport: Transport; commands: string[] } {
  const local = createLocalTransport({ host: 'here' });
  const commands: string[] = [];
  const transport: Transport = {
    ...local,
    exec(command, options) {
      commands.push(command);
      return local.exec(command, options);
    },
  };
  return { transport, commands };
}

describe.skipIf(process.platform === 'win32')('listings asked for at once', () => {
  it('share one session and each caller gets its own output and exit code', async () => {
    const { transport, commands } = countingShell();
    const results = await Promise.all([
      execBatched(transport, "printf 'a\\0b'", {}),
      execBatched(transport, 'echo two; echo noise >&2', {}),
      execBatched(transport, "printf ''", {}),
    ]);
    expect(commands).toHaveLength(1);
    expect(results.map((r) => [r.stdout, r.exitCode, r.command])).toEqual([
      ['a\0b', 0, "printf 'a\\0b'"],
      ['two\n', 0, 'echo two; echo noise >&2'],
      ['', 0, "printf ''"],
    ]);
  });

  it('run a failing one again alone, so its own stderr and exit code reach its caller', async () => {
    const { transport, commands } = countingShell();
    const [good, bad] = await Promise.all([
      execBatched(transport, 'echo fine', {}),
      execBatched(transport, 'echo "no such folder" >&2; exit 3', {}),
    ]);
    expect(good).toMatchObject({ stdout: 'fine\n', exitCode: 0 });
    expect(bad).toMatchObject({ stderr: 'no such folder\n', exitCode: 3 });
    expect(commands).toHaveLength(2);
  });

  it('run a single one as it is, and keep one caller’s cancel from ending the others', async () => {
    const { transport, commands } = countingShell();
    expect((await execBatched(transport, 'echo alone', {})).stdout).toBe('alone\n');
    expect(commands).toEqual(['echo alone']);
    const cancel = new AbortController();
    const both = Promise.all([
      execBatched(transport, 'sleep 0.3; echo kept', {}),
      execBatched(transport, 'sleep 0.3; echo dropped', { signal: cancel.signal }),
    ]);
    cancel.abort();
    const [kept, dropped] = await both;
    expect(kept).toMatchObject({ stdout: 'kept\n', exitCode: 0 });
    expect(dropped.cancelled).toBe(true);
  });
});
