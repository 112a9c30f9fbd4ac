/**
 * `health-gate`: asks the health checks until they pass or the step's timeout ends (the gate timeout). The first
 * question goes out at once (right after the switch and restart), then again after 100 ms, backing off to the
 * step's interval: a service that is up within a second is not made to wait for a fixed 2 s poll. Each new answer
 * is logged once, so a long wait reads as a few lines, not hundreds.
 *
 * Messages do not start with the step's title: the engine, the live log and the CLI put "Health gate: …" in
 * front of them already, and saying it twice reads as "Health gate: api: Health gate: api: …".
 */
import { type HealthGateStep } from '../types';
import { type StepExecutor, sleep } from './context';

/** The longest pause between two questions unless the step says otherwise. */
export const DEFAULT_GATE_INTERVAL_MS = 2000;
/** The pause after the first unhealthy answer; each following pause is half as long again, up to the interval. */
export const FIRST_GATE_PAUSE_MS = 100;

/** The pause after the `attempt`-th unhealthy answer (1-based). */
export function gatePause(attempt: number, intervalMs = DEFAULT_GATE_INTERVAL_MS): number {
  const first = Math.min(FIRST_GATE_PAUSE_MS, intervalMs);
  return Math.min(intervalMs, Math.round(first * 1.5 ** (attempt - 1)));
}

/**
 * "the gate names ready, but no check ready for checkout in staging: fix deploy.gate in cockpit.yaml, or add the
 * check under health:". The checker's detail says what is missing; this says where to fix it.
 */
function misconfiguredMessage(step: HealthGateStep, detail: string): string {
  return `the gate names ${step.checks.join(', ')}, but ${detail}: fix deploy.gate of ${step.target.service} in cockpit.yaml, or add the check under health:`;
}

export const healthGateStep: StepExecutor<HealthGateStep> = async (step, ctx) => {
  const checks = step.checks.join(', ');
  const where = step.target.host ? ` on ${step.target.host}` : '';
  const check = ctx.deps.checkHealth;
  if (!check) return ctx.fail('error', `no health checker is available to judge ${checks}${where}`);
  let last = '';
  // Whether the last answer came from the checker failing rather than from the checks: not the release's doing.
  let checkerFailed = false;
  for (let attempt = 1; ; attempt++) {
    let answer: { ok: boolean; detail: string; misconfigured?: boolean };
    // Each question gets its own signal, dropped when it is answered: a checker that listens on the signal it is
    // given and never lets go (one listener per question) cannot pile listeners on the step's signal.
    const question = new AbortController();
    const stop = () => question.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      answer = await check(step.target, step.checks, question.signal);
      checkerFailed = false;
    } catch (error) {
      answer = { ok: false, detail: `the check itself failed: ${(error as Error).message}` };
      checkerFailed = true;
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
    if (answer.misconfigured && !answer.ok) {
      ctx.fail('error', misconfiguredMessage(step, answer.detail), { outputTail: answer.detail });
    }
    if (answer.detail !== last) ctx.log(`${answer.ok ? 'healthy' : 'not healthy yet'}: ${answer.detail}\n`);
    last = answer.detail;
    if (answer.ok) return { exitCode: null, stdout: '', detail: answer.detail };
    if (!ctx.signal.aborted) await sleep(gatePause(attempt, step.intervalMs), ctx.signal);
    if (ctx.signal.aborted) {
      if (ctx.timedOut()) {
        // The checker kept failing (not the checks): the gate could not judge the release, so it is not a gate failure.
        ctx.fail(
          checkerFailed ? 'error' : 'gate',
          `${checks} did not pass in time${where} (${attempt} tries); last answer: ${last}`,
          {
            outputTail: last,
          },
        );
      }
      ctx.fail('cancelled', `cancelled while waiting for ${checks}${where}`);
    }
  }
};
