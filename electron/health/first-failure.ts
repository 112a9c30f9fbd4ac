/**
 * When did the failure going on now begin? An incident's start and a drill's "detected after" both count from the
 * first failing sample, not from the moment retries confirmed it. Raw samples are the evidence (kept 48 h).
 */
import { type FirstFailureRequest } from '../features/types';
import { type ScheduledCheck } from './plan';
import { type HealthStore } from './store';

/**
 * The start of the failing streak still going on at `to`: among the chosen checks (named, else the service's
 * critical ones, else all; each per-host instance on its own), the earliest non-up sample after the last moment in
 * [from, to] when every one of them was up. null when nothing is failing at `to` or nothing was sampled.
 */
export function firstFailure(
  store: Pick<HealthStore, 'samples'>,
  planned: readonly ScheduledCheck[],
  request: FirstFailureRequest,
): number | null {
  const chosen = watchedChecks(planned, request.service, request.environment, request.checkIds);
  const samples = chosen
    .flatMap((check) => store.samples(check.key, request.from, request.to + 1))
    .sort((a, b) => a.at - b.at);
  const failing = new Set<string>();
  let start: number | null = null;
  for (const sample of samples) {
    if (sample.status === 'up') failing.delete(sample.key);
    else failing.add(sample.key);
    if (failing.size === 0) start = null;
    else start ??= sample.at;
  }
  return start;
}

/** The checks that speak for a service × environment: the named ones, else its critical ones, else all. */
export function watchedChecks(
  planned: readonly ScheduledCheck[],
  service: string,
  environment: string,
  checkIds?: readonly string[],
): ScheduledCheck[] {
  const ofPair = planned.filter((c) => c.service === service && c.environment === environment);
  if (checkIds && checkIds.length > 0) return ofPair.filter((c) => checkIds.includes(c.checkId));
  const critical = ofPair.filter((c) => c.critical);
  return critical.length > 0 ? critical : ofPair;
}
