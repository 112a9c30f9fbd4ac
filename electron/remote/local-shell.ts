/**
 * Which shell runs a `local` host's commands, how a whole command tree is stopped there, and how a value is quoted
 * for that shell. The workspace has no key to name a shell: the platform decides.
 *
 * - POSIX (Linux, macOS): `/bin/sh -c CMD` in a process group of its own, stopped by signalling the group.
 * - Windows: the command interpreter %ComSpec% names (cmd.exe when unset), called the way Node's own `shell: true`
 *   calls it: `/d /s /c "CMD"` with windowsVerbatimArguments, so the line reaches cmd.exe exactly as written.
 *   /d skips the AutoRun commands a user may have in the registry; /s takes everything between the first and
 *   the last quote as the command. Windows has no process groups: `taskkill /T /F` stops the tree.
 *
 * cmd.exe reads one line: a multi-line script (the deploy engine's own host scripts are POSIX sh) cannot run
 * there, and says so instead of running its first line only.
 */
import { type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { quote } from './quote';

export type ShellDialect = 'posix' | 'cmd';

export interface ShellInvocation {
  dialect: ShellDialect;
  file: string;
  args: string[];
  options: Pick<SpawnOptions, 'detached' | 'windowsHide' | 'windowsVerbatimArguments'>;
}

type Env = Record<string, string | undefined>;

/** Windows spells environment names in any case (ComSpec, COMSPEC): look them up the way Windows does. */
function windowsEnv(env: Env, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : env[key];
  return value === undefined || value === '' ? undefined : value;
}

/** The shell a local host's commands run in on this platform (no command yet: see `shellInvocation`). */
export function shellDialect(platform: NodeJS.Platform): ShellDialect {
  return platform === 'win32' ? 'cmd' : 'posix';
}

/** How to start `command` in the local shell of `platform`, given the environment it will see. */
export function shellInvocation(command: string, platform: NodeJS.Platform, env: Env): ShellInvocation {
  if (shellDialect(platform) === 'cmd') {
    return {
      dialect: 'cmd',
      file: windowsEnv(env, 'ComSpec') ?? 'cmd.exe',
      args: ['/d', '/s', '/c', `"${command}"`],
      options: { detached: false, windowsHide: true, windowsVerbatimArguments: true },
    };
  }
  // A process group of its own, so stopping the command also stops everything it started.
  return { dialect: 'posix', file: '/bin/sh', args: ['-c', command], options: { detached: true } };
}

/** Why cmd.exe cannot run this command as written, or null when it can. */
export function cmdProblem(command: string): string | null {
  const lines = command.split(/\r?\n/).filter((line) => line.trim() !== '').length;
  return lines > 1
    ? `cmd.exe runs a single line and this command has ${lines} (a POSIX shell script, such as the deploy engine's own host steps, needs a POSIX shell)`
    : null;
}

export interface TreeStopDeps {
  /** process.kill */
  kill: (pid: number, signal: NodeJS.Signals) => void;
  /** Starts a helper program and forgets it (taskkill); its failures are ignored. */
  run: (file: string, args: string[]) => void;
}

/**
 * Stops a command and everything it started. POSIX: the signal goes to the process group. Windows: taskkill /T
 * (the tree) /F (console programs ignore a polite close, so there is no gentler first step).
 */
export function stopTree(
  pid: number | undefined,
  signal: 'SIGTERM' | 'SIGKILL',
  platform: NodeJS.Platform,
  env: Env,
  deps: TreeStopDeps,
): void {
  if (!pid) return;
  if (shellDialect(platform) === 'cmd') {
    const systemRoot = windowsEnv(env, 'SystemRoot');
    // The system's own taskkill, not whatever a PATH entry may call by that name.
    const taskkill = systemRoot ? join(systemRoot, 'System32', 'taskkill.exe') : 'taskkill.exe';
    deps.run(taskkill, ['/pid', String(pid), '/T', '/F']);
    return;
  }
  try {
    deps.kill(-pid, signal);
  } catch {
    // The group is already gone: nothing left to stop.
  }
}

/** Words cmd.exe and the programs it starts read as one plain argument (no `=`, `,`, `;`: batch files split there). */
const CMD_SAFE = /^[A-Za-z0-9_@+:./\\-]+$/;

/**
 * Quotes one value for cmd.exe, or refuses it. cmd.exe has no quoting that holds for every value in every
 * position: `%name%` expands even inside double quotes, `"` cannot be escaped in a way both cmd.exe and the
 * program's own argument parser agree on, and a line break ends the command. So a value with `"`, `%`, `!`, CR,
 * LF or NUL is refused with a clear error rather than quoted almost right. Anything else is wrapped in double
 * quotes (cmd.exe then leaves `& | < > ^ ( )` alone), with trailing backslashes doubled so the closing quote
 * stays a quote for the program's parser.
 */
export function quoteCmd(arg: string | number): string {
  const text = String(arg);
  const bad = /["%!\r\n\0]/.exec(text)?.[0];
  if (bad !== undefined) {
    throw new Error(`${JSON.stringify(text)} cannot be passed safely to cmd.exe (it holds ${JSON.stringify(bad)})`);
  }
  if (text === '') return '""';
  if (CMD_SAFE.test(text)) return text;
  return `"${text.replace(/(\\+)$/, '$1$1')}"`;
}

/** The quoting that matches a dialect: what `${placeholders}` filled for that host must go through. */
export function quoteFor(dialect: ShellDialect): (arg: string | number) => string {
  return dialect === 'cmd' ? quoteCmd : quote;
}
