/**
 * The desktop app's sandbox launcher: Electron's utilityProcess.fork, which runs a Node script in a child process
 * of the app without ELECTRON_RUN_AS_NODE (the packaged app has the RunAsNode fuse off). It is handed Electron's
 * `utilityProcess` (only electron/app imports 'electron'); the narrow types below are the part of it used here.
 *
 * How it differs from the Node launcher (launcher.ts), and why no sandbox outlives the app all the same:
 * - Electron gives a utility process no stdin (only 'ignore' is supported there), so the stdin-pipe guarantee is
 *   not used and SANDBOX_EXIT_WITH_STDIN stays unset: with no stdin the sandbox would see end-of-input at once and
 *   stop. Instead the sandbox watches the app's main process (SANDBOX_EXIT_WITH_PARENT) and exits once it is gone,
 *   even when it was killed outright. Electron also ends its utility processes when it quits, but whether they
 *   survive a main process that crashed is not something it promises. stop() and the exit hook (sandbox-child.ts)
 *   work as with Node.
 * - kill() takes no signal: it is SIGTERM on POSIX (TerminateProcess on Windows). 'kill' sends SIGKILL by pid.
 * - 'exit' reports a code only.
 */
import { Readable } from 'node:stream';
import { type SandboxExit, type SandboxLauncher, type SandboxProcess } from './launcher';

/** What is used of an Electron UtilityProcess. */
export interface UtilityChild {
  /** Undefined until it has spawned and again after it has exited. */
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

/** What is used of Electron's `utilityProcess` module. */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args: string[],
    options: { env: Record<string, string>; stdio: 'pipe'; serviceName: string },
  ): UtilityChild;
}

export interface UtilityLauncherOptions {
  /** Tests: how SIGKILL reaches a pid (default process.kill). */
  killPid?: (pid: number, signal: NodeJS.Signals) => void;
  /** The process whose end ends the sandboxes (default: this one, the app's main process). */
  parentPid?: number;
}

export function utilityProcessLauncher(
  utilityProcess: UtilityProcessModule,
  options: UtilityLauncherOptions = {},
): SandboxLauncher {
  const killPid = options.killPid ?? ((pid: number, signal: NodeJS.Signals) => process.kill(pid, signal));
  const parentPid = String(options.parentPid ?? process.pid);
  return {
    launch({ script, env, name }): SandboxProcess {
      const child = utilityProcess.fork(script, [], {
        env: { ...env, SANDBOX_EXIT_WITH_PARENT: parentPid },
        stdio: 'pipe',
        serviceName: name,
      });
      let ended = false;
      const exited = new Promise<SandboxExit>((resolve) => {
        child.once('exit', (code) => {
          ended = true;
          resolve({ code, signal: null });
        });
      });
      // Electron creates both streams with the process when stdio is 'pipe'; an empty one stands in otherwise.
      const stdout = child.stdout ?? Readable.from([]);
      const stderr = child.stderr ?? Readable.from([]);
      return {
        get pid() {
          return ended ? undefined : child.pid;
        },
        stdout,
        stderr,
        exited,
        kill(how) {
          if (ended) return;
          const pid = child.pid;
          if (how === 'kill' && pid !== undefined) {
            try {
              killPid(pid, 'SIGKILL');
            } catch {
              // Already gone between the check and the signal.
            }
            return;
          }
          child.kill();
        },
      };
    },
  };
}
