/**
 * The demo's first launch runs its declared rollback drill by itself — checkout on staging, the cockpit pressing
 * "Roll back now" — so the Drills screen has a report to show. It waits a little (the first screen comes first),
 * then for the service to be healthy, and starts once per journal: the setting is written before the start, so a
 * crash or a refusal never makes it run twice. Never beside another drill.
 */
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { type FeatureContext } from '../features/types';
import { log } from '../log';
import { drillEnvironment } from './preflight';
import { type RollbackDrillService } from './service';

export const DEMO_DRILL_SETTING = 'drills.demoDrillStarted';
const DEFAULT_DELAY_MS = 20_000;
const HEALTH_WAIT_MS = 90_000;
const POLL_MS = 1_000;

export interface DemoDrillInput {
  context: FeatureContext;
  service: RollbackDrillService;
  /** Before looking at health (default 20 s). */
  delayMs?: number;
  /** How long to wait for the service to be up (default 90 s). */
  healthWaitMs?: number;
  pollMs?: number;
}

export function scheduleDemoDrill(input: DemoDrillInput): { stop(): void } {
  const { context, service } = input;
  let stopped = false;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;

  const later = (ms: number, fn: () => void) => {
    timer = setTimeout(fn, ms);
  };

  function target(state: WorkspaceState): { service: string; environment: string } | null {
    if (state.loadedFrom?.kind !== 'demo' || !state.workspace) return null;
    const workspace = state.workspace;
    for (const [name, config] of Object.entries(workspace.services)) {
      if (!config.drill) continue;
      const environment = drillEnvironment(workspace, config, config.drill);
      if (environment) return { service: name, environment };
    }
    return null;
  }

  function consider(state: WorkspaceState): void {
    if (stopped || pending || !target(state)) return;
    if (context.journal.getSetting<boolean>(DEMO_DRILL_SETTING)) return;
    pending = true;
    const deadline = () => Date.now() + (input.healthWaitMs ?? HEALTH_WAIT_MS);
    later(input.delayMs ?? DEFAULT_DELAY_MS, () => waitForHealth(deadline()));
  }

  function waitForHealth(until: number): void {
    if (stopped) return;
    const drill = target(context.workspace.current());
    if (!drill) {
      pending = false;
      return;
    }
    const status = context.capabilities.healthOf(drill.service, drill.environment).status?.status;
    if (status === 'up') {
      go(drill);
      return;
    }
    if (Date.now() < until) {
      later(input.pollMs ?? POLL_MS, () => waitForHealth(until));
      return;
    }
    pending = false;
    log.warn(
      `[cockpit] the demo's rollback drill did not start: ${drill.service} on ${drill.environment} was not healthy within ${Math.round((input.healthWaitMs ?? HEALTH_WAIT_MS) / 1000)} s`,
    );
  }

  function go(drill: { service: string; environment: string }): void {
    pending = false;
    if (stopped || context.journal.getSetting<boolean>(DEMO_DRILL_SETTING) || service.running()) return;
    context.journal.setSetting(DEMO_DRILL_SETTING, true);
    service.start({ ...drill, auto: true, actor: 'demo' }).catch((error: unknown) => {
      log.warn("[cockpit] the demo's rollback drill could not start:", error instanceof Error ? error.message : error);
    });
  }

  const unsubscribe = context.onWorkspaceChange(consider);
  consider(context.workspace.current());
  return {
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
