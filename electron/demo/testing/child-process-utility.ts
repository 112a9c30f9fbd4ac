/**
 * TEST CODE ONLY — Electron's `utilityProcess` imitated with child_process, as far as the demo uses it: a Node
 * script in a child process with no stdin (Electron allows only 'ignore' there), piped stdout and stderr, kill()
 * without a signal (SIGTERM), and 'exit' with a code only. Lets the utilityProcess launcher run real sandboxes
 * where the Electron binary cannot run. Records each fork's options.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { type UtilityChild, type UtilityProcessModule } from '../utility-launcher';

export type ForkOptions = Parameters<UtilityProcessModule['fork']>[2];

export function childProcessUtility(): UtilityProcessModule & { forks: ForkOptions[] } {
  const forks: ForkOptions[] = [];
  return {
    forks,
    fork(modulePath, args, options): UtilityChild {
      forks.push(options);
      const child = spawn(process.execPath, [modulePath, ...args], {
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const running = () => child.exitCode === null && child.signalCode === null;
      return {
        get pid() {
          return running() ? child.pid : undefined;
        },
        stdout: child.stdout,
        stderr: child.stderr,
        kill: () => running() && child.kill('SIGTERM'),
        once(_event, listener) {
          // A signal's death reported the way waitpid's status reads in a shell: 128 + its number.
          child.once('exit', (code, signal) => listener(code ?? 128 + (signal ? constants.signals[signal] : 0)));
          return this;
        },
      };
    },
  };
}
