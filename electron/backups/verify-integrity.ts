/**
 * The workspace's integrity command on the newest copy, where the copies live (the source's host), with `{file}`,
 * `{copy}` and `{time}` filled in quoted by the engine and the kind's environment (restic's repository and
 * password) passed as variables, never on the command line. Judged by its exit code; the output's tail is kept,
 * redacted, as evidence.
 */
import { type BackupCopy, type VerificationCheck } from '../../shared/model/backups';
import { type BackupSourceConfig } from '../../shared/workspace/backups';
import { redactText } from '../journal/redact';
import { fillPlaceholders } from '../remote/quote';
import { type SourceContext, type SourceKind } from './sources/types';
import { integrityLabel } from './proves';
import { humanAge, lastLine, outputTail } from './words';

/** An integrity command reads the whole copy: a big dump on a slow disk takes minutes. */
export const INTEGRITY_TIMEOUT_MS = 30 * 60_000;

export function integrityCommand(template: string, copy: BackupCopy): string {
  return fillPlaceholders(template, { file: copy.location, copy: copy.id, time: copy.time }, { form: 'brace' });
}

export async function integrityCheck(
  template: string,
  copy: BackupCopy,
  kind: SourceKind,
  source: BackupSourceConfig,
  ctx: SourceContext,
  timeoutMs = INTEGRITY_TIMEOUT_MS,
): Promise<Omit<VerificationCheck, 'durationMs'>> {
  const label = integrityLabel(template);
  const command = integrityCommand(template, copy);
  const host = kind.hostOf(source);
  const where = host ? `on ${host}` : 'on this machine';
  const base = { kind: 'integrity' as const, command, ...label };
  let env: Record<string, string> = {};
  try {
    env = (await kind.commandEnv?.(source, ctx)) ?? {};
  } catch (error) {
    return { ...base, status: 'error', summary: `could not prepare the integrity command: ${messageOf(error)}` };
  }
  let result;
  try {
    result = await ctx.exec(host, command, { timeoutMs, env, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } catch (error) {
    return { ...base, status: 'error', summary: `could not run the integrity command ${where}: ${messageOf(error)}` };
  }
  const output = redactText(outputTail(`${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`));
  const evidence = { exitCode: result.exitCode, output };
  if (result.cancelled)
    return { ...base, ...evidence, status: 'error', summary: 'the integrity command was cancelled' };
  if (result.timedOut) {
    return {
      ...base,
      ...evidence,
      status: 'error',
      summary: `the integrity command ran past ${humanAge(timeoutMs)} ${where} and was stopped`,
    };
  }
  if (result.exitCode === 0) {
    return { ...base, ...evidence, status: 'ok', summary: `passed on ${copy.id}` };
  }
  const why = lastLine(redactText(result.stderr)) || lastLine(output);
  return {
    ...base,
    ...evidence,
    status: 'failed',
    summary: `failed on ${copy.id} (exit ${result.exitCode ?? result.signal ?? 'unknown'})${why ? `: ${why}` : ''}`,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
