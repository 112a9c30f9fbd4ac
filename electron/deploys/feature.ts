/**
 * The deploys feature as the backend sees it (see electron/features/types.ts): the contract's `deploys.*` handlers
 * over the deploy service, the runs going on in the background (whatever the windows do), deploy markers for the
 * health charts, and the demo's first-open seeding. Every host is reached through the backend's one transport
 * pool; the deploy gate asks the health feature (`capabilities.checkHealth`), late-bound.
 */
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import {
  type DeploysChanged,
  type deployMethods,
  type DeploysOverview,
  type RunSummary,
} from '../../shared/api/deploys';
import { gateHealthVia } from '../features/gate-health';
import { type DeployHistory, type DeployRecord } from '../../shared/model/deploys';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { CockpitError } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { seedDemoHosts } from '../demo/seed';
import { type Feature, type FeatureContext } from '../features/types';
import { type ConfirmAsk } from '../runbooks/types';
import { doraAcross } from './dora';
import { createMarkerSource } from './markers';
import { deployTargets, targetView } from './overview';
import { RunRegistry } from './runs';
import { type DeployService, createDeployService } from './service';
import { deploysTimeline } from './timeline';
import { registerReleasesKept } from './readiness';
import { log } from '../log';

export type DeploysMethodName = keyof typeof deployMethods & string;

export interface DeploysFeatureOptions {
  /** Who acts (default: the OS user; the CLI passes `cli:<user>`). */
  actor?: string;
  /** Asked by confirm steps (the CLI's prompt); without it they are declined. */
  confirm?: ConfirmAsk;
  /** How often the health gate re-checks while it waits (tests make it short). */
  gateIntervalMs?: number;
  /** How long close() waits for running runs before noting them in the journal (default 3 s). */
  closeWaitMs?: number;
}

export interface DeploysFeature extends Feature<DeploysMethodName> {
  service: DeployService;
  runs: RunRegistry;
}

const HISTORY_WINDOW_DAYS = 30;

export function createDeploysFeature(context: FeatureContext, options: DeploysFeatureOptions = {}): DeploysFeature {
  const now = context.now;
  const actor = options.actor ?? userInfo().username;

  const open = () => {
    const state = context.workspace.current();
    if (!state.workspace || !state.loadedFrom) return null;
    return { workspace: state.workspace, dir: dirname(state.loadedFrom.path) };
  };

  const markers = createMarkerSource({
    journal: context.journal,
    targets: () => deployTargets(context.workspace.current().workspace),
    now,
  });
  context.capabilities.deployMarkers = (filter) => markers.markers(filter);
  const releasesKept = registerReleasesKept(context);

  /**
   * What each reachable host ran when this feature last read a target (overview or history — every window reloads the
   * overview when a run ends): health folds a fleet split across releases into the service's status from it, without
   * reaching the hosts itself.
   */
  const releasesRead = new Map<string, Array<{ host: string; release: string | null }>>();
  context.capabilities.releasesByHost = (name, environment) => releasesRead.get(`${name}@${environment}`) ?? null;

  /** Something about a service's releases changed (a run, a lock, a mark): markers re-read, every window told. */
  const changed = (notice: DeploysChanged) => {
    markers.invalidate();
    context.events.emit('deploys.changed', notice);
  };
  const runs = new RunRegistry({ emit: (event) => context.events.emit('deploys.run', event), changed });

  const service = createDeployService({
    workspace: open,
    journal: context.journal,
    transports: (host) => context.transports.get(host),
    checkHealth: gateHealthVia(context.capabilities),
    emit: (event) => runs.onEvent(event),
    // Late-bound too: asked before a rollback marks the release it leaves bad.
    healthEvidence: (request) => context.capabilities.healthEvidence(request),
    confirm: options.confirm,
    now,
    actor,
    // Never uploaded in a release (found by its journal.db too, but this one is known for sure).
    dataDir: context.dataDir,
    gateIntervalMs: options.gateIntervalMs,
  });

  // A drill drives the same engine through the same registry: its runs show on the Deploys screen with their live
  // log, and deploys.changed fires for them like for any run.
  context.capabilities.deploys = {
    deploy: (input, practice) =>
      runs.startWithOutcome((run) => service.deploy(input, { ...run, practice: { drillId: practice.drillId } })),
    rollback: (input, practice) =>
      runs.startWithOutcome((run) => service.rollback(input, { ...run, practice: { drillId: practice.drillId } })),
    cancel: (runId) => {
      try {
        return runs.cancel(runId);
      } catch {
        // Not running (ended already, or never here): nothing to cancel.
        return false;
      }
    },
    rollbackOptions: (target) => service.rollbackOptions(target),
    sources: (target) => service.sources(target),
    currentByHost: (target) => service.currentByHost(target),
    removeRelease: async (input) => {
      const result = await service.removeRelease(input);
      if (result.removedOn.length > 0) {
        changed({ service: input.service, environment: input.environment, reason: 'practice-removed', runId: null });
      }
      return result;
    },
  };

  /** The demo's pretend hosts get their first release "from outside the app" the first time the demo opens. */
  function follow(state: WorkspaceState): void {
    markers.invalidate();
    releasesRead.clear();
    if (state.loadedFrom?.kind === 'demo' && state.workspace) {
      try {
        seedDemoHosts({
          dataDir: context.dataDir,
          workspace: state.workspace,
          workspaceDir: dirname(state.loadedFrom.path),
          now: now(),
        });
      } catch (error) {
        log.error('[deploys] seeding the demo hosts failed:', error instanceof Error ? error.message : error);
      }
    }
    context.events.emit('deploys.changed', {
      service: null,
      environment: null,
      reason: 'workspace',
      runId: null,
    });
  }
  const unsubscribe = context.onWorkspaceChange(follow);
  follow(context.workspace.current());

  async function historyOf(name: string, environment: string): Promise<DeployHistory> {
    const history = await service.history({ service: name, environment });
    markers.remember(history);
    releasesKept.remember(history);
    const unreachable = new Set(history.unreachable.map((u) => u.host));
    releasesRead.set(
      `${name}@${environment}`,
      history.currentByHost.filter((h) => !unreachable.has(h.host)),
    );
    return history;
  }

  async function overview(): Promise<DeploysOverview> {
    const workspace = context.workspace.current().workspace;
    const list: RunSummary[] = runs.list();
    if (!workspace) {
      return {
        targets: [],
        runs: list,
        dora: doraAcross([], now(), HISTORY_WINDOW_DAYS),
        checkedAt: now().toISOString(),
      };
    }
    const refs = deployTargets(workspace);
    const read = await Promise.all(
      refs.map(async (ref) => {
        try {
          return { ref, history: await historyOf(ref.service, ref.environment), problem: null };
        } catch (error) {
          return { ref, history: null, problem: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const groups: DeployRecord[][] = read.map((r) => r.history?.records ?? []);
    return {
      targets: read.map((r) =>
        targetView({ workspace, ref: r.ref, history: r.history, problem: r.problem, runs: list }),
      ),
      runs: list,
      dora: doraAcross(groups, now(), HISTORY_WINDOW_DAYS),
      checkedAt: now().toISOString(),
    };
  }

  const handlers: Pick<Handlers, DeploysMethodName> = {
    'deploys.overview': () => overview(),
    'deploys.history': (input) => historyOf(input.service, input.environment),
    'deploys.sources': (input) => service.sources(input),
    'deploys.plan': (input) => service.plan(input),
    'deploys.start': (input) => runs.start((run) => service.deploy(input, run)),
    'deploys.cancel': (input) => ({ cancelling: runs.cancel(input.runId) }),
    'deploys.rollbackOptions': (input) => service.rollbackOptions(input),
    'deploys.rollback': (input) => runs.start((run) => service.rollback(input, run)),
    'deploys.clearMark': async (input) => {
      const result = await service.clearMark(input);
      changed({ service: input.service, environment: input.environment, reason: 'mark-cleared', runId: null });
      return result;
    },
    'deploys.runLog': (input) => runs.log(input.runId),
    'deploys.locks': (input) => service.lockStatus(input),
    'deploys.releaseLock': async (input) => {
      const status = await service.releaseLock(input);
      changed({ service: input.service, environment: input.environment, reason: 'lock-released', runId: null });
      return status;
    },
    'deploys.dora': async (input) => {
      const workspace = context.workspace.current().workspace;
      const refs = deployTargets(workspace).filter(
        (r) =>
          (!input.service || r.service === input.service) &&
          (!input.environment || r.environment === input.environment),
      );
      const histories = await Promise.all(
        refs.map((r) =>
          historyOf(r.service, r.environment).then(
            (h) => h.records,
            () => [] as DeployRecord[],
          ),
        ),
      );
      return doraAcross(histories, now(), HISTORY_WINDOW_DAYS);
    },
    'deploys.trustHostKey': (input) => {
      const handle = context.journal.begin({
        kind: 'deploy.hostkey.trust',
        title: `Trust the host key of ${input.host}`,
        target: input.host,
        actor,
        data: { host: input.host, knownHostsName: input.knownHostsName, fingerprint: input.fingerprint },
      });
      try {
        context.transports.trustHostKey({
          knownHostsName: input.knownHostsName,
          keyBase64: input.keyBase64,
          fingerprint: input.fingerprint,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        handle.fail(message);
        throw new CockpitError('BAD_REQUEST', message);
      }
      handle.succeed(`Trusted ${input.fingerprint} for ${input.knownHostsName}`);
      context.events.emit('deploys.changed', {
        service: null,
        environment: null,
        reason: 'host-trusted',
        runId: null,
      });
      return { trusted: true as const, fingerprint: input.fingerprint };
    },
  };

  context.contributions.timeline.push(deploysTimeline(context.db));

  return {
    handlers,
    service,
    runs,
    async close() {
      unsubscribe();
      // Nothing is cancelled silently: runs get a moment to finish, then their journal says where hosts stand.
      await runs.close(options.closeWaitMs);
    },
  };
}
