/** `run`: a command on the step's host; success is an exit code in `okExitCodes` (default 0). */
import { type RunStep } from '../types';
import { type StepExecutor } from './context';

export const runStep: StepExecutor<RunStep> = async (step, ctx) => {
  const result = await ctx.exec(step.command, { cwd: step.cwd, env: step.env, okExitCodes: step.okExitCodes });
  return { exitCode: result.exitCode, stdout: result.stdout, detail: null };
};
