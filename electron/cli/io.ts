/** What a command may do to the terminal; tests pass a recorder. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Set when the reader went away (`cockpit validate x | head -1`: EPIPE) or the stream broke: from then on that
 * stream's writes are dropped, and the command finishes its work and exits with its own status, saying nothing.
 */
const closed = { stdout: false, stderr: false };

/**
 * Writes unless the stream is known to be closed. A write can also fail on the spot (a destroyed stream, EIO on a
 * terminal that went away): that closes the stream the same way. Output never aborts a command, least of all a
 * deploy holding locks.
 */
function write(name: 'stdout' | 'stderr', text: string): void {
  const stream = process[name];
  if (closed[name] || stream.destroyed || !stream.writable) {
    closed[name] = true;
    return;
  }
  try {
    stream.write(text.endsWith('\n') ? text : `${text}\n`);
  } catch {
    closed[name] = true;
  }
}

export const processIO: CliIO = {
  stdout: (text) => write('stdout', text),
  stderr: (text) => write('stderr', text),
};

/**
 * Without a listener, a write to a closed pipe becomes an uncaught 'error' and a stack trace. Stopping at once
 * would be wrong too: a deploy whose log reader quit must still finish and release its locks.
 */
export function quietOnClosedPipes(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', () => {
      closed[name] = true;
    });
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
