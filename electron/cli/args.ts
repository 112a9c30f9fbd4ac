/**
 * What every `cockpit` subcommand does the same way: strict argument parsing, the options that pick the workspace
 * and data folder, and one mapping from an error to a message and an exit status, so a typo is always "usage"
 * (exit 2, with the help) and a failure is always "failed" (exit 1, with what went wrong).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CockpitError } from '../../shared/rpc';
import { type Backend } from '../backend';
import { startupErrorMessage } from '../startup-error';
import { type CliIO, EXIT } from './io';

/** A mistake in the command line: answered with the message and the command's help. */
export class UsageError extends Error {}

export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>, const P extends boolean>(
  argv: string[],
  options: O,
  allowPositionals: P,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The backend options named by `--workspace`, `--demo` and `--data-dir` (see backendArgOptions). */
export function backendOptionsOf(values: { workspace?: string; demo?: boolean; 'data-dir'?: string }) {
  return {
    ...(values.workspace !== undefined ? { workspace: values.workspace } : {}),
    ...(values.demo ? { demo: true } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
  };
}

/** Prints what went wrong, prefixed with the command (`cockpit cost: …`), and returns the exit status. */
export function reportCommandError(error: unknown, io: CliIO, command: string, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`${command}: ${error.message}\n\n${usage}`);
    return EXIT.usage;
  }
  if (error instanceof CockpitError) {
    io.stderr(`${command}: ${error.message}`);
    return error.code === 'BAD_REQUEST' ? EXIT.usage : EXIT.failed;
  }
  // The same words serve mode and the desktop app use for a journal or disk that stops the start.
  io.stderr(`${command}: ${startupErrorMessage(error)}`);
  return EXIT.failed;
}

/** Why a command has nothing to show when the workspace itself is the problem: its file has errors. */
export function workspaceProblem(backend: Backend): string | undefined {
  const state = backend.workspace.current();
  if (state.workspace || state.issues.length === 0) return undefined;
  const file = state.source?.path ?? 'the workspace file';
  return `${file} has ${state.issues.length} problem(s): run \`cockpit validate ${file}\` to see them.`;
}
