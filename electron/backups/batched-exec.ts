/**
 * Cheap read-only commands to one host (a `dir` listing) asked for in the same turn of the event loop go out as ONE
 * remote command: verifying 50 backups on one host then costs one SSH session for the listings instead of 50 (each
 * session is a fork and a shell on the host: tens of milliseconds each, and the host's sshd serialises them).
 * Each command runs in its own subshell, one after another, its stdout and exit code framed by a random token, and
 * every caller gets back its own result; one that failed is run again alone, so its message is its own. Commands
 * that stream output, take long or write something never come here.
 */
import { randomBytes } from 'node:crypto';
import { type ExecOptions, type ExecResult, type Transport } from '../remote/types';

interface Pending {
  command: string;
  options: ExecOptions;
  resolve(result: ExecResult): void;
  reject(error: unknown): void;
}

/** At most this many commands in one batch: a long batch would delay the first caller's answer. */
const MAX_BATCH = 100;

const queues = new WeakMap<Transport, Pending[]>();

export function execBatched(transport: Transport, command: string, options: ExecOptions): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    let queue = queues.get(transport);
    if (!queue) {
      queue = [];
      queues.set(transport, queue);
      // Everything asked for in this turn (a verification of many backups starts them all at once) joins.
      setImmediate(() => {
        queues.delete(transport);
        for (let i = 0; i < (queue as Pending[]).length; i += MAX_BATCH)
          void flush(transport, (queue as Pending[]).slice(i, i + MAX_BATCH));
      });
    }
    queue.push({ command, options, resolve, reject });
    // A caller who cancels is answered at once, as a lone command would be; the batch goes on for the others.
    options.signal?.addEventListener(
      'abort',
      () =>
        resolve({
          host: transport.host,
          command,
          exitCode: null,
          signal: null,
          stdout: '',
          stderr: '',
          durationMs: 0,
          timedOut: false,
          cancelled: true,
        }),
      { once: true },
    );
  });
}

async function flush(transport: Transport, batch: Pending[]): Promise<void> {
  const [only] = batch;
  if (batch.length === 1 && only) {
    transport.exec(only.command, only.options).then(only.resolve, only.reject);
    return;
  }
  const token = randomBytes(12).toString('hex');
  const script = batch.map((p, i) => `(\n${p.command}\n) 2>/dev/null\nprintf '\\0${token}:${i}:%s\\0' "$?"`).join('\n');
  const timeoutMs = Math.max(...batch.map((p) => p.options.timeoutMs ?? 0)) || undefined;
  // The batch is cancelled only when every caller has cancelled: one caller's cancel must not end the others'.
  const signals = batch.map((p) => p.options.signal).filter((s): s is AbortSignal => s !== undefined);
  const controller = new AbortController();
  if (signals.length === batch.length && signals.length > 0) {
    const abortWhenAll = () => {
      if (signals.every((s) => s.aborted)) controller.abort();
    };
    for (const s of signals) s.addEventListener('abort', abortWhenAll, { once: true });
    abortWhenAll();
  }
  let result: ExecResult;
  try {
    result = await transport.exec(script, {
      ...batch[0]?.options,
      ...(timeoutMs ? { timeoutMs } : {}),
      signal: controller.signal,
      onOutput: undefined,
      // Every listing's output at once: a few KB each, far below this.
      maxOutputBytes: 64 * 1024 * 1024,
    });
  } catch (error) {
    for (const p of batch) p.reject(error);
    return;
  }
  const sections = splitSections(result.stdout, token, batch.length);
  for (const [i, p] of batch.entries()) {
    const section = sections[i];
    if (section?.exitCode === 0) {
      p.resolve({ ...result, command: p.command, stdout: section.stdout, stderr: '', exitCode: 0 });
      continue;
    }
    // A command that failed (or never got to run: the batch was cut short) is run again on its own, so its caller
    // sees its own stderr, exit code and timing; failures are rare, so this costs nothing in the common case.
    transport.exec(p.command, p.options).then(p.resolve, p.reject);
  }
}

function splitSections(stdout: string, token: string, count: number): Array<{ stdout: string; exitCode: number }> {
  const out: Array<{ stdout: string; exitCode: number }> = [];
  const marker = new RegExp(`\\0${token}:(\\d+):(\\d+)\\0`, 'g');
  let from = 0;
  for (const match of stdout.matchAll(marker)) {
    const index = Number(match[1]);
    if (index >= count) continue;
    out[index] = { stdout: stdout.slice(from, match.index), exitCode: Number(match[2]) };
    from = (match.index ?? 0) + match[0].length;
  }
  return out;
}
