/**
 * A failure never looks like a zero: before a view says "nothing spent" or "$0.00", it asks whether the figures
 * could be read at all. Figures are unavailable when AWS answered with a problem and nothing was cached to show
 * instead; cached figures behind a failed refresh stay shown, marked stale. Pure and unit-tested.
 */
import { type CostOverview, type CostProblem } from '../../../shared/model/cost';

/** What went wrong, in a few words (the problem panel's title; its message and hint say the rest). */
export const problemTitles: Record<CostProblem['kind'], string> = {
  credentials: 'AWS credentials needed',
  'access-denied': 'No permission to read Cost Explorer',
  'not-enabled': 'Cost Explorer has no data yet',
  throttled: 'AWS is throttling Cost Explorer',
  'bill-expired': 'Period no longer available',
  'page-token': 'The answer changed while it was read',
  'invalid-request': 'Cost Explorer refused the request',
  network: 'No network',
  unknown: 'Cost Explorer failed',
};

/**
 * Why the figures could not be read, in a few words for each card ("Not available — no permission to read Cost
 * Explorer"; the problem panel above says the rest); null when they were read.
 */
export function unavailableReason(
  overview: Pick<CostOverview, 'problems' | 'freshness' | 'monthToDate'>,
): string | null {
  const [problem] = overview.problems;
  if (!problem) return null;
  const nothingCached = overview.freshness.fetchedAt === null || overview.monthToDate === null;
  return nothingCached ? problemText(problem) : null;
}

export function problemText(problem: CostProblem): string {
  const title = problemTitles[problem.kind];
  return `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** "Not available — no permission to read Cost Explorer" */
export function notAvailable(reason: string): string {
  return `Not available — ${reason}`;
}
