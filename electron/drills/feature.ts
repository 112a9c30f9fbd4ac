/**
 * The rollback drills feature as the backend sees it: the drills contract (overview, preflight, start, act, cancel,
 * get, report) answered by the drill service, and the demo's first launch, which runs the declared drill once by
 * itself so the Drills screen has a report to show.
 */
import { userInfo } from 'node:os';
import { type DrillsOverview, type drillsMethods } from '../../shared/api/drills';
import { type DrillableService, type RollbackDrill } from '../../shared/model/drills';
import { CockpitError } from '../../shared/rpc';
import { type Workspace } from '../../shared/workspace';
import { type Feature, type FeatureContext, type FeatureHandlers } from '../features/types';
import { log } from '../log';
import { scheduleDemoDrill } from './demo';
import { drillEnvironment } from './preflight';
import { summaryOf } from './record';
import { type RollbackDrillService, createRollbackDrillService } from './service';
import { drillsTimeline } from './timeline';
import { drillsReadiness } from './readiness';

export type DrillsMethodName = keyof typeof drillsMethods & string;

export interface DrillsFeatureOptions {
  /** The demo's first launch runs its declared drill by itself (once; never beside another drill). */
  demoDrill?: boolean;
  /** Who acts for requests (default: the OS user). */
  actor?: string;
  /** The demo's drill presses "Roll back now" itself this long after detection (default 3 s). */
  autoActDelayMs?: number;
  /** How long verification may take after the press (default: max(3 × the recover target, 5 min)). */
  verifyTimeoutMs?: number;
  /** The wait before the demo's drill starts (default 20 s). */
  demoDelayMs?: number;
}

export interface DrillsFeature extends Feature<DrillsMethodName> {
  service: RollbackDrillService;
}

const HISTORY_LIMIT = 50;

function noDrill(drillId: string): never {
  throw new CockpitError(
    'NOT_FOUND',
    `No rollback drill "${drillId}" in this journal. Copy its id from the Drills screen (or \`cockpit drill rollback\`'s output) and try again.`,
  );
}

/** A declared drill as the Drills screen lists it: how it breaks the service, its last run, when one is due. */
export function drillableServices(
  workspace: Workspace | null,
  history: RollbackDrill[],
  now: Date,
): DrillableService[] {
  if (!workspace) return [];
  return Object.entries(workspace.services).flatMap(([name, service]) => {
    const config = service.drill;
    if (!config) return [];
    const mine = history.filter((d) => d.service === name);
    const last = mine.find((d) => d.status !== 'running') ?? null;
    const lastPassed = mine.find((d) => d.status === 'passed' || d.status === 'missed-target') ?? null;
    const environment = drillEnvironment(workspace, service, config);
    const method = config.breakRelease !== undefined ? 'release' : 'command';
    const dueAt =
      config.every === undefined
        ? null
        : lastPassed?.endedAt
          ? new Date(Date.parse(lastPassed.endedAt) + config.every).toISOString()
          : null;
    const overdue = config.every !== undefined && (dueAt === null || Date.parse(dueAt) <= now.getTime());
    let problem: string | null = null;
    if (!environment) {
      problem = `every environment ${name} runs in is protected: set \`drill.environment\` to one to practise in`;
    } else if (method === 'release' && !service.deploy) {
      problem = `${name} has no \`deploy:\`, so ${config.breakRelease ?? 'the broken release'} cannot be deployed: declare one, or use \`break:\` and \`heal:\``;
    }
    return [
      {
        service: name,
        environment,
        method,
        how: method === 'release' ? `deploys ${config.breakRelease ?? ''}` : `runs \`${config.break ?? ''}\``,
        lastDrill: last ? summaryOf(last) : null,
        dueAt,
        overdue,
        problem,
      },
    ];
  });
}

export function createDrillsFeature(context: FeatureContext, options: DrillsFeatureOptions = {}): DrillsFeature {
  const actor = options.actor ?? userInfo().username;
  const workspace = () => context.workspace.current().workspace;
  const service = createRollbackDrillService({
    journal: context.journal,
    db: context.db,
    events: context.events,
    capabilities: context.capabilities,
    workspace,
    transports: (host) => context.transports.get(host),
    now: context.now,
    actor,
    ...(options.autoActDelayMs !== undefined ? { autoActDelayMs: options.autoActDelayMs } : {}),
    ...(options.verifyTimeoutMs !== undefined ? { verifyTimeoutMs: options.verifyTimeoutMs } : {}),
  });

  function overview(): DrillsOverview {
    const history = service.list({ limit: HISTORY_LIMIT });
    return {
      services: drillableServices(workspace(), history, context.now()),
      running: service.running(),
      history: history.map(summaryOf),
    };
  }

  const demo =
    options.demoDrill && context.background
      ? scheduleDemoDrill({
          context,
          service,
          ...(options.demoDelayMs !== undefined ? { delayMs: options.demoDelayMs } : {}),
        })
      : null;

  const handlers: FeatureHandlers<DrillsMethodName> = {
    'drills.overview': async () => overview(),
    'drills.preflight': ({ service: name, environment }) =>
      service.preflight({ service: name, ...(environment ? { environment } : {}) }),
    'drills.start': async ({ service: name, environment, confirmation }) => {
      const { drillId } = await service.start({
        service: name,
        ...(environment ? { environment } : {}),
        ...(confirmation !== undefined ? { confirmation } : {}),
        actor,
      });
      return { drillId };
    },
    'drills.act': ({ drillId }) => service.act(drillId, actor),
    'drills.cancel': async ({ drillId }) => {
      if (service.cancel(drillId)) return { cancelling: true };
      if (!service.get(drillId)) noDrill(drillId);
      return { cancelling: false };
    },
    'drills.get': async ({ drillId }) => service.get(drillId) ?? noDrill(drillId),
    'drills.report': async ({ drillId }) => service.report(drillId) ?? noDrill(drillId),
  };

  context.contributions.timeline.push(drillsTimeline(context.db));
  context.contributions.readiness.push(
    drillsReadiness(workspace, () => service.list({ limit: HISTORY_LIMIT }), context.now),
  );

  return {
    handlers,
    service,
    async close() {
      demo?.stop();
      try {
        await service.close();
      } catch (error) {
        log.error('[cockpit] closing rollback drills failed:', error);
      }
    },
  };
}
