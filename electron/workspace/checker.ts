/**
 * Reads and judges workspace files on a worker thread. The app and serve mode re-read the file on every save; even
 * bounded (limits.ts), judging a large file is hundreds of milliseconds the UI would otherwise wait for. One worker
 * is kept for the service's lifetime; a check that overruns its time is stopped by ending the worker, and the next
 * check starts a fresh one.
 *
 * There is deliberately no fallback to the main thread: if the worker cannot start, each check fails saying why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { withoutPrototypes } from '../../shared/workspace/dictionaries';
import { appRoot } from '../paths';
import { type LoadResult, wholeFileIssue } from './types';

export interface CheckRequest {
  id: number;
  path: string;
}

export type CheckReply = { id: number; result: LoadResult } | { id: number; error: string };

export interface WorkspaceChecker {
  /** Reads and judges the file at `path` (absolute) off the main thread. */
  check(path: string): Promise<LoadResult>;
  /** Ends the worker; checks still waiting fail. */
  close(): void;
}

export interface CheckerOptions {
  /** A check taking longer than this is stopped and reported as an issue (default 10 s). */
  timeoutMs?: number;
  /**
   * An idle worker is ended after this long (default 30 s) and started again by the next check: saves come in
   * bursts while someone edits, and between bursts its ~20 MB are better given back.
   */
  idleMs?: number;
  /** The worker's script; by default the built one, or the TypeScript source when running from sources. */
  script?: WorkerScript;
}

export interface WorkerScript {
  url: URL;
  execArgv: string[];
}

/** The built worker: an entry of its own in electron.vite.config.ts, next to index.js and cli.js. */
export const BUILT_WORKER = 'workspace-check.js';

/**
 * Running from the sources, a JavaScript bundle of check-worker.ts to start instead of the TypeScript through tsx:
 * the test run bundles it once (test/support/check-worker-bundle.ts) rather than have every worker load the sources.
 */
export const CHECK_WORKER_ENV = 'COCKPIT_CHECK_WORKER_BUNDLE';

export function defaultWorkerScript(): WorkerScript {
  if (import.meta.url.endsWith('.ts')) {
    const bundle = process.env[CHECK_WORKER_ENV];
    if (bundle) return { url: pathToFileURL(bundle), execArgv: [] };
    // From the sources (vitest, tsx): Node's own type stripping cannot follow the extensionless imports; tsx can.
    return { url: new URL('./check-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
  }
  return { url: pathToFileURL(join(appRoot(), 'out', 'main', BUILT_WORKER)), execArgv: [] };
}

interface Pending {
  /** The worker asked: a worker ended after a timeout must not take a fresh worker's checks down with it. */
  owner: Worker;
  resolve: (result: LoadResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export function createWorkspaceChecker(options: CheckerOptions = {}): WorkspaceChecker {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const idleMs = options.idleMs ?? 30_000;
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error, owner?: Worker) => {
    for (const [id, job] of pending) {
      if (owner && job.owner !== owner) continue;
      clearTimeout(job.timer);
      pending.delete(id);
      job.reject(error);
    }
  };

  const start = (): Worker => {
    const script = options.script ?? defaultWorkerScript();
    if (script.url.protocol === 'file:' && !existsSync(fileURLToPath(script.url))) {
      throw new Error(
        `cannot start the workspace checker: ${fileURLToPath(script.url)} is missing (run \`npm run build\`)`,
      );
    }
    const started = new Worker(script.url, { execArgv: script.execArgv });
    started.on('message', (reply: CheckReply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      clearTimeout(job.timer);
      if ('error' in reply) job.reject(new Error(`the workspace checker failed: ${reply.error}`));
      else
        job.resolve({
          ...reply.result,
          workspace: reply.result.workspace && withoutPrototypes(reply.result.workspace),
        });
      if (![...pending.values()].some((other) => other.owner === started)) {
        started.unref();
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          if (worker !== started || [...pending.values()].some((other) => other.owner === started)) return;
          worker = undefined;
          void started.terminate();
        }, idleMs).unref();
      }
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the workspace checker stopped: ${error.message}`), started);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the workspace checker exited (code ${code}) before answering`), started);
    });
    return started;
  };

  return {
    check(path) {
      if (closed) return Promise.reject(new Error('the workspace checker is closed'));
      clearTimeout(idleTimer);
      let current: Worker;
      try {
        current = worker ?? start();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      worker = current;
      const id = nextId++;
      return new Promise<LoadResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          // The worker is busy with this file and cannot be interrupted otherwise; a fresh one serves the next.
          if (worker === current) worker = undefined;
          void current.terminate();
          const took = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
          resolve(
            wholeFileIssue(
              path,
              `checking the file took longer than ${took} and was stopped`,
              'a workspace file of at most a few thousand lines',
            ),
          );
        }, timeoutMs);
        pending.set(id, { owner: current, resolve, reject, timer });
        // Held open only while a check is waiting: an idle checker must not keep the process alive.
        current.ref();
        current.postMessage({ id, path } satisfies CheckRequest);
      });
    },
    close() {
      closed = true;
      clearTimeout(idleTimer);
      failAll(new Error('the workspace checker is closed'));
      void worker?.terminate();
      worker = undefined;
    },
  };
}
