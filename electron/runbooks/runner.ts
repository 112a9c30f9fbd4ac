/**
 * Runs one step on one host (or once, host null) with everything a step needs around it: the timeout, the
 * run's cancel signal, live events (started / output / ended), and journal entries before, during and after.
 * A failure comes back as a StepFailure carrying host, command, exit code and the output's tail.
 */
import { redactText } from '../journal/redact';
import { setLongTimeout } from '../timers/long-timeout';
import { lastLines } from '../remote/exec-support';
import { TransportError } from '../remote/types';
import { LiveOutput } from './live-output';
import { OutputJournal } from './output-journal';
import { type StepContext } from './steps/context';
import { executorFor } from './steps';
import { type RunnerDeps, type Step, StepFailure, type StepResult } from './types';

export const DEFAULT_STEP_TIMEOUT_MS = 600_000;
/** Output kept per command for failure records and results. */
const TAIL_BYTES = 256 * 1024;

export interface StepRunner {
  readonly deps: RunnerDeps;
  run(step: Step, host: string | null): Promise<StepResult>;
}

function commandOf(step: Step): string | null {
  if (step.kind === 'run') return step.command;
  if (step.kind === 'task') return step.command ?? null;
  return null;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function createStepRunner(deps: RunnerDeps): StepRunner {
  const now = deps.now ?? (() => new Date());

  async function run(step: Step, host: string | null): Promise<StepResult> {
    const started = Date.now();
    const where = host ? ` on ${host}` : '';
    const command = commandOf(step);
    deps.journal.step(`${step.title}${where}`, { host, step: step.id, command, phase: 'started' });
    deps.emit({
      type: 'step.started',
      runId: deps.runId,
      host,
      step: step.id,
      title: step.title,
      command,
      at: now().toISOString(),
    });

    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = step.timeoutMs ?? deps.defaultStepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    // Split past 2^31 - 1 ms: one timer would take a longer timeout as 1 ms and end the step at once.
    const timer = setLongTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    // Follows the run's cancel without a listener on the run's signal: steps of every host of a batch run at once,
    // and one listener each would pile up on that one signal.
    const signal = deps.signal ? AbortSignal.any([controller.signal, deps.signal]) : controller.signal;

    const journaled = new OutputJournal(deps.journal, { host, step: step.id });
    // Output leaves the engine only through here, redacted: live events (and so runLog and the CLI) and the journal
    // get the same text.
    const live = new LiveOutput((text, stream) => {
      deps.emit({ type: 'output', runId: deps.runId, host, step: step.id, stream, text });
      journaled.push(text, stream);
    }, deps.outputHoldMs);
    const onOutput = (text: string, stream: 'stdout' | 'stderr') => live.push(text, stream);
    const output = {
      flush() {
        live.end();
        journaled.flush();
      },
    };
    let lastCommand = command;

    const fail: StepContext['fail'] = (reason, message, extra = {}, transportKind = null, transportDetails = null) => {
      throw new StepFailure(
        { host, step: step.id, command: lastCommand, exitCode: null, reason, message, outputTail: '', ...extra },
        transportKind,
        transportDetails,
      );
    };

    const ctx: StepContext = {
      deps,
      stepId: step.id,
      host,
      get transport() {
        return host ? deps.transports(host) : null;
      },
      signal,
      timedOut: () => timedOut,
      fail,
      log: (text) => onOutput(text.endsWith('\n') ? text : `${text}\n`, 'stdout'),
      async exec(cmd, options = {}) {
        if (!host) return fail('error', `${step.title}: a command needs a host`);
        lastCommand = cmd;
        let result;
        try {
          result = await deps.transports(host).exec(cmd, {
            cwd: options.cwd,
            env: options.env,
            signal,
            onOutput,
            maxOutputBytes: TAIL_BYTES,
          });
        } catch (error) {
          if (error instanceof TransportError) {
            return fail('transport', error.message, { command: cmd }, error.kind, error.details ?? null);
          }
          throw error;
        }
        // Redacted whole before the cut, so a key whose BEGIN line falls outside the tail is still recognised.
        const tail = lastLines(redactText(`${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`), 30);
        if (result.cancelled || result.timedOut) {
          const why = timedOut ? 'timeout' : 'cancelled';
          fail(
            why,
            `${step.title}${where}: ${timedOut ? `timed out after ${formatMs(timeoutMs)}` : 'cancelled'} while running \`${cmd}\``,
            {
              command: cmd,
              exitCode: result.exitCode,
              outputTail: tail,
            },
          );
        }
        const ok = options.okExitCodes ?? [0];
        if (result.exitCode === null || !ok.includes(result.exitCode)) {
          const status =
            result.exitCode === null
              ? `was killed by ${result.signal ?? 'a signal'}`
              : `exited with ${result.exitCode}`;
          fail('exit', `${step.title}${where}: \`${cmd}\` ${status}${tail ? `:\n${tail}` : ''}`, {
            command: cmd,
            exitCode: result.exitCode,
            outputTail: tail,
          });
        }
        return result;
      },
    };

    let giveUp: (() => void) | undefined;
    try {
      if (signal.aborted) fail('cancelled', `${step.title}${where}: cancelled before it started`);
      const executor = executorFor(step);
      // A step that ignores its signal still ends the wait when the timeout or a cancel comes.
      const stopped = new Promise<never>((_, reject) => {
        giveUp = () =>
          setTimeout(
            () =>
              reject(
                new StepFailure({
                  host,
                  step: step.id,
                  command: lastCommand,
                  exitCode: null,
                  reason: timedOut ? 'timeout' : 'cancelled',
                  message: `${step.title}${where}: ${timedOut ? `timed out after ${formatMs(timeoutMs)}` : 'cancelled'}`,
                  outputTail: '',
                }),
              ),
            5000,
          );
        signal.addEventListener('abort', giveUp, { once: true });
      });
      stopped.catch(() => {});
      const out = await Promise.race([executor(step, ctx), stopped]);
      const durationMs = Date.now() - started;
      output.flush();
      deps.journal.step(`✓ ${step.title}${where} (${formatMs(durationMs)})`, {
        host,
        step: step.id,
        command: lastCommand,
        phase: 'ended',
        ok: true,
        exitCode: out.exitCode,
        durationMs,
        detail: out.detail,
      });
      deps.emit({
        type: 'step.ended',
        runId: deps.runId,
        host,
        step: step.id,
        title: step.title,
        command: lastCommand,
        ok: true,
        exitCode: out.exitCode,
        durationMs,
        error: null,
      });
      return { host, step: step.id, durationMs, exitCode: out.exitCode, stdout: out.stdout, detail: out.detail };
    } catch (error) {
      const failure =
        error instanceof StepFailure
          ? error
          : new StepFailure({
              host,
              step: step.id,
              command: lastCommand,
              exitCode: null,
              reason: 'error',
              message: `${step.title}${where}: ${(error as Error).message}`,
              outputTail: '',
            });
      const durationMs = Date.now() - started;
      output.flush();
      deps.journal.step(`✗ ${step.title}${where}: ${failure.info.reason} (${formatMs(durationMs)})`, {
        ...failure.info,
        phase: 'ended',
        ok: false,
        durationMs,
        transportKind: failure.transportKind,
      });
      deps.emit({
        type: 'step.ended',
        runId: deps.runId,
        host,
        step: step.id,
        title: step.title,
        command: failure.info.command,
        ok: false,
        exitCode: failure.info.exitCode,
        durationMs,
        error: failure.message,
      });
      throw failure;
    } finally {
      timer.clear();
      // The step's signal follows the run's: a cancel after the step ended must not wake this step's watchdog.
      if (giveUp) signal.removeEventListener('abort', giveUp);
    }
  }

  return { deps, run };
}
