/**
 * The health history asked one question before a release is marked bad by hand: did this service's checks start
 * failing after the release went live, or were they failing already? Read from the stored status changes, leaving
 * out the spans in which another release was live (a later deploy that failed its gate and was rolled back).
 */
import { type HealthEvidence, type HealthEvidenceRequest } from '../features/types';
import { type HealthStore } from './store';

const LOOK_BACK_MS = 30 * 86_400_000;

/** Keys of the checks of `service` in `environment` ("checkout/http@production"). */
function checkKeys(store: HealthStore, service: string, environment: string): string[] {
  const keys = store.db.prepare('SELECT key FROM health_checks').pluck().all() as string[];
  return keys.filter((k) => k.startsWith(`${service}/`) && k.endsWith(`@${environment}`));
}

/** How far back the samples before a down transition are read to find when the failure was first seen. */
const SEEN_LOOK_BACK_MS = 3_600_000;

/**
 * Around a down transition at `down`: the last sample that was up before it and the first failing one after that
 * (the transition itself may come a few retries later). Without samples (older than their 48 h), both are `down`.
 */
function firstSeen(store: HealthStore, key: string, down: number): { lastUp: number; firstFailing: number } {
  const samples = store.samples(key, down - SEEN_LOOK_BACK_MS, down + 1);
  const upIndex = samples.findLastIndex((s) => s.status === 'up');
  const firstFailing = samples[upIndex + 1]?.at ?? down;
  return { lastUp: samples[upIndex]?.at ?? firstFailing, firstFailing };
}

export function healthEvidence(store: HealthStore, request: HealthEvidenceRequest, now: Date): HealthEvidence {
  const since = request.since.getTime();
  const keys = checkKeys(store, request.service, request.environment);
  if (keys.length === 0) {
    return {
      kind: 'unknown',
      failingSince: null,
      detail: `no health history for ${request.service} in ${request.environment}`,
    };
  }
  const excluded = (request.excluding ?? [])
    .map((span) => ({ from: span.from.getTime(), to: span.to.getTime() }))
    .filter((span) => span.to > span.from)
    .sort((a, b) => a.from - b.from);
  // A check sees a failure some time after it starts (its interval, its retries; an error-rate check reports the
  // errors "since the last scrape"): a failure first seen right after another release left may still be its doing.
  // So it counts as that release's when anything between the last "up" and the first failing sample overlaps its span.
  const spanOf = (key: string, down: number) => {
    const { lastUp, firstFailing } = firstSeen(store, key, down);
    return excluded.find((span) => span.from <= firstFailing && span.to > lastUp);
  };
  const name = (key: string) => key.slice(request.service.length + 1, key.lastIndexOf('@'));
  let first: { at: number; what: string } | null = null;
  const already: string[] = [];
  let carried: { what: string[]; span: { from: number; to: number } } | null = null;
  for (const key of keys) {
    const before = store.transitions(key, since - LOOK_BACK_MS, since).at(-1);
    if (before?.to === 'down') {
      already.push(`${name(key)}: ${before.reason}`);
      continue;
    }
    const changes = store.transitions(key, since, now.getTime() + 1);
    // Going down while another release was live is that release's doing, even if it lasted past its rollback.
    const down = changes.find((t) => t.to === 'down' && !spanOf(key, t.at));
    if (down && (!first || down.at < first.at)) first = { at: down.at, what: `${name(key)}: ${down.reason}` };
    if (down) continue;
    // Still down now, and it went down under another release: not this one's doing, but not over either.
    const last = changes.at(-1);
    const span = last?.to === 'down' ? spanOf(key, last.at) : undefined;
    if (!last || !span) continue;
    if (!carried || span.from < carried.span.from) carried = { what: [], span };
    if (carried.span === span) carried.what.push(`${name(key)}: ${last.reason}`);
  }
  if (first) return { kind: 'failing-after', failingSince: new Date(first.at).toISOString(), detail: first.what };
  if (already.length > 0) return { kind: 'failing-before', failingSince: null, detail: already.join('; ') };
  if (carried) {
    return {
      kind: 'failing-before',
      failingSince: null,
      detail: carried.what.join('; '),
      carriedOver: {
        from: new Date(carried.span.from).toISOString(),
        to: new Date(carried.span.to).toISOString(),
      },
    };
  }
  return {
    kind: 'no-failure',
    failingSince: null,
    detail: `${keys.length} check${keys.length === 1 ? '' : 's'} watched`,
  };
}
