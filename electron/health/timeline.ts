/**
 * Health's part of the one timeline: when a service went down, degraded or recovered in an environment — the
 * service's status changes, not every sample. The stored per-check transitions are replayed per service ×
 * environment from where each check stood when the range began, with the rule the Overview uses (a critical check
 * down makes the service down, any other failure degrades it), so a second check failing while the service is
 * already down adds nothing. The first status after a start (unknown → up) is learning, not news, and is left out.
 */
import { type Alert, type HealthStatus } from '../../shared/model/health';
import { type TimelineEntry } from '../../shared/model/timeline';
import { type TimelineRange, type TimelineSource } from '../features/types';
import { journalActionsInRange, splitTarget } from '../journal/actions-in-range';
import { ALERT_KIND } from '../alerts/journal';
import { type Database } from '../journal/sqlite';
import { groupKey } from './keys';
import { type ScheduledCheck } from './plan';
import { contribution } from './status';

interface TransitionRow {
  key: string;
  at: number;
  to_status: HealthStatus;
  reason: string;
}

interface StartRow {
  key: string;
  status: HealthStatus | null;
}

const rank: Record<HealthStatus, number> = { down: 3, degraded: 2, up: 1, unknown: 0 };

/** `checkout/ready@production#web-1` → its service, environment, check and host. */
export function parseCheckKey(
  key: string,
): { service: string; environment: string; check: string; host: string | null } | null {
  const hash = key.indexOf('#');
  const group = groupKey(key);
  const slash = group.indexOf('/');
  const at = group.lastIndexOf('@');
  if (slash <= 0 || at <= slash) return null;
  return {
    service: group.slice(0, slash),
    check: group.slice(slash + 1, at),
    environment: group.slice(at + 1),
    host: hash < 0 ? null : key.slice(hash + 1),
  };
}

/** The worst of what the checks contribute; unknown when none is known. */
function serviceStatusOf(checks: Map<string, HealthStatus>, critical: (key: string) => boolean): HealthStatus {
  let worst: HealthStatus = 'unknown';
  for (const [key, status] of checks) {
    const c = contribution({ status, critical: critical(key) });
    if (rank[c] > rank[worst]) worst = c;
  }
  return worst;
}

const titles: Record<Exclude<HealthStatus, 'unknown'>, (s: string, e: string) => string> = {
  down: (s, e) => `${s} down in ${e}`,
  degraded: (s, e) => `${s} degraded in ${e}`,
  up: (s, e) => `${s} recovered in ${e}`,
};
const tones = { down: 'bad', degraded: 'warn', up: 'ok' } as const;

export interface HealthTimelineOptions {
  db: Database;
  planned: () => ReadonlyArray<Pick<ScheduledCheck, 'key' | 'critical'>>;
}

/** Health's source: status changes and the alerts raised about them. */
export function healthTimeline(options: HealthTimelineOptions): TimelineSource {
  const transitions = statusChanges(options);
  return function health(range) {
    return [...transitions(range), ...alertEntries(options.db, range)];
  };
}

function statusChanges(options: HealthTimelineOptions): (range: TimelineRange) => TimelineEntry[] {
  const { db } = options;
  return (range) => {
    const like = range.service === undefined ? '%' : `${range.service}/%`;
    const rows = db
      .prepare<TransitionRow>(
        `SELECT c.key, t.at, t.to_status, t.reason
         FROM health_checks AS c CROSS JOIN health_transitions AS t ON t.check_id = c.id
         WHERE c.key LIKE ? AND t.at >= ? AND t.at < ?
         ORDER BY t.at, t.id`,
      )
      .all(like, range.from, range.to);
    if (rows.length === 0) return [];
    const starts = db
      .prepare<StartRow>(
        `SELECT c.key, (SELECT to_status FROM health_transitions
                        WHERE check_id = c.id AND at < ? ORDER BY at DESC LIMIT 1) AS status
         FROM health_checks AS c WHERE c.key LIKE ?`,
      )
      .all(range.from, like);
    const criticalKeys = new Set(
      options
        .planned()
        .filter((c) => c.critical)
        .map((c) => groupKey(c.key)),
    );
    const knownKeys = new Set(options.planned().map((c) => groupKey(c.key)));
    // A check no longer in the workspace counts as it was shown then at worst: its failure is the service's.
    const critical = (key: string) => criticalKeys.has(groupKey(key)) || !knownKeys.has(groupKey(key));

    const pairs = new Map<string, Map<string, HealthStatus>>();
    const pairOf = (key: string): Map<string, HealthStatus> | null => {
      const parsed = parseCheckKey(key);
      if (!parsed) return null;
      const id = `${parsed.service}@${parsed.environment}`;
      let checks = pairs.get(id);
      if (!checks) pairs.set(id, (checks = new Map()));
      return checks;
    };
    for (const start of starts) if (start.status) pairOf(start.key)?.set(start.key, start.status);

    const entries: TimelineEntry[] = [];
    for (const row of rows) {
      const parsed = parseCheckKey(row.key);
      const checks = pairOf(row.key);
      if (!parsed || !checks) continue;
      const before = serviceStatusOf(checks, critical);
      checks.set(row.key, row.to_status);
      const after = serviceStatusOf(checks, critical);
      if (after === before || after === 'unknown' || (before === 'unknown' && after === 'up')) continue;
      if (range.environment !== undefined && parsed.environment !== range.environment) continue;
      const check = parsed.host ? `${parsed.check} on ${parsed.host}` : parsed.check;
      entries.push({
        id: `health:${row.key}:${row.at}`,
        kind: 'health',
        at: new Date(row.at).toISOString(),
        endAt: null,
        service: parsed.service,
        environment: parsed.environment,
        title: titles[after](parsed.service, parsed.environment),
        detail: row.to_status === 'up' ? `${check} passing again` : `${check}: ${row.reason}`,
        tone: tones[after],
        practice: false,
        link: { route: 'health', id: groupKey(row.key) },
      });
    }
    return entries;
  };
}

type AlertFields = Pick<Alert, 'at' | 'service' | 'environment' | 'kind'> & { practice: boolean };

/**
 * The few fields of a journaled alert the timeline shows, read by hand: a month of alerts is read at each look, and
 * the whole schema's parse is most of the cost. Anything unexpected reads as no alert (the action's own fields stand).
 */
function alertFields(value: unknown): AlertFields | null {
  if (typeof value !== 'object' || value === null) return null;
  const a = value as Record<string, unknown>;
  const kind = a.kind;
  if (
    typeof a.at !== 'number' ||
    typeof a.service !== 'string' ||
    typeof a.environment !== 'string' ||
    (kind !== 'down' && kind !== 'degraded' && kind !== 'recovered' && kind !== 'flapping')
  ) {
    return null;
  }
  return { at: a.at, service: a.service, environment: a.environment, kind, practice: a.practice !== undefined };
}

const alertTones = { down: 'bad', degraded: 'warn', flapping: 'warn', recovered: 'ok' } as const;

/** Alerts as the journal recorded them: sent (and to whom), not sent, or recorded only during a drill's practice. */
export function alertEntries(db: Database, range: TimelineRange): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const action of journalActionsInRange(db, { kinds: [ALERT_KIND], from: range.from, to: range.to })) {
    const alert = alertFields(action.intent.alert);
    const target = splitTarget(action.target);
    const failed = action.status === 'failed';
    entries.push({
      id: `alert:${action.id}`,
      kind: 'alert',
      at: alert ? new Date(alert.at).toISOString() : action.startedAt,
      endAt: null,
      service: alert?.service ?? target.service,
      environment: alert?.environment ?? target.environment,
      title: `Alert: ${action.title}${failed ? ' (not sent to everyone)' : ''}`,
      detail: action.summary,
      tone: failed ? 'bad' : alert ? alertTones[alert.kind] : 'info',
      practice: alert?.practice ?? false,
      link: { route: 'activity', id: action.id },
    });
  }
  return entries;
}
