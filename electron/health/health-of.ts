/**
 * A service × environment's status now and the timing of each of its checks, for a rollback drill: how often a
 * check runs, how many retries confirm a failure and how long each may take decide how fast a failure can show.
 */
import { type CheckView, type HealthStatus, type ServiceHealth } from '../../shared/model/health';
import { type HealthOfService } from '../features/types';
import { type ScheduledCheck } from './plan';

const rank: Record<HealthStatus, number> = { up: 0, unknown: 1, degraded: 2, down: 3 };

export function healthOf(
  input: { services: readonly ServiceHealth[]; planned: readonly ScheduledCheck[]; views: readonly CheckView[] },
  service: string,
  environment: string,
): HealthOfService {
  const status = input.services.find((s) => s.service === service && s.environment === environment) ?? null;
  const byCheck = new Map<string, ScheduledCheck[]>();
  for (const check of input.planned) {
    if (check.service !== service || check.environment !== environment) continue;
    byCheck.set(check.checkId, [...(byCheck.get(check.checkId) ?? []), check]);
  }
  const checks = [...byCheck.entries()].map(([checkId, instances]) => {
    const first = instances[0] as ScheduledCheck;
    // A check is as bad as its worst host's instance, and says that instance's reason.
    const views = instances.flatMap((i) => input.views.find((v) => v.key === i.key) ?? []);
    const worst = views.reduce<CheckView | null>(
      (acc, v) => (acc === null || rank[v.status] > rank[acc.status] ? v : acc),
      null,
    );
    return {
      checkId,
      critical: first.critical,
      everyMs: first.everyMs,
      everyFailingMs: first.everyFailingMs,
      retries: first.retries,
      timeoutMs: first.timeoutMs,
      status: worst?.status ?? 'unknown',
      reason: worst?.reason ?? null,
    };
  });
  return { status, checks };
}
