/**
 * ssh: { command }: a command run on the host itself, for services that only listen on localhost. Exit 0 is up,
 * anything else is down; the output's last line says why, as a person would read it ("exit 7: curl: (7) Failed
 * to connect to localhost port 8080"). The command was already filled in by the plan (its `${vars}` quoted).
 */
import { type SshCommandConfig } from '../../../shared/workspace/health';
import { type ExecResult } from '../../remote/types';
import { humanDuration } from '../words';
import { type CheckContext, type CheckOutcome } from './types';

/** Longest reason taken from a command's output: enough for an error line, never a whole page. */
export const MAX_REASON_CHARS = 200;

/** The last non-empty line of the output, trimmed to MAX_REASON_CHARS (its end kept: that is where errors are). */
export function outputTail(text: string): string {
  const line =
    text
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? '';
  return line.length <= MAX_REASON_CHARS ? line : `…${line.slice(line.length - MAX_REASON_CHARS + 1)}`;
}

/** Judges one run of the command. Exported for unit tests with canned results. */
export function judgeCommand(result: ExecResult): CheckOutcome {
  if (result.timedOut) return { status: 'down', reason: `timed out after ${humanDuration(result.durationMs)}` };
  if (result.exitCode === 0) {
    const said = outputTail(result.stdout);
    return { status: 'up', reason: said || 'exit 0' };
  }
  // Errors usually go to stderr (curl -fsS, most tools); a script may print its complaint on stdout instead.
  const said = outputTail(result.stderr) || outputTail(result.stdout);
  const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit ${result.exitCode}`;
  return { status: 'down', reason: said ? `${how}: ${said}` : how };
}

/**
 * Runs `command` on `host` for a check: the result, or the outcome when there is none to judge (the host was not
 * reached, or the check's time ran out). Shared by the metric and command forms of the ssh kind.
 */
export async function execForCheck(
  command: string,
  host: string,
  context: CheckContext,
): Promise<{ result: ExecResult } | { outcome: CheckOutcome }> {
  const timedOut = {
    outcome: { status: 'down', reason: `timed out after ${humanDuration(context.timeoutMs)}` },
  } as const;
  try {
    const result = await context.transportFor(host).exec(command, {
      timeoutMs: context.timeoutMs,
      signal: context.signal,
      maxOutputBytes: 64 * 1024,
    });
    return result.cancelled && context.signal.aborted ? timedOut : { result };
  } catch (error) {
    if (context.signal.aborted) return timedOut;
    // Whatever the transport threw (a TransportError, or a library error it let through), the host was not reached.
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: { status: 'down', reason: `cannot reach ${host}: ${message}` } };
  }
}

export async function runCommandOn(ssh: SshCommandConfig, host: string, context: CheckContext): Promise<CheckOutcome> {
  const ran = await execForCheck(ssh.command, host, context);
  return 'outcome' in ran ? ran.outcome : judgeCommand(ran.result);
}

/** What the check looks at, short: the command, cut to a readable length. */
export function commandSubject(ssh: SshCommandConfig): string {
  const text = ssh.command.replace(/\s+/g, ' ').trim();
  const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return ssh.host ? `${ssh.host}: ${shown}` : shown;
}
