/**
 * The incidents feature as the backend sees it: its own tables in the journal file, an incident service fed by the
 * backend's events (health statuses and alerts, journal actions), the contract's handlers and the
 * `openIncident` capability a rollback drill uses to link the practice incident it caused. Windows hear
 * `incidents.changed` after every change.
 */
import { type Payload } from '../../shared/api';
import { type Feature, type FeatureContext } from '../features/types';
import { log } from '../log';
import { type IncidentsMethodName, createIncidentsHandlers } from './handlers';
import { migrateIncidents } from './schema';
import { type IncidentService, createIncidentService } from './service';
import { IncidentStore } from './store';
import { incidentsTimeline } from './timeline-source';
import { incidentsReadiness } from './readiness';

export type { IncidentsMethodName };

export interface IncidentsFeature extends Feature<IncidentsMethodName> {
  readonly service: IncidentService;
  /** "I'm on it" from somewhere other than the app's window (the CLI passes `cli:<user>`). */
  acknowledge(id: string, actor: string): ReturnType<IncidentService['acknowledge']>;
}

export function createIncidentsFeature(context: FeatureContext): IncidentsFeature {
  migrateIncidents(context.db);
  let closed = false;
  const service = createIncidentService({
    store: new IncidentStore(context.db),
    journal: context.journal,
    // Late-bound: health, deploys and drills set their capabilities around this feature's creation.
    capabilities: {
      firstFailure: (request) => context.capabilities.firstFailure(request),
      practice: (s, e) => context.capabilities.practice(s, e),
      deployMarkers: (filter) => context.capabilities.deployMarkers(filter),
    },
    now: context.now,
    changed: (id, reason) => {
      if (!closed) context.events.emit('incidents.changed', { id, reason });
    },
  });
  context.capabilities.openIncident = (s, e) => service.openIncident(s, e);

  const unsubscribe = context.events.subscribe(({ event, payload }) => {
    if (closed) return;
    try {
      // Payloads were checked against their event's schema when emitted (EventBus.emit): not parsed a second time.
      if (event === 'health.status') {
        const { service: health } = payload as Payload<'health.status'>;
        if (health) service.onStatus(health);
      } else if (event === 'health.alert') {
        service.onAlert(payload as Payload<'health.alert'>);
      } else if (event === 'journal.action') {
        service.onAction(payload as Payload<'journal.action'>);
      }
    } catch (error) {
      log.error(`[incidents] following ${event} failed:`, error instanceof Error ? error.message : error);
    }
  });

  context.contributions.timeline.push(incidentsTimeline(context.db));
  context.contributions.readiness.push(incidentsReadiness(context, () => service.list(1).stats.last90));

  return {
    handlers: createIncidentsHandlers(service),
    service,
    acknowledge: (id, actor) => service.acknowledge(id, actor),
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
