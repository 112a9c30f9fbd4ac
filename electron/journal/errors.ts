/**
 * Errors the journal raises when it cannot be opened. They name the file and say what to do, because the person
 * reading them is looking at a window that refused to start, not at a stack trace. We never delete or rewrite the
 * file ourselves: it is the user's record of what the app did.
 */
export type JournalFileProblem = 'not-sqlite' | 'newer-schema' | 'cannot-open';

export class JournalFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: JournalFileProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JournalFileError';
  }
}

/** How to get going again without losing the old file: the app creates a fresh journal when none is there. */
export function moveAsideHint(file: string): string {
  return `move it aside (for example rename it to ${file}.old) and start the app again: a fresh journal is created and the old file is kept as it is.`;
}
