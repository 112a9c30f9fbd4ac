/**
 * A drill's own `break:` or `heal:` command on every host of the environment, at once: its output goes to the
 * drill's live log as it comes (redacted like a run's), each host's exit code to the log and the journal. A host
 * that cannot be reached, or a non-zero exit, fails that host; the others still run.
 */
import { performance } from 'node:perf_hooks';
import { type RunEvent } from '../../shared/model/deploys';
import { createStreamRedactor, redactText } from '../journal/redact';
import { type Transport } from '../remote/types';

export interface HostCommandResult {
  ok: boolean;
  /** Hosts where it ran and exited 0. */
  okOn: string[];
  /** "demo-stg: exit 1 (no such unit)" for every host where it did not. */
  problems: string[];
  durationMs: number;
}

export interface HostCommandInput {
  runId: string;
  step: 'break' | 'heal';
  title: string;
  command: string;
  hosts: string[];
  transports(host: string): Transport;
  emit(event: RunEvent): void;
  timeoutMs?: number;
  now(): Date;
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 300 ? `…${trimmed.slice(-300)}` : trimmed;
}

export async function runOnHosts(input: HostCommandInput): Promise<HostCommandResult> {
  const t0 = performance.now();
  const results = await Promise.all(
    input.hosts.map(async (host) => {
      const started = performance.now();
      input.emit({
        type: 'step.started',
        runId: input.runId,
        host,
        step: input.step,
        title: input.title,
        command: redactText(input.command),
        at: input.now().toISOString(),
      });
      const redactors = { stdout: createStreamRedactor(), stderr: createStreamRedactor() };
      let error: string | null = null;
      let exitCode: number | null = null;
      try {
        const result = await input.transports(host).exec(input.command, {
          timeoutMs: input.timeoutMs ?? 10 * 60_000,
          onOutput: (chunk, stream) =>
            input.emit({
              type: 'output',
              runId: input.runId,
              host,
              step: input.step,
              stream,
              text: redactors[stream](chunk),
            }),
        });
        exitCode = result.exitCode;
        if (result.timedOut) error = `timed out after ${Math.round(result.durationMs / 1000)} s`;
        else if (result.exitCode !== 0) {
          const said = tail(redactText(result.stderr || result.stdout));
          error = `exit ${result.exitCode ?? result.signal ?? '?'}${said ? ` (${said})` : ''}`;
        }
      } catch (failure) {
        error = `could not run it: ${failure instanceof Error ? failure.message : String(failure)}`;
      }
      input.emit({
        type: 'step.ended',
        runId: input.runId,
        host,
        step: input.step,
        title: input.title,
        command: redactText(input.command),
        ok: error === null,
        exitCode,
        durationMs: Math.round(performance.now() - started),
        error,
      });
      return { host, error };
    }),
  );
  const problems = results.flatMap((r) => (r.error === null ? [] : [`${r.host}: ${r.error}`]));
  return {
    ok: problems.length === 0,
    okOn: results.filter((r) => r.error === null).map((r) => r.host),
    problems,
    durationMs: Math.round(performance.now() - t0),
  };
}
