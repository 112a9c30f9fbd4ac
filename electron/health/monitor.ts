/**
 * Health, assembled: the workspace's checks planned and scheduled, samples stored and downsampled, service
 * statuses kept, alerts decided and sent. The backend creates one; the Electron shell feeds it the desktop
 * notifier and powerMonitor's suspend/resume; serve mode and the CLI use it as it is.
 */
import {
  type Alert,
  type CheckView,
  type HealthSample,
  type ServiceHealth,
  type SloReport,
  type WatchGap,
} from '../../shared/model/health';
import { type Workspace } from '../../shared/workspace';
import { AlertEngine, type AlertEngineOptions, type DeliveryOutcome } from '../alerts/rules';
import { notifiersFor } from '../alerts/notifiers';
import { effectiveQuietHours } from '../alerts/overrides';
import { type DesktopNotify, type Notifier, type RecentDeployLookup, type SecretStore } from '../alerts/types';
import { type HealthAnswer } from '../features/types';
import { type Transport } from '../remote/types';
import { type FlapPolicy, defaultFlapPolicy } from './check-state';
import { type Clock, type TimerHandle, systemClock } from './clock';
import { flapHoldMs } from './detection';
import { createMemory } from './kinds/types';
import { series, sloReport, uptimes } from './history';
import { type CheckOnceResult, checkOnce } from './one-shot';
import {
  type CheckFilter,
  type PlanProblem,
  type ScheduledCheck,
  checkKey,
  instanceName,
  matchesFilter,
  planChecks,
} from './plan';
import { type KindRegistry, createRegistry } from './registry';
import { runOnce } from './run-once';
import { RunWaiters } from './run-waiters';
import { Scheduler } from './scheduler';
import { ServiceBoard } from './status';
import { HealthStore } from './store';
import { type Database } from './store-schema';
import { log } from '../log';

export interface HealthEvents {
  sample?(sample: HealthSample): void;
  check?(view: CheckView): void;
  service?(service: ServiceHealth): void;
  alert?(alert: Alert): void;
  gap?(gap: WatchGap): void;
}

export interface HealthMonitorOptions {
  db: Database;
  clock?: Clock;
  registry?: KindRegistry;
  concurrency?: number;
  flap?: FlapPolicy;
  heartbeatMs?: number;
  initialSpreadMs?: number;
  random?: () => number;
  transportFor?: (host: string) => Transport;
  desktopNotify?: DesktopNotify;
  keychain?: SecretStore;
  env?: Record<string, string | undefined>;
  /** Quiet hours set in the app, used instead of the workspace's when not null (read at each reconfigure). */
  quietHoursOverride?: () => string | null;
  recentDeploy?: RecentDeployLookup;
  /** Extra notifiers (tests). */
  notifiers?: Notifier[];
  /** Each alert once every notifier answered: who was told, what failed (the journal records it). */
  onDelivered?: (alert: Alert, outcome: DeliveryOutcome) => void;
  /** The rollback drill practising on a service × environment now (its alerts are marked, and maybe kept quiet). */
  practice?: AlertEngineOptions['practice'];
  downsampleEveryMs?: number;
  events?: HealthEvents;
}

/** How long runNow waits beyond a check's own timeout before answering with what it has. */
const RUN_NOW_SLACK_MS = 2_000;

export class HealthMonitor {
  readonly store: HealthStore;
  readonly scheduler: Scheduler;
  readonly #options: HealthMonitorOptions;
  readonly #clock: Clock;
  readonly #registry: KindRegistry;
  readonly #board = new ServiceBoard();
  readonly #alerts: AlertEngine;
  #workspace: Workspace | null = null;
  #planned: ScheduledCheck[] = [];
  #problems: PlanProblem[] = [];
  #watching = false;
  /** service@environment → how many callers asked watchOnly for it (the CLI's drill). */
  readonly #narrowed = new Map<string, number>();
  readonly #waiters: RunWaiters;
  #downsampleTimer?: TimerHandle;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#registry = options.registry ?? createRegistry();
    this.#waiters = new RunWaiters(this.#clock);
    this.store = new HealthStore(options.db);
    this.#alerts = new AlertEngine({
      notifiers: [...(options.notifiers ?? [])],
      clock: this.#clock,
      recentDeploy: options.recentDeploy,
      onAlert: (alert) => options.events?.alert?.(alert),
      onDelivered: options.onDelivered,
      practice: options.practice,
      flapHold: (service) => this.#flapHold(service),
      current: (service, environment) =>
        this.services().find((s) => s.service === service && s.environment === environment),
    });
    const events = options.events;
    this.scheduler = new Scheduler({
      registry: this.#registry,
      clock: this.#clock,
      store: this.store,
      concurrency: options.concurrency,
      flap: options.flap,
      heartbeatMs: options.heartbeatMs,
      initialSpreadMs: options.initialSpreadMs,
      random: options.random,
      transportFor: options.transportFor,
      listeners: {
        sample: (sample, view) => {
          events?.sample?.(sample);
          events?.check?.(view);
          this.#waiters.resolve(view);
        },
        transition: (t, view) => this.#refresh(view.service, view.environment, t.at),
        flapping: (view) => this.#refresh(view.service, view.environment, this.#clock.now()),
        gap: (gap) => events?.gap?.(gap),
      },
    });
  }

  /** Watches what this workspace declares (null: nothing). Returns the checks that could not be planned. */
  setWorkspace(workspace: Workspace | null): PlanProblem[] {
    this.#workspace = workspace;
    this.#alerts.configure(this.#alertConfig(workspace));
    if (!workspace) {
      this.#planned = [];
      this.#problems = [];
      this.scheduler.setPlan([]);
      this.#board.retain(new Set());
      return [];
    }
    const { checks, problems } = planChecks(workspace, this.#registry);
    this.#planned = checks;
    this.#problems = problems;
    this.scheduler.setPlan(this.#schedulerPlan());
    const now = this.#clock.now();
    const pairs = this.#pairs();
    this.#board.retain(new Set(pairs.map(([s, e]) => `${s}@${e}`)));
    for (const [service, environment] of pairs) {
      this.#board.update(service, environment, this.#checksOf(service, environment), now);
    }
    return problems;
  }

  /** True between start() and stop(): the scheduler runs checks on their intervals. */
  get watching(): boolean {
    return this.#watching;
  }

  /** The checks being watched, as planned from the workspace (timing included). */
  planned(): ScheduledCheck[] {
    return [...this.#planned];
  }

  /** Checks of the workspace that could not be planned, in words. */
  problems(): PlanProblem[] {
    return [...this.#problems];
  }

  start(): void {
    this.#watching = true;
    this.scheduler.setPlan(this.#schedulerPlan());
    this.scheduler.start();
    const every = this.#options.downsampleEveryMs ?? 5 * 60_000;
    const tick = () => {
      try {
        this.store.downsample(this.#clock.now());
      } catch (error) {
        log.error('[health] downsampling failed:', error);
      }
      this.#downsampleTimer = this.#clock.setTimeout(tick, every);
    };
    this.#downsampleTimer = this.#clock.setTimeout(tick, every);
  }

  async stop(): Promise<void> {
    this.#watching = false;
    if (this.#downsampleTimer) this.#clock.clearTimeout(this.#downsampleTimer);
    await this.scheduler.stop();
    await this.#alerts.close();
  }

  /**
   * In a monitor that does not watch by itself (the CLI), runs one service × environment's checks on their own
   * intervals until the returned function is called — samples stored, statuses and alerts as in the app — so a
   * drill from the terminal measures the detection the team would really get. Calls are counted: the scheduler
   * stops when the last caller stops. A watching monitor already runs everything: then it changes nothing.
   */
  watchOnly(service: string, environment: string): () => void {
    if (this.#watching) return () => undefined;
    const pair = `${service}@${environment}`;
    this.#narrowed.set(pair, (this.#narrowed.get(pair) ?? 0) + 1);
    this.scheduler.setPlan(this.#schedulerPlan());
    this.scheduler.start();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const left = (this.#narrowed.get(pair) ?? 1) - 1;
      if (left > 0) this.#narrowed.set(pair, left);
      else this.#narrowed.delete(pair);
      if (this.#watching) return;
      if (this.#narrowed.size > 0) {
        this.scheduler.setPlan(this.#schedulerPlan());
        return;
      }
      void this.scheduler.stop().then(
        () => {
          // Back to the whole plan (not running), unless someone asked again while it stopped.
          if (this.#narrowed.size === 0 && !this.#watching) this.scheduler.setPlan(this.#planned);
        },
        (error: unknown) => log.error('[health] stopping the watch failed:', error),
      );
    };
  }

  notifySuspend(): void {
    this.scheduler.notifySuspend();
  }

  notifyResume(): void {
    this.scheduler.notifyResume();
  }

  /**
   * Runs the named checks of a service in an environment once, now, outside the schedule (a deploy's health
   * gate). ok when none is down; the detail says each instance's result in words. Nothing is stored or alerted.
   * With `host` (a rolling batch's host just switched), per-host checks are judged on that host only and
   * host-metric checks read that host only; hosts not yet switched are not judged. Environment-wide checks count.
   */
  async checkNow(request: {
    service: string;
    environment: string;
    checkIds: string[];
    host?: string;
    signal?: AbortSignal;
  }): Promise<HealthAnswer> {
    if (!this.#workspace) return { ok: false, detail: 'no workspace is open', misconfigured: true };
    const { checks, problems } = planChecks(this.#workspace, this.#registry);
    const { host } = request;
    const chosen = checks
      .filter(
        (c) =>
          c.service === request.service &&
          c.environment === request.environment &&
          request.checkIds.includes(c.checkId) &&
          (host === undefined || c.host === undefined || c.host === host),
      )
      .map((c) => (host && c.kind === 'ssh' && c.hosts.includes(host) ? { ...c, hosts: [host] } : c));
    const unplanned = request.checkIds.flatMap((id) => {
      if (chosen.some((c) => c.checkId === id)) return [];
      const key = checkKey(request.service, id, request.environment);
      // The plan says why when it can (a var that host lacks, an environment without hosts).
      const why = problems.find((p) => p.key === key || (host !== undefined && p.key === `${key}#${host}`));
      return [
        why
          ? why.message
          : `no check ${id} for ${request.service} in ${request.environment}${host ? ` on ${host}` : ''}`,
      ];
    });
    // A gate naming a check that is not there can never pass: say so at once rather than be asked until it times out.
    if (unplanned.length > 0) return { ok: false, detail: unplanned.join('; '), misconfigured: true };
    const outcomes = await Promise.all(
      chosen.map(async (check) => {
        const controller = new AbortController();
        const { signal } = request;
        const stop = () => controller.abort(signal?.reason);
        signal?.addEventListener('abort', stop, { once: true });
        try {
          return await runOnce({
            registry: this.#registry,
            clock: this.#clock,
            check,
            memory: createMemory(),
            controller,
            transportFor: this.#options.transportFor,
          });
        } finally {
          // A long-lived signal (a whole run's) must not collect one listener per question.
          signal?.removeEventListener('abort', stop);
        }
      }),
    );
    const ok = outcomes.every((o) => o.status !== 'down');
    const detail = outcomes
      .map((o, i) => {
        const check = chosen[i];
        return `${check ? instanceName(check) : '?'}: ${o.status} (${o.reason})`;
      })
      .join('; ');
    return { ok, detail };
  }

  /**
   * Runs the matching checks now, outside their schedule, through the scheduler (results are stored, statuses and
   * alerts follow as usual). With `wait`, resolves with each check's view once it has run, or as it is when its
   * timeout (plus a little) has passed. Checks already running are not started twice: their result counts.
   */
  async runNow(filter: CheckFilter, wait: boolean): Promise<CheckView[]> {
    const chosen = this.#planned.filter((c) => matchesFilter(c, filter));
    const results = chosen.map((check) =>
      wait
        ? this.#waiters.wait(check.key, check.timeoutMs + RUN_NOW_SLACK_MS, () => this.scheduler.view(check.key))
        : Promise.resolve(undefined),
    );
    for (const check of chosen) this.scheduler.runNow(check.key);
    const views = await Promise.all(results);
    return chosen.flatMap((c, i) => views[i] ?? this.scheduler.view(c.key) ?? []);
  }

  /** Runs the matching checks once each without the scheduler (the CLI): nothing stored, nothing alerted. */
  checkOnce(filter: CheckFilter): Promise<CheckOnceResult> {
    return checkOnce({
      checks: this.#planned.filter((c) => matchesFilter(c, filter)),
      registry: this.#registry,
      clock: this.#clock,
      transportFor: this.#options.transportFor,
      concurrency: this.#options.concurrency,
    });
  }

  /** The app's quiet hours changed: the alert rules follow them at once (what was already told is kept). */
  reconfigureAlerts(): void {
    this.#alerts.configure(this.#alertConfig(this.#workspace));
  }

  /** The flap policy alerts follow (shown on the Health screen). */
  get flapPolicy(): FlapPolicy {
    return this.#options.flap ?? defaultFlapPolicy;
  }

  checks(): CheckView[] {
    return this.scheduler.views();
  }

  services(): ServiceHealth[] {
    return this.#board.list((s, e) => this.#checksOf(s, e), this.#clock.now());
  }

  alerts(): Alert[] {
    return this.#alerts.history();
  }

  series(key: string, from: number, to: number) {
    return series(this.store, key, from, to, this.#clock.now());
  }

  uptimes(key: string) {
    return uptimes(this.store, key, this.#clock.now());
  }

  /** The service's SLO, when it declares one: from its critical checks (all of them if none is critical). */
  slo(service: string, environment: string): SloReport | undefined {
    const keys = this.sloChecks(service, environment);
    const slo = this.#workspace?.services[service]?.slo;
    if (!slo || keys.length === 0) return undefined;
    return sloReport(this.store, keys, slo, this.#clock.now());
  }

  /** The checks that speak for a service's SLO: its critical ones, else all of them. */
  sloChecks(service: string, environment: string): string[] {
    const checks = this.#checksOf(service, environment);
    const critical = checks.filter((c) => c.critical);
    return (critical.length > 0 ? critical : checks).map((c) => c.key);
  }

  /** Everything planned, or (a non-watching monitor asked to watch some pairs) only those pairs' checks. */
  #schedulerPlan(): ScheduledCheck[] {
    if (this.#watching || this.#narrowed.size === 0) return this.#planned;
    return this.#planned.filter((c) => this.#narrowed.has(`${c.service}@${c.environment}`));
  }

  #checksOf(service: string, environment: string): CheckView[] {
    return this.scheduler.views().filter((c) => c.service === service && c.environment === environment);
  }

  /** A flapping service's status is told once it outlasts the detection time of the checks behind it. */
  #flapHold(service: ServiceHealth): number | null {
    const planned = new Map(this.#planned.map((c) => [c.key, c]));
    return flapHoldMs(service.status, this.#checksOf(service.service, service.environment), planned);
  }

  #pairs(): Array<[string, string]> {
    const pairs = new Map<string, [string, string]>();
    for (const c of this.#planned) pairs.set(`${c.service}@${c.environment}`, [c.service, c.environment]);
    return [...pairs.values()];
  }

  #refresh(service: string, environment: string, at: number): void {
    const change = this.#board.update(service, environment, this.#checksOf(service, environment), at);
    if (!change) return;
    this.#options.events?.service?.(change.next);
    void this.#alerts.onServiceChange(change.next);
  }

  #alertConfig(workspace: Workspace | null): { notifiers: Notifier[]; quietHours?: string } {
    const { desktopNotify, env, keychain, notifiers: extra } = this.#options;
    const config = workspace?.alerts;
    const overrides = { quietHours: this.#options.quietHoursOverride?.() ?? null };
    return {
      notifiers: notifiersFor(config, { desktopNotify, env, keychain, extra }),
      quietHours: effectiveQuietHours(config, overrides).quietHours ?? undefined,
    };
  }
}
