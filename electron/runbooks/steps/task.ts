/** `task`: a strategy's own step, given the engine's exec/log/signal. */
import { type TaskStep } from '../types';
import { type StepExecutor } from './context';

export const taskStep: StepExecutor<TaskStep> = async (step, ctx) => {
  const detail = await step.run(ctx);
  return { exitCode: null, stdout: '', detail: detail ?? null };
};
