/**
 * The one timeline (placeholder until built): merges what every feature contributed.
 */
import { CockpitError } from '../../shared/rpc';
import { type Feature, type FeatureContext } from '../features/types';

export type TimelineMethodName = 'timeline.list';
export type TimelineFeature = Feature<TimelineMethodName>;

export function createTimelineFeature(_context: FeatureContext): TimelineFeature {
  return {
    handlers: {
      'timeline.list': async () => {
        throw new CockpitError('UNAVAILABLE', 'the timeline is not available yet');
      },
    },
    close: () => undefined,
  };
}
