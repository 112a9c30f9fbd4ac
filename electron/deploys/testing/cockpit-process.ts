/**
 * TEST CODE ONLY — the `cockpit` command as a real child process run from the sources (tsx), on one workspace file
 * and data folder: what a user types, and what a kill -9 can really kill. Plus the two waits such tests need.
 * `runHere` runs the same command through main() in this process with the same HOME and agent: the code
 * bin/cockpit.js runs, without a second or two of starting Node and loading the sources for every command.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { recorder } from '../../cli/test-support/recorder';

const root = join(import.meta.dirname, '..', '..', '..');
const entry = join(root, 'electron', 'cli', 'test-support', 'cockpit.ts');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CockpitProcess {
  /** Runs `cockpit …` to its end. */
  run(...command: string[]): Promise<Finished>;
  /** Starts `cockpit …` with its output piped, for a test that reads or kills it. */
  start(...command: string[]): ChildProcess;
  /** Runs `cockpit …` to its end through main() in this process (stdout and stderr as a terminal shows them). */
  runHere(...command: string[]): Promise<Finished>;
}

/** The variables that decide which SSH settings a command reads: set from `env` while a command runs here. */
const SSH_ENV = ['HOME', 'SSH_AUTH_SOCK'] as const;

export function cockpitProcess(options: {
  workspaceFile: () => string;
  dataDir: () => string;
  env: () => NodeJS.ProcessEnv;
  timeoutMs?: number;
}): CockpitProcess {
  const args = (command: string[]) => [
    '--import',
    'tsx',
    entry,
    ...command,
    '--workspace',
    options.workspaceFile(),
    '--data-dir',
    options.dataDir(),
  ];
  return {
    run: (...command) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          args(command),
          { cwd: root, env: options.env(), timeout: options.timeoutMs ?? 60_000 },
          (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
          },
        );
      }),
    start: (...command) =>
      spawn(process.execPath, args(command), { cwd: root, env: options.env(), stdio: ['ignore', 'pipe', 'pipe'] }),
    runHere: async (...command) => {
      const env = options.env();
      const saved = SSH_ENV.map((name) => [name, process.env[name]] as const);
      for (const name of SSH_ENV) setEnv(name, env[name]);
      const terminal = recorder();
      try {
        const argv = [...command, '--workspace', options.workspaceFile(), '--data-dir', options.dataDir()];
        const code = await main(argv, terminal.io);
        return { code, stdout: terminal.out(), stderr: terminal.err() };
      } finally {
        for (const [name, value] of saved) setEnv(name, value);
      }
    },
  };
}

function setEnv(name: string, value: string | undefined) {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
}

/** Waits until `check` holds, or fails saying what it waited for. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process whose command line holds `token` is running (pgrep -f). */
export function running(token: string): boolean {
  try {
    execFileSync('pgrep', ['-f', token], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
