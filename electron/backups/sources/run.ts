/**
 * What every source kind does the same way: run its one command where the source lives, with a time limit and the
 * caller's cancel, and turn what went wrong (too slow, cancelled, host unreachable) into a SourceError in words.
 * Also the one order every listing comes back in: newest first.
 */
import { type BackupCopy } from '../../../shared/model/backups';
import { type ExecResult } from '../../remote/types';
import { type SourceContext, SourceError, type SourceExecOptions } from './types';

/** A listing of files or objects: a slow host or a big folder, not a stuck one. */
export const LIST_TIMEOUT_MS = 60_000;
/** restic and pgBackRest open (and may lock) a repository, possibly remote: they get longer. */
export const TOOL_TIMEOUT_MS = 5 * 60_000;

/** "on db-1" or "on this machine": where a command ran, for messages. */
export function where(host: string | undefined): string {
  return host ? `on ${host}` : 'on this machine';
}

/** The last lines of a command's output, for a message or a check's `output`. */
export function tail(text: string, lines = 20): string {
  const kept = text.trimEnd().split('\n');
  return kept.slice(-lines).join('\n');
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * Runs `command` for a source and returns its result whatever the exit code (the kind judges it). Throws a
 * SourceError when the command could not run to its end: the host is unreachable, it ran past `timeoutMs`, or the
 * caller cancelled. `what` names the job for those messages ("listing /srv/backups").
 */
export async function runForSource(
  ctx: SourceContext,
  host: string | undefined,
  command: string,
  what: string,
  options: SourceExecOptions & { timeoutMs: number },
): Promise<ExecResult> {
  let result: ExecResult;
  try {
    result = await ctx.exec(host, command, { signal: ctx.signal, ...options });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SourceError(`Could not run ${what} ${where(host)}: ${reason}`, { command });
  }
  if (result.cancelled) throw new SourceError(`${capitalize(what)} ${where(host)} was cancelled.`, { command });
  if (result.timedOut) {
    throw new SourceError(
      `${capitalize(what)} ${where(host)} took longer than ${seconds(options.timeoutMs)} and was stopped. ` +
        `Check that ${host ?? 'this machine'} is not overloaded and the storage responds, then try again.`,
      { command, exitCode: result.exitCode, output: tail(result.stderr || result.stdout) },
    );
  }
  return result;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Newest first; copies with the same time by id, so the order never flickers between two listings. */
export function newestFirst(copies: BackupCopy[]): BackupCopy[] {
  return [...copies].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || a.id.localeCompare(b.id));
}

/**
 * Shell glob of a file name (`*`, `?`, `[...]`) as a RegExp, for sources that are not a shell (S3 keys). A bracket
 * expression is kept as a character class; anything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*') pattern += '.*';
    else if (char === '?') pattern += '.';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        pattern += '\\[';
        continue;
      }
      const body = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      pattern += `[${body}]`;
      i = end;
    } else pattern += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`, 's');
}
