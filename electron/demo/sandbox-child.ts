/**
 * One demo sandbox as a child process of the cockpit, and the guarantee that none outlives it. Three layers, so
 * no orphan is left whatever ends the cockpit: stop() ends a child cleanly (TERM, then KILL); an 'exit' hook of
 * this process kills every child still running (a crash, process.exit); and each child watches the pipe on its
 * stdin and exits when it closes, which the OS does even when the cockpit is killed outright (SIGKILL).
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable, type Writable } from 'node:stream';

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** The sandbox's exit code for "port already in use" (see resources/demo/sandbox/server.mjs). */
export const PORT_IN_USE_EXIT = 98;

export interface SandboxSpec {
  script: string;
  port: number;
  service: string;
  /** The page title: the workspace's name. */
  title: string;
  currentDirs: string[];
  /** Give up on a sandbox that does not say it listens within this long. */
  startTimeoutMs?: number;
}

export type StartResult =
  { ok: true; child: SandboxChild } | { ok: false; reason: 'port-in-use' | 'failed'; message: string };

const live = new Set<Child>();
let exitHook = false;

/** On the way out (a crash, process.exit, a normal end), whatever still runs is killed, synchronously. */
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** Only what the sandbox needs: no secrets of the cockpit's environment reach it. */
function sandboxEnv(spec: SandboxSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PORT: String(spec.port),
    SANDBOX_SERVICE: spec.service,
    SANDBOX_NAME: spec.title,
    SANDBOX_CURRENT: spec.currentDirs.join(delimiter),
    SANDBOX_EXIT_WITH_STDIN: '1',
    // Inside Electron process.execPath is the app itself: this makes it run the script as plain Node.
    ELECTRON_RUN_AS_NODE: '1',
  };
  for (const name of ['PATH', 'SystemRoot', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export class SandboxChild {
  readonly #child: Child;
  readonly exited: Promise<void>;

  constructor(
    child: Child,
    readonly url: string,
  ) {
    this.#child = child;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Ends it: TERM, then KILL after a grace period; resolves once it has exited. */
  async stop(graceMs = 2_000): Promise<void> {
    if (!this.running) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function startSandbox(spec: SandboxSpec): Promise<StartResult> {
  installExitHook();
  const child: Child = spawn(process.execPath, [spec.script], {
    env: sandboxEnv(spec),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // Nothing is written to stdin: it is held open so the child notices when this process goes away.
  child.stdin.on('error', () => undefined);
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-2_000);
  });
  const lines = createInterface({ input: child.stdout });
  const timeoutMs = spec.startTimeoutMs ?? 5_000;

  return new Promise<StartResult>((resolve) => {
    let settled = false;
    const settle = (result: StartResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      lines.removeAllListeners('line');
      if (!result.ok && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, reason: 'failed', message: `did not start within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match?.[1]) settle({ ok: true, child: new SandboxChild(child, match[1]) });
    });
    child.once('error', (error) => settle({ ok: false, reason: 'failed', message: error.message }));
    child.once('exit', (code, signal) => {
      if (code === PORT_IN_USE_EXIT) {
        settle({ ok: false, reason: 'port-in-use', message: `port ${spec.port} on 127.0.0.1 is already in use` });
        return;
      }
      const said = errors.trim().split('\n').at(-1);
      settle({
        ok: false,
        reason: 'failed',
        message: said || `exited with ${code === null ? `signal ${signal ?? '?'}` : `code ${code}`} before listening`,
      });
    });
  });
}
