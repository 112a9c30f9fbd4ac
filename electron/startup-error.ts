/**
 * The one sentence a start-up failure is reported with, whoever reports it: the CLI's error line, `cockpit serve`'s
 * error line and the desktop app's "cannot start" dialog all show exactly this, so a user who meets a problem in
 * one face of the cockpit reads the same words in the others. No stack trace: the person reading it can act on the
 * sentence (free disk space, move a file aside), not on a trace.
 */
import { JournalFileError, isDiskFull } from './journal/errors';

export function startupErrorMessage(error: unknown): string {
  if (error instanceof JournalFileError) return error.message;
  const path = error instanceof Error ? (error as NodeJS.ErrnoException).path : undefined;
  if (isDiskFull(error)) {
    return `The disk${path ? ` holding ${path}` : ''} is full, so the cockpit cannot write its files. Free some space on that disk and start again; nothing was lost.`;
  }
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && path) {
    return `The cockpit may not write to ${path} (${code}). Check that folder's owner and permissions, or choose another with --data-dir or COCKPIT_DATA_DIR.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // One line: a multi-line message (some libraries add details below) would read as several problems.
  return message.split('\n')[0]?.trim() || 'an unknown error';
}

/** True for what startupErrorMessage explains in full; anything else is a bug whose stack is worth logging. */
export function isExplainedStartupError(error: unknown): boolean {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return (
    error instanceof JournalFileError ||
    isDiskFull(error) ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'EADDRINUSE'
  );
}
