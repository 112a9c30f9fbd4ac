/**
 * One demo sandbox as a child process of the cockpit, and the guarantee that none outlives it. Three layers, so
 * no orphan is left whatever ends the cockpit: stop() ends a child cleanly (TERM, then KILL); an 'exit' hook of
 * this process kills every child still running (a crash, process.exit); and the launcher's own guarantee for when
 * the cockpit is killed outright (SIGKILL), where no code of ours runs: under Node each child watches a pipe on its
 * stdin and exits when it closes; in the desktop app, where a utility process has no stdin, each child watches the
 * app's main process and exits once it is gone (see launcher.ts and utility-launcher.ts).
 */
import { delimiter } from 'node:path';
import { createInterface } from 'node:readline';
import { type SandboxLauncher, type SandboxProcess, nodeLauncher } from './launcher';

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
  /** How the process is started (default: `node script` from the running Node). */
  launcher?: SandboxLauncher;
}

export type StartResult =
  { ok: true; child: SandboxChild } | { ok: false; reason: 'port-in-use' | 'failed'; message: string };

const live = new Set<SandboxProcess>();
let exitHook = false;

/** On the way out (a crash, process.exit, a normal end), whatever still runs is killed, synchronously. */
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const child of live) child.kill('kill');
  });
}

/** Only what the sandbox needs: no secrets of the cockpit's environment reach it. */
function sandboxEnv(spec: SandboxSpec): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(spec.port),
    SANDBOX_SERVICE: spec.service,
    SANDBOX_NAME: spec.title,
    SANDBOX_CURRENT: spec.currentDirs.join(delimiter),
  };
  for (const name of ['PATH', 'SystemRoot', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export class SandboxChild {
  readonly #process: SandboxProcess;
  #running = true;
  readonly exited: Promise<void>;

  constructor(
    sandbox: SandboxProcess,
    readonly url: string,
  ) {
    this.#process = sandbox;
    this.exited = sandbox.exited.then(() => {
      this.#running = false;
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Ends it: TERM, then KILL after a grace period; resolves once it has exited. */
  async stop(graceMs = 2_000): Promise<void> {
    if (!this.running) return;
    this.#process.kill('term');
    const timer = setTimeout(() => this.#process.kill('kill'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function startSandbox(spec: SandboxSpec): Promise<StartResult> {
  installExitHook();
  const launcher = spec.launcher ?? nodeLauncher;
  const child = launcher.launch({
    script: spec.script,
    env: sandboxEnv(spec),
    name: `Demo sandbox: ${spec.service} on port ${spec.port}`,
  });
  live.add(child);
  void child.exited.then(() => live.delete(child));
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
      if (!result.ok) child.kill('kill');
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
    void child.exited.then(({ code, signal, error }) => {
      if (error !== undefined) {
        settle({ ok: false, reason: 'failed', message: error });
        return;
      }
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
