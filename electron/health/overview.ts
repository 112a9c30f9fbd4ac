/**
 * The Overview's answer in one value: every service × environment with its reason in words, what is broken
 * first, and the verdict line the on-call founder reads before anything else — "All services up", or
 * "checkout is down in production" with "503 from /health/ready for 3 min · last deploy 12 min ago: 8b71ff7 by
 * ana" under it. Pure: statuses, checks and deploy history come in, words come out. The app, serve mode and
 * `cockpit status` all print exactly this.
 */
import {
  type CheckView,
  type HealthOverview,
  type HealthPlanProblem,
  type HealthStatus,
  type HealthVerdict,
  type ServiceHealth,
  type ServiceRow,
  statusSeverityOrder,
  worstStatus,
} from '../../shared/model/health';
import { failingChecks } from './status';
import { humanDuration, plural } from './words';

export interface OverviewInput {
  at: number;
  services: ServiceHealth[];
  checksOf(service: string, environment: string): CheckView[];
  /** "last deploy 12 min ago: 8b71ff7 by ana", or null. */
  lastDeploy(service: string, environment: string): string | null;
  watching: boolean;
  problems: HealthPlanProblem[];
}

export function serviceRow(service: ServiceHealth, checks: CheckView[], lastDeploy: string | null): ServiceRow {
  const known = checks.filter((c) => c.status !== 'unknown');
  const worst = failingChecks(known)[0];
  return {
    ...service,
    // An instance's headline names its host ("ready on web-2: …"); its bare reason would not say which host.
    cause: worst
      ? ((worst.host ? worst.headline : null) ?? worst.reason ?? worst.headline ?? `${worst.subject} ${worst.status}`)
      : null,
    lastDeploy,
    known: known.length,
    passing: known.filter((c) => c.status === 'up').length,
  };
}

export function buildOverview(input: OverviewInput): HealthOverview {
  const rows = input.services
    .map((s, index) => ({
      index,
      row: serviceRow(s, input.checksOf(s.service, s.environment), input.lastDeploy(s.service, s.environment)),
    }))
    // Broken first (down, then degraded), then the workspace's own order.
    .sort((a, b) => statusSeverityOrder[b.row.status] - statusSeverityOrder[a.row.status] || a.index - b.index)
    .map(({ row }) => row);
  const counts = { up: 0, degraded: 0, down: 0, unknown: 0 };
  for (const row of rows) counts[row.status]++;
  return {
    at: input.at,
    worst: worstStatus(rows.map((r) => r.status)),
    verdict: verdict(rows, input),
    services: rows,
    counts,
    watching: input.watching,
    problems: input.problems,
  };
}

/** "for 3 min" from when the status began; nothing under a second. */
function lasting(row: ServiceRow, at: number): string {
  if (row.since === null || at - row.since < 1_000) return '';
  return ` for ${humanDuration(at - row.since)}`;
}

function failureVerdict(rows: ServiceRow[], status: 'down' | 'degraded', at: number): HealthVerdict {
  const [first, ...others] = rows as [ServiceRow, ...ServiceRow[]];
  const more =
    others.length === 0
      ? ''
      : `, and ${plural(others.length, 'more service')} ${others.length === 1 ? 'is' : 'are'} ${status}`;
  const what = first.cause ?? first.reason;
  const detail = [`${what}${lasting(first, at)}`, first.lastDeploy].filter(Boolean).join(' · ');
  return {
    status,
    title: `${first.service} is ${status} in ${first.environment}${more}`,
    detail,
    service: first.service,
    environment: first.environment,
  };
}

export function verdict(rows: ServiceRow[], input: Pick<OverviewInput, 'at' | 'watching' | 'problems'>): HealthVerdict {
  const none = { service: null, environment: null };
  if (rows.length === 0) {
    const problem = input.problems[0]?.message;
    return {
      status: 'unknown',
      title: problem ? 'No check could be planned' : 'No health checks declared',
      detail: problem ?? 'Add a health: list under a service in cockpit.yaml to watch it.',
      ...none,
    };
  }
  const by = (status: HealthStatus) => rows.filter((r) => r.status === status);
  const down = by('down');
  if (down.length > 0) return failureVerdict(down, 'down', input.at);
  const degraded = by('degraded');
  if (degraded.length > 0) return failureVerdict(degraded, 'degraded', input.at);
  const unknown = by('unknown');
  const checks = rows.reduce((n, r) => n + r.known, 0);
  if (unknown.length === rows.length) {
    return {
      status: 'unknown',
      title: 'Not checked yet',
      detail: input.watching
        ? 'The first checks run within a few seconds.'
        : 'Nothing is watched here; run the checks to see.',
      ...none,
    };
  }
  const flapping = rows.filter((r) => r.flapping).length;
  const notes = [
    `${plural(checks, 'check')} passing`,
    unknown.length > 0 ? `${plural(unknown.length, 'service')} not checked yet` : '',
    flapping > 0 ? `${plural(flapping, 'service')} flapping` : '',
  ].filter(Boolean);
  return {
    status: unknown.length > 0 ? 'unknown' : 'up',
    title: unknown.length > 0 ? 'All checked services up' : 'All services up',
    detail: notes.join(' · '),
    ...none,
  };
}
