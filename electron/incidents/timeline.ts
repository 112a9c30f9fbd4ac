/**
 * How an incident's timeline fills itself: each piece of evidence (a failing sample, the alert, a deploy in the
 * hour before, an action taken through the cockpit) becomes one event in words, kept in time order.
 */
import { type Alert } from '../../shared/model/health';
import { type IncidentEvent } from '../../shared/model/incidents';
import { type JournalAction } from '../../shared/model/journal';
import { type DeployMarker } from '../../shared/model/markers';

/** Adds an event where its time puts it (events of the same moment keep the order they arrived in). */
export function addEvent(timeline: IncidentEvent[], event: IncidentEvent): IncidentEvent[] {
  const next = [...timeline, event];
  return next
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

export function event(
  at: string,
  kind: IncidentEvent['kind'],
  title: string,
  detail: string | null = null,
  ref: IncidentEvent['ref'] = null,
): IncidentEvent {
  return { at, kind, title, detail, ref };
}

/** "recorded, not sent (practice)" when a drill kept it quiet: the figure counts when it was decided. */
export function alertEvent(alert: Alert): IncidentEvent {
  const delivery = alert.practice
    ? alert.practice.delivered
      ? 'sent (practice)'
      : 'recorded, not sent (practice)'
    : 'sent';
  const held = alert.delayed ? ', held by quiet hours until now' : '';
  return event(
    new Date(alert.at).toISOString(),
    'alert',
    `Alert ${delivery}: ${alert.title}`,
    `${alert.reason}${held}`,
    { kind: 'alert', id: alert.id },
  );
}

/**
 * Journal kinds that are things a person did through the cockpit to a service × environment: deploys, rollbacks,
 * restores, runbooks, drills, the demo's break and fix. Alerts and incident bookkeeping are not actions.
 */
const ACTION_KINDS = [
  'deploy.',
  'rollback.',
  'drill.',
  'drills.',
  'backups.drill',
  'backups.restore',
  'runbook',
  'demo.',
];

export function isIncidentAction(action: JournalAction): boolean {
  return ACTION_KINDS.some((prefix) => action.kind.startsWith(prefix));
}

const endWords: Record<JournalAction['status'], string> = {
  running: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted',
};

/** One event when the action starts, one when it ends. */
export function actionEvent(action: JournalAction): IncidentEvent {
  const by = action.actor ? ` (${action.actor})` : '';
  if (action.status === 'running') {
    return event(action.startedAt, 'action', `Started: ${action.title}${by}`, null, { kind: 'action', id: action.id });
  }
  return event(
    action.endedAt ?? action.startedAt,
    'action',
    `${action.title} ${endWords[action.status]}`,
    action.summary,
    { kind: 'action', id: action.id },
  );
}

/** A deploy or rollback in the hour before the incident. */
export function deployChangeEvent(marker: DeployMarker): IncidentEvent {
  const what = marker.kind === 'rollback' ? 'Rollback' : 'Deploy';
  const by = marker.actor ? ` by ${marker.actor}` : '';
  const practice = marker.practice ? ' (practice, by a rollback drill)' : '';
  return event(marker.at, 'change', `${what} of ${marker.release}${by}${practice}`, `result: ${marker.result}`);
}

/** The workspace file changed (reloaded from disk): thresholds, hosts or checks may differ from before. */
export function workspaceChangeEvent(action: JournalAction): IncidentEvent {
  return event(
    action.startedAt,
    'change',
    'The workspace file changed',
    action.summary ? `${action.target ?? 'cockpit.yaml'}: ${action.summary}` : action.target,
    { kind: 'action', id: action.id },
  );
}

export const WORKSPACE_CHANGE_KIND = 'workspace.reload';
