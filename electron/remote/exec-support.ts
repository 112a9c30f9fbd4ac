/**
 * Pieces both transports share, so `local` and `ssh` behave the same: how a command line is wrapped with its
 * working directory and environment, how output is kept (the tail, bounded), and how signals are named.
 */
import { StringDecoder } from 'node:string_decoder';
import { type ExecOptions } from './types';
import { isEnvName, quote, quotePath } from './quote';

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** After asking a command to stop (TERM), how long it gets before it is killed outright (KILL). */
export const KILL_GRACE_MS = 2000;

/**
 * The script a transport runs: `cd` into the working directory (failing loudly if it is missing), exported
 * variables with quoted values, then the command itself, untouched.
 */
export function wrapCommand(command: string, options: Pick<ExecOptions, 'cwd' | 'env'> = {}): string {
  const lines: string[] = [];
  if (options.cwd) lines.push(`cd ${quotePath(options.cwd)} || exit 1`);
  const env = Object.entries(options.env ?? {});
  for (const [name] of env) {
    if (!isEnvName(name)) throw new Error(`"${name}" is not a valid environment variable name`);
  }
  if (env.length > 0) lines.push(`export ${env.map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`);
  lines.push(command);
  return guardAgainstOrphaning(lines.join('\n'));
}

/**
 * Runs `script` so that it ends when the cockpit that started it dies. The transports start the shell as the
 * leader of its own process group (sshd makes it a session leader; locally it is spawned detached) with stdin a
 * pipe the cockpit holds open and never writes to. The script runs in a background subshell of that group (its
 * stdin /dev/null, as before); a watcher waits for EOF on the pipe — which comes only when the cockpit process or
 * its SSH connection is gone — and then ends the whole group, so an orphaned step never goes on to switch a host
 * unseen. When the script ends first, the watcher is stopped and the script's exit status is passed on exactly.
 * stdout and stderr stay the script's own; the watcher writes nothing.
 */
export function guardAgainstOrphaning(script: string): string {
  return [
    'exec 3<&0',
    '(',
    'exec 3<&-',
    script,
    ') </dev/null &',
    'cockpit_step=$!',
    "( while read -r cockpit_line <&3; do :; done; trap '' TERM; kill -TERM -- -$$; sleep 2; kill -KILL -- -$$ ) >/dev/null 2>&1 &",
    'cockpit_watch=$!',
    'exec 3<&-',
    'wait "$cockpit_step"',
    'cockpit_status=$?',
    'kill "$cockpit_watch" 2>/dev/null',
    'exit "$cockpit_status"',
  ].join('\n');
}

/** Keeps the last `max` bytes of a stream of text; decoding is done by the caller. */
export class OutputTail {
  private chunks: string[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly max: number = DEFAULT_MAX_OUTPUT_BYTES) {}

  push(text: string): void {
    if (!text) return;
    this.chunks.push(text);
    this.bytes += Buffer.byteLength(text);
    while (this.bytes > this.max && this.chunks.length > 0) {
      const first = this.chunks[0] as string;
      const firstBytes = Buffer.byteLength(first);
      const excess = this.bytes - this.max;
      if (firstBytes <= excess) {
        this.chunks.shift();
        this.bytes -= firstBytes;
        this.dropped += firstBytes;
      } else {
        // Cut inside the chunk; slicing the buffer may split a character, so re-decode what is left.
        const kept = Buffer.from(first)
          .subarray(excess)
          .toString('utf8')
          .replace(/^\uFFFD+/, '');
        const keptBytes = Buffer.byteLength(kept);
        this.dropped += firstBytes - keptBytes;
        this.bytes -= firstBytes - keptBytes;
        this.chunks[0] = kept;
      }
    }
  }

  /** Bytes thrown away from the front. */
  get droppedBytes(): number {
    return this.dropped;
  }

  text(): string {
    return this.chunks.join('');
  }
}

/** Decodes a byte stream as UTF-8 without breaking characters split across chunks. */
export function decoder(): (chunk: Buffer | string) => string {
  const d = new StringDecoder('utf8');
  return (chunk) => (typeof chunk === 'string' ? chunk : d.write(chunk));
}

/** Signal names look the same from both transports: `SIGTERM`, never `TERM`. */
export function signalName(signal: string | null | undefined): string | null {
  if (!signal) return null;
  return signal.startsWith('SIG') ? signal : `SIG${signal}`;
}

/** The last `lines` lines of a text, for error messages and journal records. */
export function lastLines(text: string, lines = 20): string {
  const all = text.replace(/\s+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}
