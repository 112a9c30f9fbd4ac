/**
 * Incidents open, grow and close themselves from what the backend hears: a service going down opens one (or finds
 * the open one), alerts and actions on the same service × environment land on its timeline, and the service being
 * healthy again resolves it. A person acknowledges ("I'm on it"), writes the post-mortem and keeps up to three
 * action items. Every change is stored at once, so an incident outlives the process that opened it.
 */
import { randomUUID } from 'node:crypto';
import { type IncidentsList } from '../../shared/api/incidents';
import { type Alert, type ServiceHealth } from '../../shared/model/health';
import { type ActionItem, type Incident, type IncidentSummary } from '../../shared/model/incidents';
import { type JournalAction } from '../../shared/model/journal';
import { CockpitError } from '../../shared/rpc';
import { type Capabilities } from '../features/types';
import { type Journal } from '../journal/types';
import { log } from '../log';
import { draftPostmortem, exportPostmortem } from './postmortem';
import { figuresOf, statsOf } from './figures';
import { type IncidentStore, type StoredIncident } from './store';
import {
  WORKSPACE_CHANGE_KIND,
  actionEvent,
  addEvent,
  alertEvent,
  deployChangeEvent,
  event,
  isIncidentAction,
  workspaceChangeEvent,
} from './timeline';

const HOUR_MS = 3_600_000;
/** How far back the first failing sample is looked for. */
const LOOKBACK_MS = 6 * HOUR_MS;
export const MAX_ACTION_ITEMS = 3;

export type ChangeReason = 'opened' | 'joined' | 'updated' | 'acknowledged' | 'resolved' | 'postmortem';

export interface IncidentServiceDeps {
  store: IncidentStore;
  journal: Pick<Journal, 'begin' | 'list'>;
  capabilities: Pick<Capabilities, 'firstFailure' | 'practice' | 'deployMarkers'>;
  now: () => Date;
  changed: (id: string, reason: ChangeReason) => void;
}

export interface ActionItemInput {
  id?: string;
  text: string;
  owner?: string | null;
  due?: string | null;
  done: boolean;
}

export type IncidentService = ReturnType<typeof createIncidentService>;

export function createIncidentService(deps: IncidentServiceDeps) {
  const { store } = deps;
  const iso = () => deps.now().toISOString();
  /** The last status seen per pair in this process: a repeated "down" is not news, a "down" after "degraded" is. */
  const lastStatus = new Map<string, ServiceHealth['status']>();

  function present(incident: StoredIncident): Incident {
    return {
      ...incident,
      figures: figuresOf(incident),
      postmortem: {
        markdown: incident.postmortem.saved ?? draftPostmortem(incident, deps.now()),
        editedAt: incident.postmortem.editedAt,
        editedBy: incident.postmortem.editedBy,
      },
    };
  }

  function summary(incident: StoredIncident): IncidentSummary {
    const { id, service, environment, status, title, cause, drillId, startedAt, openedAt, acknowledgedAt } = incident;
    return {
      id,
      service,
      environment,
      status,
      title,
      cause,
      drillId,
      startedAt,
      openedAt,
      acknowledgedAt,
      resolvedAt: incident.resolvedAt,
      figures: figuresOf(incident),
    };
  }

  function update(incident: StoredIncident, reason: ChangeReason): StoredIncident {
    store.save(incident);
    deps.changed(incident.id, reason);
    return incident;
  }

  function found(id: string): StoredIncident {
    const incident = store.get(id);
    if (!incident) {
      throw new CockpitError(
        'NOT_FOUND',
        `No incident "${id}" in this journal. Run \`cockpit incidents\` (or open the Incidents screen) to see their ids.`,
      );
    }
    return incident;
  }

  /** Deploys and workspace changes in the hour before the incident opened. */
  function changesBefore(service: string, environment: string, openedAt: number) {
    const since = new Date(openedAt - HOUR_MS);
    const deploys = safely(() => deps.capabilities.deployMarkers({ service, environment, since }), []).filter(
      (m) => Date.parse(m.at) <= openedAt,
    );
    const reloads = safely(() => deps.journal.list({ kind: WORKSPACE_CHANGE_KIND, limit: 50 }).actions, []).filter(
      (a) =>
        a.status === 'succeeded' && Date.parse(a.startedAt) >= since.getTime() && Date.parse(a.startedAt) <= openedAt,
    );
    return [...deploys.map(deployChangeEvent), ...reloads.map(workspaceChangeEvent)];
  }

  function open(health: ServiceHealth): void {
    const now = deps.now();
    const openedAt = now.toISOString();
    const { service, environment } = health;
    const first = safely(
      () =>
        deps.capabilities.firstFailure({ service, environment, from: now.getTime() - LOOKBACK_MS, to: now.getTime() }),
      null,
    );
    const startedMs = Math.min(first ?? health.since ?? now.getTime(), now.getTime());
    const startedAt = new Date(startedMs).toISOString();
    const drillId = safely(() => deps.capabilities.practice(service, environment)?.drillId ?? null, null);
    let timeline = [
      event(startedAt, 'failing', 'First failing sample', health.reason),
      event(openedAt, 'down', `${service} went down in ${environment}`, health.reason),
    ];
    if (drillId) {
      timeline = addEvent(
        timeline,
        event(openedAt, 'note', 'Practice: caused by a rollback drill', null, { kind: 'drill', id: drillId }),
      );
    }
    for (const change of changesBefore(service, environment, now.getTime())) timeline = addEvent(timeline, change);
    const incident: StoredIncident = {
      id: `inc-${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`,
      service,
      environment,
      status: 'open',
      title: `${service} down in ${environment}`,
      cause: health.reason,
      drillId,
      startedAt,
      openedAt,
      alertedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      timeline,
      postmortem: { saved: null, editedAt: null, editedBy: null },
      actionItems: [],
    };
    if (store.insert(incident)) deps.changed(incident.id, 'opened');
    else {
      // Another process opened it a moment ago: this one joins it.
      const existing = store.openFor(service, environment);
      if (existing) deps.changed(existing.id, 'joined');
    }
  }

  /** A service × environment's status changed (health.status). */
  function onStatus(health: ServiceHealth): void {
    const pair = `${health.service}@${health.environment}`;
    const before = lastStatus.get(pair);
    lastStatus.set(pair, health.status);
    const current = store.openFor(health.service, health.environment);
    if (health.status === 'down') {
      if (!current) open(health);
      else if (before !== undefined && before !== 'down') {
        current.timeline = addEvent(
          current.timeline,
          event(iso(), 'down', `${health.service} is down again in ${health.environment}`, health.reason),
        );
        update(current, 'joined');
      }
      return;
    }
    if (!current) return;
    if (health.status === 'up' && health.flapping) {
      // Up for a moment between failures is not recovered: it closes once the status holds still.
      if (before !== 'up') {
        current.timeline = addEvent(
          current.timeline,
          event(iso(), 'note', 'Flapping: up for a moment, not yet stable', health.reason),
        );
        update(current, 'updated');
      }
      return;
    }
    if (health.status === 'up') {
      const at = iso();
      current.status = 'resolved';
      current.resolvedAt = at;
      current.timeline = addEvent(
        current.timeline,
        event(at, 'recovered', `${health.service} is healthy again`, health.reason),
      );
      update(current, 'resolved');
    } else if (health.status === 'degraded' && before !== 'degraded') {
      current.timeline = addEvent(current.timeline, event(iso(), 'note', 'Degraded, not yet healthy', health.reason));
      update(current, 'updated');
    }
  }

  /** An alert was decided (health.alert): the first "down" or "degraded" one while open is the time of alert. */
  function onAlert(alert: Alert): void {
    if (alert.kind !== 'down' && alert.kind !== 'degraded') return;
    const current = store.openFor(alert.service, alert.environment);
    if (!current) return;
    current.timeline = addEvent(current.timeline, alertEvent(alert));
    current.alertedAt ??= new Date(alert.at).toISOString();
    update(current, 'updated');
  }

  /** A journal action started or ended (journal.action). */
  function onAction(action: JournalAction): void {
    if (action.kind === WORKSPACE_CHANGE_KIND && action.status === 'succeeded') {
      for (const current of store.openAll()) {
        current.timeline = addEvent(current.timeline, workspaceChangeEvent(action));
        update(current, 'updated');
      }
      return;
    }
    if (!isIncidentAction(action) || !action.target) return;
    const at = action.target.lastIndexOf('@');
    if (at <= 0) return;
    const current = store.openFor(action.target.slice(0, at), action.target.slice(at + 1));
    if (!current) return;
    current.timeline = addEvent(current.timeline, actionEvent(action));
    update(current, 'updated');
  }

  function acknowledge(id: string, actor: string): Incident {
    const incident = found(id);
    if (incident.acknowledgedAt) return present(incident);
    if (incident.status === 'resolved') {
      throw new CockpitError(
        'CONFLICT',
        `${incident.title} was already resolved at ${incident.resolvedAt ?? '?'}: there is nothing to acknowledge.`,
      );
    }
    const at = iso();
    incident.acknowledgedAt = at;
    incident.acknowledgedBy = actor;
    incident.timeline = addEvent(incident.timeline, event(at, 'acknowledged', `Acknowledged by ${actor}: "I'm on it"`));
    deps.journal
      .begin({
        kind: 'incident.acknowledge',
        title: `Acknowledge: ${incident.title}`,
        target: `${incident.service}@${incident.environment}`,
        actor,
        data: { incidentId: incident.id },
      })
      .succeed(`${actor} is on it`);
    return present(update(incident, 'acknowledged'));
  }

  function savePostmortem(
    id: string,
    input: { markdown?: string; actionItems?: ActionItemInput[] },
    actor: string,
  ): Incident {
    const incident = found(id);
    if (input.actionItems && input.actionItems.length > MAX_ACTION_ITEMS) {
      throw new CockpitError(
        'BAD_REQUEST',
        `Keep it to ${MAX_ACTION_ITEMS} action items, the ones that matter: ${input.actionItems.length} were given.`,
      );
    }
    if (input.markdown !== undefined) {
      // An emptied text brings the draft back.
      incident.postmortem.saved = input.markdown.trim() === '' ? null : input.markdown;
    }
    if (input.actionItems) {
      const known = new Set(incident.actionItems.map((i) => i.id));
      incident.actionItems = input.actionItems.map((item): ActionItem => ({
        id: item.id && known.has(item.id) ? item.id : `ai-${randomUUID().slice(0, 8)}`,
        text: item.text.trim(),
        owner: item.owner?.trim() || null,
        due: item.due ?? null,
        done: item.done,
      }));
    }
    incident.postmortem.editedAt = iso();
    incident.postmortem.editedBy = actor;
    return present(update(incident, 'postmortem'));
  }

  function list(limit: number): IncidentsList {
    const now = deps.now();
    const window = store.openedSince(new Date(now.getTime() - 90 * 24 * HOUR_MS).toISOString());
    const real = window.filter((i) => i.drillId === null);
    const practice = window.filter((i) => i.drillId !== null);
    return {
      incidents: store.list(limit).map(summary),
      stats: { last30: statsOf(real, 30, now), last90: statsOf(real, 90, now) },
      practiceStats: { last30: statsOf(practice, 30, now), last90: statsOf(practice, 90, now) },
      openActionItems: store
        .withOpenItems()
        .flatMap((i) =>
          i.actionItems.filter((a) => !a.done).map((a) => ({ ...a, incidentId: i.id, incidentTitle: i.title })),
        ),
    };
  }

  return {
    onStatus,
    onAlert,
    onAction,
    acknowledge,
    savePostmortem,
    list,
    get: (id: string) => present(found(id)),
    postmortem: (id: string) => exportPostmortem(found(id), deps.now()),
    openIncident: (service: string, environment: string) => store.openFor(service, environment)?.id ?? null,
  };
}

/** A capability or journal read that fails must not stop an incident from opening. */
function safely<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    log.warn('[incidents] evidence could not be read:', error instanceof Error ? error.message : error);
    return fallback;
  }
}
