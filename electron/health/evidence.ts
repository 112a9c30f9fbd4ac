/**
 * The health history asked one question before a release is marked bad by hand: did this service's checks start
 * failing after the release went live, or were they failing already? Read from the stored status changes.
 */
import { type HealthEvidence } from '../features/types';
import { type HealthStore } from './store';

const LOOK_BACK_MS = 30 * 86_400_000;

/** Keys of the checks of `service` in `environment` ("checkout/http@production"). */
function checkKeys(store: HealthStore, service: string, environment: string): string[] {
  const keys = store.db.prepare('SELECT key FROM health_checks').pluck().all() as string[];
  return keys.filter((k) => k.startsWith(`${service}/`) && k.endsWith(`@${environment}`));
}

export function healthEvidence(
  store: HealthStore,
  request: { service: string; environment: string; since: Date },
  now: Date,
): HealthEvidence {
  const since = request.since.getTime();
  const keys = checkKeys(store, request.service, request.environment);
  if (keys.length === 0) {
    return {
      kind: 'unknown',
      failingSince: null,
      detail: `no health history for ${request.service} in ${request.environment}`,
    };
  }
  const name = (key: string) => key.slice(request.service.length + 1, key.lastIndexOf('@'));
  let first: { at: number; what: string } | null = null;
  const already: string[] = [];
  for (const key of keys) {
    const before = store.transitions(key, since - LOOK_BACK_MS, since).at(-1);
    if (before?.to === 'down') {
      already.push(`${name(key)}: ${before.reason}`);
      continue;
    }
    const down = store.transitions(key, since, now.getTime() + 1).find((t) => t.to === 'down');
    if (down && (!first || down.at < first.at)) first = { at: down.at, what: `${name(key)}: ${down.reason}` };
  }
  if (first) return { kind: 'failing-after', failingSince: new Date(first.at).toISOString(), detail: first.what };
  if (already.length > 0) return { kind: 'failing-before', failingSince: null, detail: already.join('; ') };
  return {
    kind: 'no-failure',
    failingSince: null,
    detail: `${keys.length} check${keys.length === 1 ? '' : 's'} watched`,
  };
}
