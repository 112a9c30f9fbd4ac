/**
 * The runbooks feature as the backend sees it: the contract's `runbooks.*` handlers over the runbook service, its
 * live events (`runbooks.run`, `runbooks.changed`), and `service` for the CLI (which answers confirm steps itself
 * with --yes). Hosts come from the backend's one transport pool; gates ask the health feature, late-bound; a run
 * records the incident open on its service × environment, so the incident's timeline shows it.
 */
import { dirname } from 'node:path';
import { gateHealthVia } from '../features/gate-health';
import { type Feature, type FeatureContext } from '../features/types';
import { type RunbookService, createRunbookService } from './service';
import { runbooksTimeline } from './timeline';
import { runbooksReadiness } from './readiness';
import { type ConfirmAsk } from './types';

export type RunbooksMethodName =
  'runbooks.list' | 'runbooks.get' | 'runbooks.start' | 'runbooks.cancel' | 'runbooks.runLog';

export interface RunbooksFeatureOptions {
  /** Asked by confirm steps (a dialog in the app, the terminal in the CLI); without it they are declined. */
  confirm?: ConfirmAsk;
  /** Who acts (default: the OS user). */
  actor?: string;
  /** How often a gate asks again while it waits (tests make it short). */
  gateIntervalMs?: number;
}

export interface RunbooksFeature extends Feature<RunbooksMethodName> {
  service: RunbookService;
}

export function createRunbooksFeature(context: FeatureContext, options: RunbooksFeatureOptions = {}): RunbooksFeature {
  const service = createRunbookService({
    workspace: () => {
      const state = context.workspace.current();
      if (!state.workspace || !state.loadedFrom) return null;
      return { workspace: state.workspace, dir: dirname(state.loadedFrom.path) };
    },
    journal: context.journal,
    transports: (host) => context.transports.get(host),
    checkHealth: gateHealthVia(context.capabilities),
    emit: (event) => context.events.emit('runbooks.run', event),
    changed: (notice) => context.events.emit('runbooks.changed', notice),
    openIncident: (service, environment) => context.capabilities.openIncident(service, environment),
    ended: (run) => context.capabilities.checkSoon(run.service, run.environment),
    confirm: options.confirm,
    now: context.now,
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.gateIntervalMs !== undefined ? { gateIntervalMs: options.gateIntervalMs } : {}),
  });

  const unsubscribe = context.onWorkspaceChange(() =>
    context.events.emit('runbooks.changed', { runbookId: null, runId: null, reason: 'workspace' }),
  );

  context.contributions.timeline.push(runbooksTimeline(context.db));
  context.contributions.readiness.push(runbooksReadiness(context));

  return {
    service,
    handlers: {
      'runbooks.list': (input) => service.list(input),
      'runbooks.get': (input) => service.get(input),
      'runbooks.start': (input) => service.start(input),
      'runbooks.cancel': (input) => service.cancel(input.runId),
      'runbooks.runLog': (input) => service.runLog(input.runId),
    },
    async close() {
      unsubscribe();
      await service.close();
    },
  };
}
