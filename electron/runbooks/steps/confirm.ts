/** `confirm`: a person says yes or no; no (or nobody to ask) stops the run as declined. */
import { type ConfirmStep } from '../types';
import { type StepExecutor } from './context';

export const confirmStep: StepExecutor<ConfirmStep> = async (step, ctx) => {
  const ask = ctx.deps.confirm;
  if (!ask) return ctx.fail('declined', `${step.title}: nobody to confirm "${step.prompt}"`);
  const yes = await ask(step.prompt, { runId: ctx.deps.runId, signal: ctx.signal });
  if (!yes) ctx.fail('declined', `${step.title}: declined ("${step.prompt}")`);
  ctx.log('confirmed\n');
  return { exitCode: null, stdout: '', detail: 'confirmed' };
};
