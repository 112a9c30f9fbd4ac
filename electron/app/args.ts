/**
 * What a launch asks for, read from a command line: `--workspace PATH` (or `--workspace=PATH`), `--demo`, or a
 * `cockpit.yaml` passed as a plain argument (how Windows and Linux file associations start an app:
 * `app.exe C:\infra\cockpit.yaml`). Ours at start, or a second instance's when it sent no request of its own.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** What one launch of the app asks for; `workspace` is always absolute. */
export interface LaunchRequest {
  workspace: string | null;
  demo: boolean;
}

export const emptyRequest: LaunchRequest = { workspace: null, demo: false };

/**
 * The directory relative paths on the command line are relative to: where the user typed the command. `npm start`
 * runs the app from the package root but sets INIT_CWD to the directory npm was run in.
 */
export function launchDirectory(env: { readonly INIT_CWD?: string | undefined }, cwd: string): string {
  const fromNpm = env.INIT_CWD;
  return fromNpm && isAbsolute(fromNpm) ? fromNpm : cwd;
}

export function workspaceArg(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === '--workspace') value = argv[i + 1];
    else if (arg?.startsWith('--workspace=')) value = arg.slice('--workspace='.length);
    else continue;
    // `--workspace --other-flag` is a missing value, not a file called "--other-flag".
    if (!value || value.startsWith('--')) return undefined;
    return isAbsolute(value) ? value : resolve(cwd, value);
  }
  return undefined;
}

/** A name the file association can hand us: a YAML file (cockpit.yaml, or any other name the user chose). */
export function looksLikeWorkspaceFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** True when `path` is an existing regular file (not a folder, not missing). */
export function isExistingFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * A workspace file passed as a plain argument. Only an existing .yaml/.yml file counts: never a switch (Chromium
 * adds its own, such as `--original-process-start-time=…`), never the value of `--workspace`, never argv[0] (the
 * executable) — so a stray argument cannot make the app open something that is not a workspace file.
 */
export function workspaceFileArg(
  argv: readonly string[],
  cwd: string,
  isFile: (path: string) => boolean = isExistingFile,
): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-') || argv[i - 1] === '--workspace') continue;
    if (!looksLikeWorkspaceFile(arg)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (isFile(path)) return path;
  }
  return undefined;
}

/** `--workspace` wins over a plain file argument; `--demo` is a switch anywhere on the line. */
export function parseLaunchRequest(
  argv: readonly string[],
  cwd: string,
  isFile: (path: string) => boolean = isExistingFile,
): LaunchRequest {
  return {
    workspace: workspaceArg(argv, cwd) ?? workspaceFileArg(argv, cwd, isFile) ?? null,
    demo: argv.includes('--demo'),
  };
}
