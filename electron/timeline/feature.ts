/**
 * The one timeline: `timeline.list` asks every source the features pushed into `context.contributions.timeline`
 * for the range, merges their answers (merge.ts) and names the workspace's services and environments for the
 * filters. Created after every other feature, so every source is there; it reads them per call, so a source
 * added later still counts.
 */
import { type ParsedTimelineQuery, type Timeline } from '../../shared/model/timeline';
import { type Feature, type FeatureContext } from '../features/types';
import { mergeTimeline } from './merge';
import { parseRange } from './range';

export type TimelineMethodName = 'timeline.list';
export type TimelineFeature = Feature<TimelineMethodName> & {
  /** The same answer as `timeline.list`, for the CLI and other callers inside the backend. */
  list(query: ParsedTimelineQuery): Promise<Timeline>;
};

export function createTimelineFeature(context: FeatureContext): TimelineFeature {
  async function list(query: ParsedTimelineQuery): Promise<Timeline> {
    const { from, to } = parseRange(query, context.now());
    const { entries, truncated } = await mergeTimeline(
      context.contributions.timeline,
      {
        from,
        to,
        ...(query.service !== undefined ? { service: query.service } : {}),
        ...(query.environment !== undefined ? { environment: query.environment } : {}),
      },
      { service: query.service, environment: query.environment, kinds: query.kinds },
      query.limit,
    );
    const workspace = context.workspace.current().workspace;
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      entries,
      truncated,
      services: workspace ? Object.keys(workspace.services) : [],
      environments: workspace ? Object.keys(workspace.environments) : [],
    };
  }

  return {
    handlers: { 'timeline.list': list },
    list,
    close: () => undefined,
  };
}
