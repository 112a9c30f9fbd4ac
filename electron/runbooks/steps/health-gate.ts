/**
 * `health-gate`: asks the health checks until they pass or the step's timeout ends (the gate timeout). Each
 * new answer is logged once, so a long wait reads as a few lines, not hundreds.
 */
import { type HealthGateStep } from '../types';
import { type StepExecutor, sleep } from './context';

export const healthGateStep: StepExecutor<HealthGateStep> = async (step, ctx) => {
  const check = ctx.deps.checkHealth;
  if (!check) return ctx.fail('error', `${step.title}: no health checker is available`);
  let last = '';
  for (let attempt = 1; ; attempt++) {
    let answer: { ok: boolean; detail: string };
    try {
      answer = await check(step.target, step.checks, ctx.signal);
    } catch (error) {
      answer = { ok: false, detail: `the check itself failed: ${(error as Error).message}` };
    }
    if (answer.detail !== last) ctx.log(`${answer.ok ? 'healthy' : 'not healthy yet'}: ${answer.detail}\n`);
    last = answer.detail;
    if (answer.ok) return { exitCode: null, stdout: '', detail: answer.detail };
    await sleep(step.intervalMs ?? 2000, ctx.signal);
    if (ctx.signal.aborted) {
      if (ctx.timedOut()) {
        ctx.fail(
          'gate',
          `${step.title}: ${step.checks.join(', ')} did not pass in time (${attempt} tries); last answer: ${last}`,
          {
            outputTail: last,
          },
        );
      }
      ctx.fail('cancelled', `${step.title}: cancelled while waiting for ${step.checks.join(', ')}`);
    }
  }
};
