/**
 * A minimal Transport that runs commands on this machine with `sh -c`, for testing host-metric checks against a
 * real Linux /proc and df. (The app's own local transport lives in electron/remote/; this stand-in keeps the
 * health tests independent of it.)
 */
import { execFile } from 'node:child_process';
import { type ExecResult, type Transport } from '../../remote/types';

export function localTestTransport(host = 'local'): Transport {
  return {
    host,
    exec(command, options = {}) {
      const started = performance.now();
      return new Promise<ExecResult>((resolve) => {
        execFile(
          'sh',
          ['-c', command],
          { timeout: options.timeoutMs, signal: options.signal },
          (error, stdout, stderr) => {
            const code =
              error && typeof (error as { code?: unknown }).code === 'number'
                ? (error as { code: number }).code
                : error
                  ? null
                  : 0;
            resolve({
              host,
              command,
              exitCode: code,
              signal: (error as { signal?: string } | null)?.signal ?? null,
              stdout,
              stderr,
              durationMs: performance.now() - started,
              timedOut: Boolean(error && (error as { killed?: boolean }).killed && !options.signal?.aborted),
              cancelled: Boolean(options.signal?.aborted),
            });
          },
        );
      });
    },
    upload: () => Promise.reject(new Error('not needed in health tests')),
    close: () => Promise.resolve(),
  };
}

/** A Transport that answers each command from a table (for units, and hosts in states this machine is not in). */
export function cannedTransport(host: string, answers: Record<string, Partial<ExecResult>>): Transport {
  return {
    host,
    async exec(command) {
      const answer = answers[command];
      if (!answer) throw new Error(`unexpected command on ${host}: ${command}`);
      return {
        host,
        command,
        exitCode: 0,
        signal: null,
        stdout: '',
        stderr: '',
        durationMs: 1,
        timedOut: false,
        cancelled: false,
        ...answer,
      };
    },
    upload: () => Promise.reject(new Error('not needed')),
    close: () => Promise.resolve(),
  };
}
