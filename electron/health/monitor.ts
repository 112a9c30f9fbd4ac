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
import { AlertEngine } from '../alerts/rules';
import { createDesktopNotifier } from '../alerts/desktop';
import { createSlackNotifier } from '../alerts/slack';
import { type DesktopNotify, type Notifier, type RecentDeployLookup, type SecretStore } from '../alerts/types';
import { type Transport } from '../remote/types';
import { type FlapPolicy } from './check-state';
import { type Clock, type TimerHandle, systemClock } from './clock';
import { createMemory } from './kinds/types';
import { series, sloReport, uptimes } from './history';
import { type PlanProblem, planChecks } from './plan';
import { type KindRegistry, createRegistry } from './registry';
import { runOnce } from './run-once';
import { Scheduler } from './scheduler';
import { ServiceBoard } from './status';
import { HealthStore } from './store';
import { type Database } from './store-schema';

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
  recentDeploy?: RecentDeployLookup;
  /** Extra notifiers (tests). */
  notifiers?: Notifier[];
  downsampleEveryMs?: number;
  events?: HealthEvents;
}

export class HealthMonitor {
  readonly store: HealthStore;
  readonly scheduler: Scheduler;
  readonly #options: HealthMonitorOptions;
  readonly #clock: Clock;
  readonly #registry: KindRegistry;
  readonly #board = new ServiceBoard();
  readonly #alerts: AlertEngine;
  #workspace: Workspace | null = null;
  #downsampleTimer?: TimerHandle;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#registry = options.registry ?? createRegistry();
    this.store = new HealthStore(options.db);
    this.#alerts = new AlertEngine({
      notifiers: [...(options.notifiers ?? [])],
      clock: this.#clock,
      recentDeploy: options.recentDeploy,
      onAlert: (alert) => options.events?.alert?.(alert),
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
      this.scheduler.setPlan([]);
      this.#board.retain(new Set());
      return [];
    }
    const { checks, problems } = planChecks(workspace, this.#registry);
    this.scheduler.setPlan(checks);
    const now = this.#clock.now();
    const pairs = this.#pairs();
    this.#board.retain(new Set(pairs.map(([s, e]) => `${s}@${e}`)));
    for (const [service, environment] of pairs) {
      this.#board.update(service, environment, this.#checksOf(service, environment), now);
    }
    return problems;
  }

  start(): void {
    this.scheduler.start();
    const every = this.#options.downsampleEveryMs ?? 5 * 60_000;
    const tick = () => {
      try {
        this.store.downsample(this.#clock.now());
      } catch (error) {
        console.error('[health] downsampling failed:', error);
      }
      this.#downsampleTimer = this.#clock.setTimeout(tick, every);
    };
    this.#downsampleTimer = this.#clock.setTimeout(tick, every);
  }

  async stop(): Promise<void> {
    if (this.#downsampleTimer) this.#clock.clearTimeout(this.#downsampleTimer);
    await this.scheduler.stop();
    await this.#alerts.close();
  }

  notifySuspend(): void {
    this.scheduler.notifySuspend();
  }

  notifyResume(): void {
    this.scheduler.notifyResume();
  }

  /**
   * Runs the named checks of a service in an environment once, now, outside the schedule (a deploy's health
   * gate). ok when none is down; the detail says each check's result in words. Nothing is stored or alerted.
   */
  async checkNow(request: {
    service: string;
    environment: string;
    checkIds: string[];
    signal?: AbortSignal;
  }): Promise<{ ok: boolean; detail: string }> {
    if (!this.#workspace) return { ok: false, detail: 'no workspace is open' };
    const { checks } = planChecks(this.#workspace, this.#registry);
    const chosen = checks.filter(
      (c) =>
        c.service === request.service && c.environment === request.environment && request.checkIds.includes(c.checkId),
    );
    const missing = request.checkIds.filter((id) => !chosen.some((c) => c.checkId === id));
    if (missing.length > 0) {
      return { ok: false, detail: `no check ${missing.join(', ')} for ${request.service} in ${request.environment}` };
    }
    const outcomes = await Promise.all(
      chosen.map((check) => {
        const controller = new AbortController();
        request.signal?.addEventListener('abort', () => controller.abort(request.signal?.reason), { once: true });
        return runOnce({
          registry: this.#registry,
          clock: this.#clock,
          check,
          memory: createMemory(),
          controller,
          transportFor: this.#options.transportFor,
        });
      }),
    );
    const ok = outcomes.every((o) => o.status !== 'down');
    const detail = outcomes.map((o, i) => `${chosen[i]?.checkId}: ${o.status} (${o.reason})`).join('; ');
    return { ok, detail };
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
    const slo = this.#workspace?.services[service]?.slo;
    if (!slo) return undefined;
    const checks = this.#checksOf(service, environment);
    const critical = checks.filter((c) => c.critical);
    return sloReport(
      this.store,
      (critical.length > 0 ? critical : checks).map((c) => c.key),
      slo,
      this.#clock.now(),
    );
  }

  #checksOf(service: string, environment: string): CheckView[] {
    return this.scheduler.views().filter((c) => c.service === service && c.environment === environment);
  }

  #pairs(): Array<[string, string]> {
    const pairs = new Map<string, [string, string]>();
    for (const c of this.scheduler.views()) pairs.set(`${c.service}@${c.environment}`, [c.service, c.environment]);
    return [...pairs.values()];
  }

  #refresh(service: string, environment: string, at: number): void {
    const change = this.#board.update(service, environment, this.#checksOf(service, environment), at);
    if (!change) return;
    this.#options.events?.service?.(change.next);
    void this.#alerts.onServiceChange(change.next);
  }

  #alertConfig(workspace: Workspace | null): { notifiers: Notifier[]; quietHours?: string } {
    const notifiers: Notifier[] = [...(this.#options.notifiers ?? [])];
    const config = workspace?.alerts;
    if (config?.desktop && this.#options.desktopNotify)
      notifiers.push(createDesktopNotifier(this.#options.desktopNotify));
    if (config?.slack) {
      notifiers.push(
        createSlackNotifier({
          webhook: config.slack.webhook,
          channel: config.slack.channel,
          env: this.#options.env,
          keychain: this.#options.keychain,
        }),
      );
    }
    return { notifiers, quietHours: config?.quietHours };
  }
}
