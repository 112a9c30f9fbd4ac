/**
 * The runbooks feature (placeholder until built): the contract's handlers over the runbook engine.
 */
import { CockpitError } from '../../shared/rpc';
import { type Feature, type FeatureContext } from '../features/types';
import { type ConfirmAsk } from './types';

export type RunbooksMethodName =
  'runbooks.list' | 'runbooks.get' | 'runbooks.start' | 'runbooks.cancel' | 'runbooks.runLog';
export type RunbooksFeature = Feature<RunbooksMethodName>;

const notYet = async (): Promise<never> => {
  throw new CockpitError('UNAVAILABLE', 'runbooks are not available yet');
};

export function createRunbooksFeature(_context: FeatureContext, _options: { confirm?: ConfirmAsk }): RunbooksFeature {
  return {
    handlers: {
      'runbooks.list': notYet,
      'runbooks.get': notYet,
      'runbooks.start': notYet,
      'runbooks.cancel': notYet,
      'runbooks.runLog': notYet,
    },
    close: () => undefined,
  };
}
