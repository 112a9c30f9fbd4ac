/**
 * One command on one SSH channel: streams stdout/stderr (holding back the pid marker the wrapper prints),
 * reports exit code or signal, and stops the command on timeout or cancel by killing its process group from a
 * second channel. A channel that closes without an exit status means the connection was lost mid-command.
 */
import { type ClientChannel } from 'ssh2';
import { OutputTail, decoder, signalName } from '../exec-support';
import { type ExecOptions, type ExecResult, TransportError } from '../types';
import { type SshConnection } from './connect';

// A record-separator byte starts the marker, so ordinary stderr output can never be mistaken for it.
const PID_MARKER = new RegExp(`${String.fromCharCode(0x1e)}cockpit-pid:(\\d+)\n`);
/** First line of every remote script: prints the pid of the shell, which sshd made a session leader. */
export const PID_PREFIX = `printf '\\036cockpit-pid:%s\\n' "$$" >&2`;

export interface ChannelExec {
  host: string;
  /** `user@host:port`, for messages. */
  endpoint: string;
  /** The pooled connection's state: whether it closed, and its last error. */
  entry: { closed: boolean; lastError?: Error };
  conn: SshConnection;
  command: string;
  /** The command wrapped with PID_PREFIX, cwd and env. */
  script: string;
  opts: ExecOptions;
  started: number;
  max: number;
  killGraceMs: number;
}

export function execOnChannel(input: ChannelExec): Promise<ExecResult> {
  const { host, endpoint, entry, conn, command, script, opts, started, max, killGraceMs } = input;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({
        host,
        command,
        exitCode: null,
        signal: null,
        stdout: '',
        stderr: '',
        durationMs: 0,
        timedOut: false,
        cancelled: true,
      });
      return;
    }
    conn.client.exec(script, (error, channel) => {
      if (error) {
        reject(
          new TransportError(
            entry.closed ? 'disconnected' : 'other',
            host,
            `${host} (${endpoint}): could not start the command: ${error.message}`,
          ),
        );
        return;
      }
      const stdout = new OutputTail(max);
      const stderr = new OutputTail(max);
      let exitCode: number | null = null;
      let exitSignal: string | null = null;
      let gotExit = false;
      let timedOut = false;
      let cancelled = false;
      let pid: number | null = null;
      let stderrHead = '';
      const timers: NodeJS.Timeout[] = [];

      const stop = () => {
        if (timers.length > 0) return; // already stopping
        killRemote(conn, channel, pid, 'TERM');
        timers.push(
          setTimeout(() => {
            killRemote(conn, channel, pid, 'KILL');
            timers.push(setTimeout(() => channel.close(), 1000));
          }, killGraceMs),
        );
      };
      const timeoutTimer =
        opts.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              stop();
            }, opts.timeoutMs)
          : undefined;
      const onAbort = () => {
        cancelled = true;
        stop();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      // Cancelled while the channel was opening: the listener above would never fire.
      if (opts.signal?.aborted) onAbort();

      const decodeOut = decoder();
      const decodeErr = decoder();
      channel.on('data', (chunk: Buffer) => {
        const text = decodeOut(chunk);
        stdout.push(text);
        if (text) opts.onOutput?.(text, 'stdout');
      });
      const emitErr = (text: string) => {
        stderr.push(text);
        if (text) opts.onOutput?.(text, 'stderr');
      };
      channel.stderr.on('data', (chunk: Buffer) => {
        const text = decodeErr(chunk);
        if (pid !== null) return emitErr(text);
        // Until the pid marker has been seen, hold stderr back so the marker never reaches the output.
        stderrHead += text;
        const match = PID_MARKER.exec(stderrHead);
        if (match) {
          pid = Number(match[1]);
          const rest = stderrHead.replace(PID_MARKER, '');
          stderrHead = '';
          emitErr(rest);
        } else if (stderrHead.length > 4096) {
          const rest = stderrHead;
          stderrHead = '';
          pid = -1;
          emitErr(rest);
        }
      });
      channel.on('exit', (code: number | null, signal?: string) => {
        gotExit = true;
        exitCode = typeof code === 'number' ? code : null;
        exitSignal = signalName(signal);
      });
      channel.on('close', () => {
        clearTimeout(timeoutTimer);
        timers.forEach(clearTimeout);
        opts.signal?.removeEventListener('abort', onAbort);
        if (stderrHead) emitErr(stderrHead.replace(PID_MARKER, ''));
        if (!gotExit && !timedOut && !cancelled) {
          const why = entry.lastError ? ` (${entry.lastError.message})` : '';
          reject(
            new TransportError(
              'disconnected',
              host,
              `${host} (${endpoint}): the connection was lost while running \`${command.slice(0, 200)}\`${why}. ` +
                'The command may still be running on the host, or may have finished: its outcome is unknown.',
              { command, outputTail: stdout.text().slice(-2000), stderrTail: stderr.text().slice(-2000) },
            ),
          );
          return;
        }
        resolve({
          host,
          command,
          exitCode,
          signal: exitSignal ?? (gotExit ? null : timedOut || cancelled ? 'SIGTERM' : null),
          stdout: stdout.text(),
          stderr: stderr.text(),
          durationMs: Date.now() - started,
          timedOut,
          cancelled,
        });
      });
    });
  });
}

/** Asks the remote shell's process group to stop, on a fresh channel (outside the concurrency limit). */
function killRemote(conn: SshConnection, channel: ClientChannel, pid: number | null, signal: 'TERM' | 'KILL') {
  try {
    channel.signal(signal);
  } catch {
    // A closed channel cannot be signalled; the kill below still runs.
  }
  if (pid === null || pid <= 0) {
    if (signal === 'KILL') channel.close();
    return;
  }
  conn.client.exec(
    `kill -${signal} -- -${pid} 2>/dev/null || kill -${signal} ${pid} 2>/dev/null; true`,
    (error, killer) => {
      if (error) {
        if (signal === 'KILL') channel.close();
        return;
      }
      killer.resume();
      killer.stderr.resume();
    },
  );
}
