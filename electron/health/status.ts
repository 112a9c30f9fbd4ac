/**
 * A service's status in one environment, from its checks: a critical check down makes it down; any other check
 * down, or any check degraded, makes it degraded; nothing confirmed yet is unknown. The reason names the worst
 * check in one line — "checkout: /health/ready 503 for 3 min" — because that line is what the Overview, the
 * tray, Slack and `cockpit status` all show.
 */
import { type CheckView, type HealthStatus, type ServiceHealth } from '../../shared/model/health';
import { groupKey } from './keys';
import { humanDuration, plural } from './words';

/** What a check contributes to its service: a non-critical check down only degrades the service. */
export function contribution(check: Pick<CheckView, 'status' | 'critical'>): HealthStatus {
  if (check.status === 'down' && !check.critical) return 'degraded';
  return check.status;
}

const rank: Record<HealthStatus, number> = { down: 3, degraded: 2, up: 1, unknown: 0 };

/** The service's status (without `since`, which only a tracker that saw the change can know). */
export function serviceStatus(
  service: string,
  environment: string,
  checks: CheckView[],
  now: number,
): Omit<ServiceHealth, 'since'> {
  const base = { service, environment, checks: checks.map((c) => c.key), flapping: checks.some((c) => c.flapping) };
  const known = checks.filter((c) => c.status !== 'unknown');
  if (known.length === 0) {
    const reason = checks.length === 0 ? 'no checks' : 'not checked yet';
    return { ...base, status: 'unknown', reason };
  }
  const failing = failingChecks(known);
  const worst = failing[0];
  if (!worst) {
    // A per-host check's instances are one check to the reader ("all 2 checks passing", not one per host).
    const distinct = (list: CheckView[]) => new Set(list.map((c) => groupKey(c.key))).size;
    const pending = distinct(checks) - distinct(known);
    const passing = distinct(known) === 1 ? 'its check passing' : `all ${distinct(known)} checks passing`;
    return { ...base, status: 'up', reason: pending > 0 ? `${passing}, ${pending} not checked yet` : passing };
  }
  // Other hosts of the same per-host check are hosts, not more checks ("and 1 more host, 1 more check failing").
  const rest = failing.slice(1);
  const sameCheck = rest.filter((c) => groupKey(c.key) === groupKey(worst.key)).length;
  const otherChecks = new Set(rest.map((c) => groupKey(c.key)).filter((k) => k !== groupKey(worst.key))).size;
  return { ...base, status: contribution(worst), reason: failureLine(service, worst, otherChecks, now, sameCheck) };
}

/** Checks that make their service less than up: worst first; among equals a critical one, then the longest-failing. */
export function failingChecks(checks: CheckView[]): CheckView[] {
  return checks
    .filter((c) => c.status !== 'unknown' && contribution(c) !== 'up')
    .sort(
      (a, b) =>
        rank[contribution(b)] - rank[contribution(a)] ||
        Number(b.critical) - Number(a.critical) ||
        (a.since ?? 0) - (b.since ?? 0),
    );
}

/** "checkout: /health/ready 503 for 3 min (and 1 more check failing)"; `otherHosts`: of the same per-host check. */
export function failureLine(service: string, check: CheckView, others: number, now: number, otherHosts = 0): string {
  const what = check.headline ?? check.reason ?? `${check.subject} ${check.status}`;
  const lasted = check.since === null ? 0 : now - check.since;
  const since = lasted >= 1000 ? ` for ${humanDuration(lasted)}` : '';
  const parts = [
    ...(otherHosts > 0 ? [plural(otherHosts, 'more host')] : []),
    ...(others > 0 ? [plural(others, 'more check')] : []),
  ];
  const more = parts.length > 0 ? ` (and ${parts.join(', ')} failing)` : '';
  return `${service}: ${what}${since}${more}`;
}

/** A failure dates from the first failed run of the checks causing it, so retries count toward "down for". */
function sinceOf(status: HealthStatus, checks: CheckView[], at: number): number | null {
  if (status === 'unknown') return null;
  if (status === 'up') return at;
  const causes = checks.filter((c) => contribution(c) === status && c.since !== null).map((c) => c.since as number);
  return causes.length > 0 ? Math.min(at, ...causes) : at;
}

/**
 * Keeps each service × environment's status and since-when across updates, and says when it changed. The
 * alert rules listen to exactly these changes.
 */
export class ServiceBoard {
  #current = new Map<string, ServiceHealth>();

  /** Recomputes one service × environment; returns the previous and new value when status or flapping changed. */
  update(
    service: string,
    environment: string,
    checks: CheckView[],
    at: number,
  ): { previous: ServiceHealth | undefined; next: ServiceHealth } | undefined {
    const id = `${service}@${environment}`;
    const previous = this.#current.get(id);
    const computed = serviceStatus(service, environment, checks, at);
    const changed = !previous || previous.status !== computed.status;
    const since = changed ? sinceOf(computed.status, checks, at) : (previous?.since ?? null);
    const next: ServiceHealth = { ...computed, since };
    this.#current.set(id, next);
    if (changed || previous?.flapping !== next.flapping) return { previous, next };
    return undefined;
  }

  /** Every service × environment, with reasons worded for `now` ("for 3 min" keeps counting). */
  list(checksOf: (service: string, environment: string) => CheckView[], now: number): ServiceHealth[] {
    return [...this.#current.values()].map((s) => ({
      ...serviceStatus(s.service, s.environment, checksOf(s.service, s.environment), now),
      since: s.since,
    }));
  }

  /** Drops every service × environment ("service@environment") not in `keep`: the workspace no longer has it. */
  retain(keep: Set<string>): void {
    for (const id of this.#current.keys()) if (!keep.has(id)) this.#current.delete(id);
  }
}
