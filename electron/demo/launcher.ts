/**
 * How a demo sandbox process is started. Under plain Node (the CLI, serve mode, tests) it is `node server.mjs`,
 * spawned from the running Node. Inside the packaged app that cannot work: process.execPath is the app itself,
 * and with Electron's RunAsNode fuse off, ELECTRON_RUN_AS_NODE no longer turns it into Node. There the Electron
 * shell passes a launcher built on utilityProcess.fork (utility-launcher.ts). The sandbox code (sandbox-child.ts)
 * sees only this interface, so the two are interchangeable and a test can pass a fake.
 */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';

/** How a sandbox process ended. */
export interface SandboxExit {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  signal: string | null;
  /** Why it could not even be started (then code and signal are null). */
  error?: string;
}

/** A started sandbox process: what the demo needs of it, and no more. */
export interface SandboxProcess {
  /** The OS process id; undefined until it has started and after it has exited. */
  readonly pid: number | undefined;
  /** Its output: the sandbox prints one "listening on" line when it is ready. */
  readonly stdout: NodeJS.ReadableStream;
  readonly stderr: NodeJS.ReadableStream;
  /** Settles once, when the process has ended (or failed to start). Never rejects. */
  readonly exited: Promise<SandboxExit>;
  /**
   * 'term' asks it to stop (the sandbox closes its server and exits), 'kill' ends it at once. Must be callable
   * synchronously from a process 'exit' hook, and harmless once the process has ended.
   */
  kill(how: 'term' | 'kill'): void;
}

export interface SandboxLaunch {
  script: string;
  /** The whole environment of the sandbox (nothing is inherited beyond it). */
  env: Record<string, string>;
  /** A name for the process, e.g. "Demo sandbox: checkout" (shown in Electron's process list). */
  name: string;
}

export interface SandboxLauncher {
  launch(launch: SandboxLaunch): SandboxProcess;
}

/** Settles with the first exit or start failure a child reports. */
function exitOf(child: ReturnType<typeof spawn>): Promise<SandboxExit> {
  return new Promise((resolve) => {
    // `on`, not `once`: a later error (a signal that could not be delivered) must not go unhandled either.
    child.on('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** A process that never started, with the reason: what a launcher returns when it cannot launch at all. */
function notLaunched(error: string): SandboxProcess {
  const empty = () => Readable.from([]);
  return {
    pid: undefined,
    stdout: empty(),
    stderr: empty(),
    exited: Promise.resolve({ code: null, signal: null, error }),
    kill: () => {},
  };
}

/**
 * `node script` from the running Node. The sandbox's stdin is a pipe this process holds open and never writes to:
 * the sandbox exits when it closes (SANDBOX_EXIT_WITH_STDIN), which the OS does even when this process is killed
 * outright (SIGKILL) — the last of the three no-orphan layers (see sandbox-child.ts).
 *
 * Inside Electron, process.execPath is the app: spawning it would start another copy of the app, not Node. There
 * it refuses, so a shell that forgot to pass its utilityProcess launcher sees why the demo does not run.
 */
export function createNodeLauncher(options: { insideElectron?: boolean } = {}): SandboxLauncher {
  const insideElectron = options.insideElectron ?? process.versions.electron !== undefined;
  return {
    launch({ script, env }) {
      if (insideElectron) {
        return notLaunched(
          "cannot start inside the desktop app without Electron's utilityProcess (createBackend's demoLauncher option)",
        );
      }
      const child = spawn(process.execPath, [script], {
        env: { ...env, SANDBOX_EXIT_WITH_STDIN: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      // Nothing is ever written: a write error (the sandbox already gone) is no error of ours.
      child.stdin.on('error', () => undefined);
      return {
        get pid() {
          return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
        },
        stdout: child.stdout,
        stderr: child.stderr,
        exited: exitOf(child),
        kill(how) {
          if (child.exitCode === null && child.signalCode === null) child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
        },
      };
    },
  };
}

/** The default launcher: `node script` under plain Node. */
export const nodeLauncher: SandboxLauncher = createNodeLauncher();
