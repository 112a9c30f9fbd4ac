/**
 * The `local` transport: runs commands on this machine with `/bin/sh -c`, with the same semantics as `ssh`
 * (working directory, environment, streamed output, exit code, signal, timeout, cancel, bounded output). The
 * demo workspace and local scripts use it; tests use it as the reference behaviour.
 */
import { spawn } from 'node:child_process';
import { chmod, copyFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_OUTPUT_BYTES, KILL_GRACE_MS, OutputTail, decoder, signalName, wrapCommand } from './exec-support';
import { type ExecOptions, type ExecResult, type Transport, TransportError } from './types';

export interface LocalTransportOptions {
  /** The workspace host name this transport stands for. */
  host: string;
  /**
   * This host's home (`~`, $HOME, and where commands start, as an SSH session would). Lets several pretend
   * hosts share one machine without seeing each other's files (the demo). Default: the user's home.
   */
  home?: string;
  /** Grace between TERM and KILL when stopping a command. */
  killGraceMs?: number;
}

export function createLocalTransport(options: LocalTransportOptions): Transport {
  const { host } = options;
  const home = options.home ?? homedir();
  const env = options.home ? { ...process.env, HOME: options.home } : process.env;
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;

  function exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const started = Date.now();
    const stdout = new OutputTail(opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    const stderr = new OutputTail(opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    const result = (extra: Partial<ExecResult>): ExecResult => ({
      host,
      command,
      exitCode: null,
      signal: null,
      stdout: stdout.text(),
      stderr: stderr.text(),
      durationMs: Date.now() - started,
      timedOut: false,
      cancelled: false,
      ...extra,
    });
    if (opts.signal?.aborted) return Promise.resolve(result({ cancelled: true }));

    let script: string;
    try {
      script = wrapCommand(command, opts);
    } catch (error) {
      return Promise.reject(new TransportError('other', host, `${host}: ${(error as Error).message}`));
    }

    return new Promise((resolve, reject) => {
      // A process group of its own, so stopping the command also stops everything it started.
      const child = spawn('/bin/sh', ['-c', script], {
        cwd: home,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let timedOut = false;
      let cancelled = false;
      let killTimer: NodeJS.Timeout | undefined;

      const stop = () => {
        if (killTimer || child.exitCode !== null || child.signalCode !== null) return;
        signalGroup(child.pid, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killGraceMs);
      };
      const timer =
        opts.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              stop();
            }, opts.timeoutMs)
          : undefined;
      const onAbort = () => {
        cancelled = true;
        stop();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const decodeOut = decoder();
      const decodeErr = decoder();
      child.stdout.on('data', (chunk: Buffer) => {
        const text = decodeOut(chunk);
        stdout.push(text);
        if (text) opts.onOutput?.(text, 'stdout');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        const text = decodeErr(chunk);
        stderr.push(text);
        if (text) opts.onOutput?.(text, 'stderr');
      });

      const cleanup = () => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (error) => {
        cleanup();
        reject(new TransportError('other', host, `${host}: could not start /bin/sh: ${error.message}`));
      });
      child.on('close', (code, signal) => {
        cleanup();
        // Whatever the shell started in the background is stopped with it once the command has ended.
        if (timedOut || cancelled) signalGroup(child.pid, 'SIGKILL');
        resolve(result({ exitCode: code, signal: signalName(signal), timedOut, cancelled }));
      });
    });
  }

  async function upload(localPath: string, remotePath: string, opts: { signal?: AbortSignal; mode?: number } = {}) {
    if (opts.signal?.aborted) throw new TransportError('cancelled', host, `${host}: upload cancelled`);
    const target = remotePath.startsWith('~/') ? join(home, remotePath.slice(2)) : remotePath;
    try {
      await copyFile(localPath, target);
      if (opts.mode !== undefined) await chmod(target, opts.mode);
    } catch (error) {
      throw new TransportError(
        'other',
        host,
        `${host}: could not copy ${localPath} to ${remotePath}: ${(error as Error).message}`,
      );
    }
  }

  return { host, exec, upload, close: async () => {} };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone: nothing left to stop.
  }
}
