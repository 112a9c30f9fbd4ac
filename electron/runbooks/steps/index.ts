/** The registry of step kinds: one executor per kind. */
import { type Step } from '../types';
import { confirmStep } from './confirm';
import { type StepExecutor } from './context';
import { healthGateStep } from './health-gate';
import { runStep } from './run';
import { taskStep } from './task';
import { uploadStep } from './upload';

type Executors = { [K in Step['kind']]: StepExecutor<Extract<Step, { kind: K }>> };

export const stepExecutors: Executors = {
  run: runStep,
  upload: uploadStep,
  'health-gate': healthGateStep,
  confirm: confirmStep,
  task: taskStep,
};

export function executorFor<S extends Step>(step: S): StepExecutor<S> {
  return stepExecutors[step.kind] as unknown as StepExecutor<S>;
}
