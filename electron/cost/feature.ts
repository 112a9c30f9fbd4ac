/**
 * The cost feature as the backend sees it: its contract handlers and its lifecycle (see electron/features/types.ts).
 * It follows the open workspace (workspace-cost.ts), runs every call one at a time with its Cost Explorer requests
 * counted and journalled (meter.ts), tells open windows when new figures arrived (`cost.updated`), and — in the app
 * and serve mode, never in the CLI — checks the budgets at start, every hour and after each refresh, notifying each
 * threshold once per month (budget-notify.ts).
 */
import { type costMethods } from '../../shared/api/cost';
import {
  type BudgetAlert,
  type CostAnomaly,
  type CostOverview,
  type CostProblem,
  type CostReview,
} from '../../shared/model/cost';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { CockpitError } from '../../shared/rpc';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { type Notifier } from '../alerts/types';
import { type AlertNotice, type Feature, type FeatureContext, type FeatureHandlers } from '../features/types';
import { notifyBudgetAlerts, notifyCostAnomalies } from './budget-notify';
import { type CostClientOptions } from './client';
import { createCostFeature } from './create';
import { reviewToCsv } from './export-csv';
import { reviewToMarkdown } from './export-markdown';
import { costTimeline } from './timeline';
import { costReadiness } from './readiness';
import { type CallInfo, CostCalls } from './meter';
import { CostExplorerError } from './problems';
import { type ActiveCost, type CostFactory, WorkspaceCost } from './workspace-cost';
import { log } from '../log';

export type CostMethodName = keyof typeof costMethods & string;

export interface CostBackendOptions {
  /** How often budgets are checked in the background (default: hourly). */
  checkEveryMs?: number;
  /** How often the cache drops superseded answers in the background (default: daily; also at every workspace). */
  pruneEveryMs?: number;
  /** Tests: client settings for real (not replayed) accounts, e.g. the loopback double's endpoint (or per account). */
  client?: Partial<CostClientOptions> | ((account: string) => Partial<CostClientOptions>);
  /** Tests: replaces the Slack notifier. */
  slack?: (config: NonNullable<AlertsConfig['slack']>) => Notifier;
}

export interface CostBackendFeature extends Feature<CostMethodName> {
  /** Checks every budget now and notifies first crossings (what the hourly timer does). */
  checkBudgets(): Promise<BudgetAlert[]>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const exportTypes = {
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
} as const;

/** Over IPC only the message survives: it carries the hint too. */
function withHint(error: unknown): unknown {
  if (error instanceof CostExplorerError) {
    return new CockpitError('UNAVAILABLE', `${error.problem.message} ${error.problem.hint}`, {
      problem: error.problem,
    });
  }
  return error;
}

export function createCostBackendFeature(
  context: FeatureContext,
  options: CostBackendOptions = {},
): CostBackendFeature {
  const calls = new CostCalls(context.journal);
  const create: CostFactory = (o) =>
    createCostFeature({
      ...o,
      db: context.db,
      now: context.now,
      onRequest: calls.onRequest,
      // Late-bound: the deploy feature fills the capability in after this one was created.
      markers: (since) => context.capabilities.deployMarkers({ since: new Date(`${since}T00:00:00.000Z`) }),
      ...(options.client ? { client: options.client } : {}),
    });
  const workspace = new WorkspaceCost(create);
  const timers: ReturnType<typeof setTimeout>[] = [];
  let closed = false;

  function updated(reason: 'refresh' | 'workspace', requests: number): void {
    context.events.emit('cost.updated', { reason, requests, at: context.now().toISOString() });
  }

  interface CallOptions<T> {
    view: string;
    force: boolean;
    /** The problems an answer carries, for the journal. */
    problemsOf?: (value: T) => CostProblem[];
    data?: Record<string, unknown>;
    /** Check budgets after new figures arrived (default: in the background-capable backend). */
    check?: boolean;
  }

  /**
   * One metered call against the open workspace's cost feature. New figures tell the windows to reload and, in
   * the background-capable backend, trigger a budget check (from the cache, so it costs nothing more).
   */
  async function metered<T>(
    options: CallOptions<T>,
    work: (active: ActiveCost) => Promise<T>,
  ): Promise<{ value: T; requests: number }> {
    if (closed) throw new CockpitError('UNAVAILABLE', 'The cockpit is shutting down.');
    const active = workspace.active();
    const info: CallInfo = {
      view: options.view,
      force: options.force,
      target: active.target,
      replayed: active.replayed,
      ...(options.data ? { data: options.data } : {}),
    };
    try {
      const result = await calls.run(info, () => work(active), options.problemsOf);
      if (result.requests > 0) {
        updated('refresh', result.requests);
        if ((options.check ?? context.background) && context.background) void checkBudgets();
      }
      return result;
    } catch (error) {
      throw withHint(error);
    }
  }

  async function call<T>(options: CallOptions<T>, work: (active: ActiveCost) => Promise<T>): Promise<T> {
    return (await metered(options, work)).value;
  }

  /**
   * Evaluates every budget (from the cache when fresh) and notifies thresholds crossed for the first time; then
   * looks for cost anomalies in the figures now cached (nothing more is sent) and notifies new ones, once each.
   */
  async function check(): Promise<{ fired: BudgetAlert[]; anomalies: CostAnomaly[]; requests: number }> {
    const { value, requests } = await metered({ view: 'budget check', force: false, check: false }, async (active) => ({
      ...(await active.feature.service.checkBudgets()),
      anomalies: await active.feature.service.checkAnomalies(),
    }));
    const deps = {
      journal: context.journal,
      notify: (notice: AlertNotice) => context.notify(notice),
      alertsConfig: () => context.workspace.current().workspace?.alerts,
      ...(options.slack ? { slack: options.slack } : {}),
    };
    await notifyBudgetAlerts(value.fired, deps);
    await notifyCostAnomalies(value.anomalies, { ...deps, now: context.now });
    return { fired: value.fired, anomalies: value.anomalies, requests };
  }

  /** The background check: never throws (a failure is logged and the next hour tries again). */
  async function checkBudgets(): Promise<BudgetAlert[]> {
    if (closed || !workspace.has()) return [];
    try {
      return (await check()).fired;
    } catch (error) {
      if (!closed) log.error('[cockpit] budget check failed:', error instanceof Error ? error.message : error);
      return [];
    }
  }

  /** Drops cached answers that no view can ask for again (see CostCache.prune). */
  function pruneCache(): void {
    if (closed || !workspace.has()) return;
    try {
      workspace.active().feature.cache.prune(context.now());
    } catch (error) {
      log.error('[cockpit] cost cache prune failed:', error instanceof Error ? error.message : error);
    }
  }

  function follow(state: WorkspaceState, announce = true): void {
    if (closed || !workspace.update(state)) return;
    if (announce) updated('workspace', 0);
    // "At start": as soon as a workspace with a cost section is open (from the cache when it is warm).
    // After the first screen was answered (context.started): the check's Cost Explorer reads must not slow it.
    if (context.background && workspace.has()) {
      void (context.started ?? Promise.resolve()).then(() => {
        if (!closed) timers.push(setTimeout(() => void checkBudgets(), 0));
      });
    }
  }

  follow(context.workspace.current(), false);
  const unsubscribe = context.onWorkspaceChange(follow);
  if (context.background) {
    const every = setInterval(() => void checkBudgets(), options.checkEveryMs ?? HOUR_MS);
    every.unref();
    timers.push(every);
    // Opening a workspace prunes the cache (create.ts); an app left running for weeks prunes once a day too.
    const daily = setInterval(() => pruneCache(), options.pruneEveryMs ?? DAY_MS);
    daily.unref();
    timers.push(daily);
  }

  async function review(
    active: ActiveCost,
    month: string | undefined,
    force: boolean,
    account: string | undefined,
  ): Promise<CostReview> {
    return active.feature.review({ ...(month ? { month } : {}), force, ...(account ? { account } : {}) });
  }

  /** " (account shop)" for a view of one account, for the journal. */
  const of = (account: string | undefined) => (account ? ` (account ${account})` : '');

  const handlers: FeatureHandlers<CostMethodName> = {
    'cost.overview': ({ force, account }) =>
      call({ view: `Overview${of(account)}`, force, problemsOf: (v) => v.problems }, (a) =>
        a.feature.service.overview({ force, account }),
      ),
    'cost.screen': ({ groupBy, months, force, account }) =>
      call(
        {
          view: `Cost screen${of(account)}`,
          force,
          problemsOf: (v) => v.overview.problems,
          data: { groupBy: groupBy.kind === 'tag' ? `tag ${groupBy.key}` : 'service', months },
        },
        (a) => a.feature.service.screen({ groupBy, months, force, account }),
      ),
    'cost.review': ({ month, force, account }) =>
      call({ view: `monthly review${month ? ` ${month}` : ''}${of(account)}`, force }, (a) =>
        review(a, month, force, account),
      ),
    'cost.exportReview': async ({ month, format, account }) => {
      const result = await call({ view: `review export${month ? ` ${month}` : ''}${of(account)}`, force: false }, (a) =>
        review(a, month, false, account),
      );
      return {
        filename: `aws-cost-review-${result.month}${account ? `-${account}` : ''}.${format}`,
        mime: exportTypes[format],
        content: format === 'csv' ? reviewToCsv(result) : reviewToMarkdown(result),
      };
    },
    'cost.pickers': ({ force, account }) =>
      call({ view: `pickers${of(account)}`, force, problemsOf: (v) => v.problems }, (a) =>
        a.feature.service.pickers({ force, account }),
      ),
    'cost.refresh': async ({ force, account }) => {
      const refreshed = await metered<CostOverview>(
        { view: `refresh${of(account)}`, force, problemsOf: (v) => v.problems, check: false },
        (a) => a.feature.service.overview({ force, account }),
      );
      // Asked for explicitly, so it notifies in the CLI too; the alert log still fires each threshold only once.
      const checked = await check();
      return {
        overview: refreshed.value,
        requests: refreshed.requests + checked.requests,
        alerts: checked.fired,
        anomalies: checked.anomalies,
      };
    },
  };

  context.contributions.timeline.push(costTimeline({ db: context.db, state: () => context.workspace.current() }));
  context.contributions.readiness.push(costReadiness(context, workspace));

  return {
    handlers,
    checkBudgets,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      // Destroying the client first makes a call stuck on the network fail now instead of holding the journal open.
      workspace.close();
      await calls.idle();
    },
  };
}
