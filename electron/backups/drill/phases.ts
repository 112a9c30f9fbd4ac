/**
 * One restore drill once it holds its lock: preflight (the scratch target is free; the copy's checksum) →
 * restore → smoke checks (all of them, even after one fails) → teardown, which runs whenever a restore was
 * attempted, after success, failure and cancel alike, on a runner the cancel signal does not reach. Each phase
 * is timed; every command's exit code and output tail is kept for the evidence.
 */
import { performance } from 'node:perf_hooks';
import {
  type BackupCopy,
  type DrillCheckResult,
  type DrillPhase,
  type DrillPhaseName,
} from '../../../shared/model/backups';
import { type BackupConfig, type DrillConfig } from '../../../shared/workspace/backups';
import { redactText } from '../../journal/redact';
import { lastLines } from '../../remote/exec-support';
import { fillPlaceholders } from '../../remote/quote';
import { type StepRunner } from '../../runbooks/runner';
import { StepFailure, type StepResult } from '../../runbooks/types';
import { type SourceContext, type SourceKind } from '../sources/types';
import { describeExpect, judgeOutput } from './expect';

/** Every exit code: a check's own non-zero exit is evidence to keep, judged here rather than by the runner. */
const ANY_EXIT = Array.from({ length: 256 }, (_, i) => i);
const OUTPUT_LINES = 40;

export interface DrillCommand {
  phase: DrillPhaseName;
  command: string;
  exitCode: number | null;
  durationMs: number;
  output: string;
}

/** What the phases found, for the record the service builds. */
export interface PhaseOutcome {
  phases: DrillPhase[];
  checks: DrillCheckResult[];
  commands: DrillCommand[];
  checksum: string | null;
  /** Restore duration when it succeeded. */
  restoreMs: number | null;
  checksMs: number;
  restoreAttempted: boolean;
  teardownOk: boolean | null;
  /** The first thing that went wrong, in words; null when nothing did. */
  failure: string | null;
}

export interface PhaseInput {
  service: string;
  backup: BackupConfig;
  drill: DrillConfig;
  host: string;
  copy: BackupCopy;
  scratch: string;
  shortId: string;
  /** When the drill began: "newer than" and RPO achieved are measured from here. */
  startedAt: Date;
  kind: SourceKind;
  sourceContext: SourceContext;
  /** Tied to the cancel signal. */
  runner: StepRunner;
  /** Not tied to it: teardown must run after a cancel. */
  cleanup: StepRunner;
  signal: AbortSignal;
  now: () => Date;
  /** Redacted output a step printed (stdout and stderr as they came), from the live events. */
  outputOf: (step: string) => string;
  /** A line for the journal. */
  note: (message: string, data?: Record<string, unknown>) => void;
  /** Called after each phase, so the record on disk shows progress. */
  onPhase: (outcome: PhaseOutcome) => void;
}

function tail(text: string): string {
  return lastLines(redactText(text), OUTPUT_LINES);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkName(run: string, name: string | undefined, index: number): string {
  if (name) return name;
  const oneLine = run.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `check ${index + 1}: ${oneLine.slice(0, 57)}…` : oneLine;
}

export async function runPhases(input: PhaseInput): Promise<PhaseOutcome> {
  const { drill, host, copy, runner, cleanup, signal } = input;
  const out: PhaseOutcome = {
    phases: [],
    checks: [],
    commands: [],
    checksum: null,
    restoreMs: null,
    checksMs: 0,
    restoreAttempted: false,
    teardownOk: null,
    failure: null,
  };
  const values = {
    file: copy.location,
    copy: copy.id,
    time: copy.time,
    scratch: input.scratch,
    run: input.shortId,
  };
  const fill = (template: string) => fillPlaceholders(template, values, { form: 'brace' });

  async function phase(name: DrillPhaseName, body: () => Promise<string | null>): Promise<boolean> {
    const startedAt = input.now().toISOString();
    const t0 = performance.now();
    let ok = true;
    let detail: string | null;
    try {
      detail = await body();
    } catch (error) {
      ok = false;
      detail = message(error);
      out.failure ??= `${name}: ${detail}`;
    }
    out.phases.push({ name, startedAt, durationMs: Math.round(performance.now() - t0), ok, detail });
    input.onPhase(out);
    return ok;
  }

  /** Runs a step and records its command; a StepFailure is recorded too, then rethrown. */
  async function step(
    name: DrillPhaseName,
    id: string,
    command: string,
    run: () => Promise<StepResult>,
  ): Promise<StepResult> {
    const t0 = performance.now();
    try {
      const result = await run();
      out.commands.push({
        phase: name,
        command,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        output: tail(input.outputOf(id)),
      });
      return result;
    } catch (error) {
      out.commands.push({
        phase: name,
        command,
        exitCode: error instanceof StepFailure ? error.info.exitCode : null,
        durationMs: Math.round(performance.now() - t0),
        output: tail(input.outputOf(id)),
      });
      throw error;
    }
  }

  let env: Record<string, string> = {};
  const preflightOk = await phase('preflight', async () => {
    const done: string[] = [`${host} reachable and the drill lock taken`];
    const ctx: SourceContext = { ...input.sourceContext, signal };
    if (input.kind.commandEnv) {
      try {
        env = await input.kind.commandEnv(input.backup.source, ctx);
      } catch (error) {
        throw new Error(
          `could not prepare the commands' environment for the ${input.kind.kind} source: ${message(error)}`,
        );
      }
    }
    // The checksum reads the whole copy: it runs while the preflight command does, not after it.
    const summing = input.kind.checksum
      ? input.kind.checksum(input.backup.source, copy, ctx).then(
          (value) => ({ value, error: null }),
          (error: unknown) => ({ value: null, error }),
        )
      : null;
    if (drill.preflight) {
      const command = fill(drill.preflight);
      try {
        await step('preflight', 'preflight', command, () =>
          runner.run({ kind: 'run', id: 'preflight', title: 'Check the scratch target is free', command, env }, host),
        );
      } catch (error) {
        if (error instanceof StepFailure && error.reason === 'cancelled') throw new Error('cancelled');
        throw new Error(
          `the preflight check failed, so nothing was restored (and there is nothing to tear down): ${message(error)}. Free the scratch target ${input.scratch} on ${host}, or fix the preflight command.`,
        );
      }
      done.push(`scratch target ${input.scratch} is free`);
    }
    if (signal.aborted) throw new Error('cancelled');
    if (summing) {
      const summed = await summing;
      out.checksum = summed.value;
      if (summed.error !== null)
        input.note(`Could not compute the checksum of ${copy.id}: ${message(summed.error)}`, {
          step: 'checksum',
          ok: false,
        });
      if (out.checksum) input.note(`Checksum of ${copy.id}: ${out.checksum}`, { step: 'checksum' });
    }
    if (signal.aborted) throw new Error('cancelled');
    return done.join('; ');
  });

  if (preflightOk && !signal.aborted) {
    const command = fill(drill.restore);
    out.restoreAttempted = true;
    const t0 = performance.now();
    const restored = await phase('restore', async () => {
      await step('restore', 'restore', command, () =>
        runner.run(
          { kind: 'run', id: 'restore', title: `Restore ${copy.id} into ${input.scratch}`, command, env },
          host,
        ),
      );
      return `restored ${copy.id} into ${input.scratch}`;
    });
    if (restored) out.restoreMs = Math.round(performance.now() - t0);

    if (restored && !signal.aborted) {
      const c0 = performance.now();
      await phase('checks', async () => {
        for (const [index, check] of drill.checks.entries()) {
          if (signal.aborted) break;
          out.checks.push(await runCheck(index, check));
        }
        const failed = out.checks.filter((c) => !c.ok);
        if (failed.length > 0) {
          throw new Error(
            `${failed.length} of ${out.checks.length} checks failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
          );
        }
        if (signal.aborted) throw new Error('cancelled');
        return drill.checks.length === 0 ? 'no smoke checks declared' : `${out.checks.length} checks passed`;
      });
      out.checksMs = Math.round(performance.now() - c0);
    }
  }

  async function runCheck(index: number, check: DrillConfig['checks'][number]): Promise<DrillCheckResult> {
    const name = checkName(check.run, check.name, index);
    const id = `check-${index + 1}`;
    const command = fill(check.run);
    const t0 = performance.now();
    let exitCode: number | null = null;
    let verdict: { ok: boolean; expected: string | null; detail: string | null; dataTime: string | null } = {
      ok: false,
      expected: null,
      detail: null,
      dataTime: null,
    };
    try {
      await step('checks', id, command, () =>
        runner.run(
          {
            kind: 'task',
            id,
            title: `Check: ${name}`,
            command,
            run: async (ctx) => {
              const result = await ctx.exec(command, { env, okExitCodes: ANY_EXIT });
              exitCode = result.exitCode;
              if (result.exitCode !== 0) {
                verdict = { ok: false, expected: null, detail: `exited with ${result.exitCode}`, dataTime: null };
                throw new Error(verdict.detail ?? '');
              }
              verdict = judgeOutput(result.stdout, check, input.startedAt);
              if (!verdict.ok) throw new Error(verdict.detail ?? 'failed');
              return verdict.dataTime ? `data time ${verdict.dataTime}` : undefined;
            },
          },
          host,
        ),
      );
    } catch (error) {
      if (verdict.detail === null) verdict = { ...verdict, ok: false, detail: message(error) };
    }
    // A task step reports no exit code of its own: the evidence gets the command's.
    const recorded = out.commands[out.commands.length - 1];
    if (recorded) recorded.exitCode = exitCode;
    return {
      name,
      command,
      exitCode,
      output: tail(input.outputOf(id)),
      expected: describeExpect(check.expect, check.dataTime),
      ok: verdict.ok,
      detail: verdict.ok ? null : verdict.detail,
      durationMs: Math.round(performance.now() - t0),
      dataTime: verdict.dataTime,
    };
  }

  if (out.restoreAttempted) {
    if (drill.teardown) {
      const command = fill(drill.teardown);
      const ok = await phase('teardown', async () => {
        try {
          await step('teardown', 'teardown', command, () =>
            cleanup.run({ kind: 'run', id: 'teardown', title: `Tear down ${input.scratch}`, command, env }, host),
          );
        } catch (error) {
          throw new Error(
            `teardown failed: the scratch target ${input.scratch} may still exist on ${host}; remove it by hand (${message(error)})`,
          );
        }
        return `removed ${input.scratch}`;
      });
      out.teardownOk = ok;
    } else {
      input.note(`No teardown declared: ${input.scratch} is left on ${host} as the restore made it.`, {
        step: 'teardown',
      });
    }
  }
  return out;
}
