/**
 * The `local` transport: runs commands on this machine in its shell (`/bin/sh -c`, or cmd.exe on Windows: see
 * local-shell.ts), with the same semantics as `ssh` (working directory, environment, streamed output, exit code,
 * signal, timeout, cancel, bounded output). The demo workspace and local scripts use it; tests use it as the
 * reference behaviour.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile } from 'node:fs/promises';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_OUTPUT_BYTES, KILL_GRACE_MS, OutputTail, decoder, signalName, wrapCommand } from './exec-support';
import { cmdProblem, shellDialect, shellInvocation, stopTree } from './local-shell';
import { isEnvName } from './quote';
import { Semaphore } from './semaphore';
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
  /** Tests: the platform whose shell is used (default: this one). */
  platform?: NodeJS.Platform;
  /**
   * Who may start a child, and how many at once. Default: one queue shared by every local host of this process,
   * since what runs out (file descriptors, process slots, CPU) belongs to the process, not to a host.
   */
  slots?: Semaphore;
  /** Tests: stands in for child_process.spawn (e.g. one that fails the way spawn does at EMFILE). */
  spawn?: SpawnChild;
}

export type SpawnChild = (file: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/**
 * Children running at once across all local hosts. Each holds three descriptors and a process; a burst of reads
 * (the demo's overview runs 17 shell scripts) used to fan out without bound until spawn failed with EMFILE. More
 * than a few per core only adds contention: these are short shell scripts, bound by CPU.
 */
export const LOCAL_CONCURRENCY = Math.max(8, availableParallelism() * 4);
const sharedSlots = new Semaphore(LOCAL_CONCURRENCY);

/** What the shell gets to run: the script and, where the shell cannot be told in the script, cwd and env. */
interface Prepared {
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function createLocalTransport(options: LocalTransportOptions): Transport {
  const { host } = options;
  const home = options.home ?? homedir();
  const env = options.home ? { ...process.env, HOME: options.home } : process.env;
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
  const platform = options.platform ?? process.platform;
  const dialect = shellDialect(platform);
  const slots = options.slots ?? sharedSlots;
  const spawnChild: SpawnChild = options.spawn ?? spawn;
  const stopDeps = {
    kill: (pid: number, signal: NodeJS.Signals) => process.kill(pid, signal),
    run: (file: string, args: string[]) => {
      spawn(file, args, { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    },
  };

  /**
   * POSIX: `cd` and `export` lines in the script, exactly as over SSH. cmd.exe: it has no quoting that holds for
   * every value, so the working directory and the environment are handed to the process instead, never pasted
   * into the command line; a missing directory is reported the way `cd` would. Throws what makes it unrunnable.
   */
  function prepare(command: string, opts: ExecOptions): Prepared | { missingDir: string } {
    if (dialect === 'posix') return { script: wrapCommand(command, opts), cwd: home, env };
    const problem = cmdProblem(command);
    if (problem) throw new Error(problem);
    for (const name of Object.keys(opts.env ?? {})) {
      if (!isEnvName(name)) throw new Error(`"${name}" is not a valid environment variable name`);
    }
    const cwd = opts.cwd ? hostPath(opts.cwd) : home;
    if (opts.cwd && !existsSync(cwd)) return { missingDir: opts.cwd };
    return { script: command, cwd, env: { ...env, ...opts.env } };
  }

  /** `~` and `~/…` mean this host's home, as they do in a shell on it. */
  function hostPath(path: string): string {
    if (path === '~') return home;
    return path.startsWith('~/') ? join(home, path.slice(2)) : path;
  }

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

    let outcome: Prepared | { missingDir: string };
    try {
      outcome = prepare(command, opts);
    } catch (error) {
      return Promise.reject(new TransportError('other', host, `${host}: ${(error as Error).message}`));
    }
    if ('missingDir' in outcome) {
      return Promise.resolve(result({ exitCode: 1, stderr: `cd: ${outcome.missingDir}: No such directory\n` }));
    }
    const { script, cwd, env: childEnv } = outcome;

    const shell = shellInvocation(script, platform, childEnv);
    const couldNotStart = (error: unknown) =>
      new TransportError('other', host, `${host}: could not start ${shell.file}: ${(error as Error).message}`, {
        code: (error as NodeJS.ErrnoException).code,
      });

    // The timeout counts the command's own run, not its wait for a slot: a burst must not turn into timeouts of
    // commands that never started. Cancelling while waiting gives up the place in the queue.
    return slots.acquire(opts.signal).then((release) => {
      if (!release) return result({ cancelled: true });
      // A cancel between the slot's grant and this callback would otherwise go unheard: the command would run.
      if (opts.signal?.aborted) {
        release();
        return result({ cancelled: true });
      }
      return new Promise<ExecResult>((resolve, reject) => {
        let child: ChildProcess;
        try {
          child = spawnChild(shell.file, shell.args, {
            ...shell.options,
            cwd,
            env: childEnv,
            // POSIX: stdin is the pipe the script's watcher waits on (see guardAgainstOrphaning): held open and
            // never written, it closes only when this process dies, and then the command's group is ended.
            stdio: [dialect === 'posix' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
          });
        } catch (error) {
          release();
          reject(couldNotStart(error));
          return;
        }
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          cleanup();
          release();
          outcome();
        };
        // First, before anything else touches the child: when spawn fails (EMFILE, ENOENT, EAGAIN) the failure
        // arrives as an 'error' event on the next tick, and at EMFILE the child has no streams at all. Unhandled,
        // that event ends the whole process.
        child.on('error', (error) => finish(() => reject(couldNotStart(error))));
        // The shell may be gone before the pipe is closed (EPIPE): nothing is ever written to it, so nothing is lost.
        child.stdin?.on('error', () => undefined);

        const signalTree = (signal: 'SIGTERM' | 'SIGKILL') => stopTree(child.pid, signal, platform, childEnv, stopDeps);
        let timedOut = false;
        let cancelled = false;
        let killTimer: NodeJS.Timeout | undefined;

        const stop = () => {
          if (killTimer || child.exitCode !== null || child.signalCode !== null) return;
          signalTree('SIGTERM');
          killTimer = setTimeout(() => signalTree('SIGKILL'), killGraceMs);
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
        const cleanup = () => {
          clearTimeout(timer);
          clearTimeout(killTimer);
          opts.signal?.removeEventListener('abort', onAbort);
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });

        // Null only when spawn failed before the pipes existed; the 'error' listener above reports that.
        const { stdout: out, stderr: err } = child;
        if (!out || !err) return;
        const decodeOut = decoder();
        const decodeErr = decoder();
        out.on('data', (chunk: Buffer) => {
          const text = decodeOut(chunk);
          stdout.push(text);
          if (text) opts.onOutput?.(text, 'stdout');
        });
        err.on('data', (chunk: Buffer) => {
          const text = decodeErr(chunk);
          stderr.push(text);
          if (text) opts.onOutput?.(text, 'stderr');
        });

        child.on('close', (code, signal) => {
          child.stdin?.destroy();
          // Whatever the shell started in the background is stopped with it once the command has ended. Not on
          // Windows: taskkill /T /F already ended the whole tree, and the pid may belong to another program by now.
          if ((timedOut || cancelled) && dialect === 'posix') signalTree('SIGKILL');
          finish(() => resolve(result({ exitCode: code, signal: signalName(signal), timedOut, cancelled })));
        });
      });
    });
  }

  async function upload(localPath: string, remotePath: string, opts: { signal?: AbortSignal; mode?: number } = {}) {
    if (opts.signal?.aborted) throw new TransportError('cancelled', host, `${host}: upload cancelled`);
    const target = hostPath(remotePath);
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
