/**
 * The readiness scorecard (placeholder until built): merges what every feature contributed.
 */
import { CockpitError } from '../../shared/rpc';
import { type Feature, type FeatureContext } from '../features/types';

export type ReadinessMethodName = 'readiness.scorecard';
export type ReadinessFeature = Feature<ReadinessMethodName>;

export function createReadinessFeature(_context: FeatureContext): ReadinessFeature {
  return {
    handlers: {
      'readiness.scorecard': async () => {
        throw new CockpitError('UNAVAILABLE', 'the readiness scorecard is not available yet');
      },
    },
    close: () => undefined,
  };
}
