/**
 * The health feature as the backend sees it (see electron/features/types.ts): the monitor on the journal's
 * database, following the open workspace; its contract handlers and the demo's; its events, coalesced; alerts
 * to the desktop (through the backend's notify), Slack and the journal; the deploy gate's `checkHealth`. A
 * `keychain:` webhook is read from the keychain file in the data folder, which only the Electron shell's cipher can
 * open; quiet hours set in the app are kept in the journal's settings and win over the workspace's.
 *
 * The scheduler runs only in the background-capable backend (the app, serve mode). The CLI watches nothing: its
 * `health.runNow` checks once. While the built-in demo workspace is open in the app or serve mode, the demo's
 * sandbox services run too (electron/demo/runtime.ts) and stop when another workspace opens or the app closes.
 */
import { join } from 'node:path';
import { type DemoStatus } from '../../shared/api/demo';
import { type healthMethods } from '../../shared/api/health';
import { type demoMethods } from '../../shared/api/demo';
import { type Alert, type CheckView, type ServiceHealth } from '../../shared/model/health';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { journalAlert, alertsFromJournal } from '../alerts/journal';
import { KEYCHAIN_FILE, createKeychainStore } from '../alerts/keychain-store';
import { createAlertOverrides } from '../alerts/overrides';
import { describeRecentDeploy } from '../alerts/recent-change';
import { type Keychain, type SecretCipher } from '../alerts/types';
import { createDemoHandlers } from '../demo/handlers';
import { DemoRuntime, type DemoRuntimeOptions } from '../demo/runtime';
import { type Feature, type FeatureContext } from '../features/types';
import { type Transport } from '../remote/types';
import { demoAwareRegistry } from './demo-kinds';
import { healthEvidence } from './evidence';
import { firstFailure } from './first-failure';
import { healthOf } from './health-of';
import { createHealthHandlers } from './handlers';
import { HealthMonitor, type HealthMonitorOptions } from './monitor';
import { type CheckOnceResult } from './one-shot';
import { buildOverview } from './overview';
import { lastDeploy } from './recent-deploy';
import { SampleCoalescer } from './sample-coalescer';
import { healthTimeline } from './timeline';
import { healthReadiness } from './readiness';
import { withSplitFleet } from './split-fleet';
import { log } from '../log';

export type HealthMethodName = (keyof typeof healthMethods | keyof typeof demoMethods) & string;

export interface HealthFeature extends Feature<HealthMethodName> {
  readonly monitor: HealthMonitor;
  /** The machine is about to sleep (Electron's powerMonitor): the "not watched" gap starts now. */
  suspend(): void;
  /** The machine woke: the gap is recorded and every check runs at once. */
  resume(): void;
  /**
   * Starts the demo's sandbox services now when the demo workspace is loaded, for a backend that does not run
   * them by itself (the CLI's `cockpit status --demo`); they stop when the feature closes.
   */
  startDemo(): Promise<DemoStatus>;
}

export interface HealthFeatureOptions {
  /**
   * Encrypts `keychain:` entries (the desktop app's safeStorage). Without it (serve mode, the CLI) the keychain
   * says it is unavailable here and stores nothing.
   */
  cipher?: SecretCipher;
  /** Tests: replaces the keychain file in the data folder. */
  keychain?: Keychain;
  /** Where `env:` references are read (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Tests: replaces the transport registry for host-metric checks. */
  transportFor?: (host: string) => Transport;
  /** Tests: clock, heartbeat, spreads. */
  monitor?: Partial<HealthMonitorOptions>;
  /** Tests: the demo runtime's script, retries, start timeout. */
  demo?: Partial<DemoRuntimeOptions>;
  /** At most one `health.sample` event per this long (default 1 s). */
  sampleEveryMs?: number;
}

/** The shell's way to the feature's extras, whatever type the backend declares its health feature with. */
export function isHealthFeature(feature: object): feature is HealthFeature {
  return 'suspend' in feature && 'resume' in feature && 'startDemo' in feature;
}

const RECENT_ALERTS = 200;

export function createHealthFeature(context: FeatureContext, options: HealthFeatureOptions = {}): HealthFeature {
  const now = () => context.now().getTime();
  const env = options.env ?? process.env;
  const keychain =
    options.keychain ?? createKeychainStore({ file: join(context.dataDir, KEYCHAIN_FILE), cipher: options.cipher });
  const overrides = createAlertOverrides(context.journal);
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const announceDemo = () => {
    if (closed) return;
    void runtime.status().then(
      (status) => !closed && context.events.emit('demo.changed', status),
      () => undefined,
    );
  };
  const runtime = new DemoRuntime({
    dataDir: context.dataDir,
    portInUse: context.background ? 'problem' : 'share',
    onChange: announceDemo,
    ...options.demo,
  });
  const samples = new SampleCoalescer(
    (checks: CheckView[]) => context.events.emit('health.sample', { at: now(), checks }),
    options.sampleEveryMs,
  );
  const recent: Alert[] = safely(() => alertsFromJournal(context.journal, RECENT_ALERTS), []);

  const deployLine = (service: string, environment: string): string | null => {
    const deploy = lastDeploy(context.capabilities, service, environment, now());
    return deploy ? describeRecentDeploy(deploy, now()) : null;
  };

  const monitor = new HealthMonitor({
    db: context.db,
    registry: demoAwareRegistry((port) => runtime.problemForPort(port)),
    // The backend's one pool: host-metric checks share each host's SSH connection with deploys.
    transportFor: options.transportFor ?? ((host) => context.transports.get(host)),
    desktopNotify: (n) => {
      // A "down" opened an incident just before its alert: the notification offers "I'm on it" for it.
      const incidentId =
        n.severity === 'critical' && n.service && n.environment
          ? context.capabilities.openIncident(n.service, n.environment)
          : null;
      context.notify({
        title: n.title,
        body: n.body,
        severity: n.severity,
        route: incidentId ? 'incidents' : 'health',
        ...(incidentId ? { incidentId } : {}),
      });
    },
    keychain,
    env,
    quietHoursOverride: () => safely(() => overrides.get().quietHours, null),
    recentDeploy: (service, environment) => lastDeploy(context.capabilities, service, environment, now()),
    onDelivered: (alert, outcome) => safely(() => journalAlert(context.journal, alert, outcome), undefined),
    // Late-bound: the drills feature sets the capability after this one is created.
    practice: (service, environment) => context.capabilities.practice(service, environment),
    ...options.monitor,
    events: {
      check: (view) => samples.push(view),
      service: (service) => emitStatus(service),
      alert: (alert) => {
        recent.unshift(alert);
        recent.length = Math.min(recent.length, RECENT_ALERTS);
        context.events.emit('health.alert', alert);
      },
    },
  });

  function overview(oneShot?: CheckOnceResult) {
    const checks = oneShot?.checks ?? monitor.checks();
    return buildOverview({
      at: now(),
      services: withSplits(oneShot?.services ?? monitor.services()),
      checksOf: (s, e) => checks.filter((c) => c.service === s && c.environment === e),
      lastDeploy: deployLine,
      // Before the first screen was answered the checks are about to start: "checking…", not "not watching".
      watching: monitor.watching || (context.background && !started),
      problems: monitor.problems(),
    });
  }

  /** A fleet split across releases is degraded wherever statuses show (the deploys feature says what hosts run). */
  function withSplits(services: ServiceHealth[]): ServiceHealth[] {
    return services.map((s) => withSplitFleet(s, context.capabilities.releasesByHost(s.service, s.environment)));
  }

  function emitStatus(service: ServiceHealth | null): void {
    if (closed) return;
    context.events.emit('health.status', { at: now(), worst: overview().worst, service });
  }

  /**
   * Follows the open workspace: the demo's sandboxes first (so first checks find them up), then the plan. The plan is
   * set at once, without checks, so the overview shows every check's last known state; the sandboxes and the checks
   * wait until the first screen has been answered (context.started): on two cores, seven sandboxes starting and the
   * checks' runs took the CPU the first page needed.
   */
  function follow(state: WorkspaceState): void {
    const mine = ++followed;
    if (!started && !closed) monitor.setWorkspace(state.workspace);
    chain = chain
      .then(async () => {
        await startGate;
        // A newer state is queued behind this one (the workspace opened while the gate was shut): applying this
        // one first would only take away the plan shown meanwhile, and start checks before its sandboxes are up.
        if (closed || mine !== followed) return;
        const demo = state.loadedFrom?.kind === 'demo' ? state.workspace : null;
        try {
          if (context.background || !demo) await runtime.sync(demo);
        } catch (error) {
          // The checks still run: each says its sandbox is not running (runtime.problemForPort).
          log.error('[health] starting the demo sandboxes failed:', error);
        }
        if (closed || mine !== followed) return;
        const problems = monitor.setWorkspace(state.workspace);
        for (const p of problems) log.warn(`[health] ${p.message}`);
        // After this workspace's sandboxes are up: a check must not find its sandbox still starting.
        if (context.background && !monitor.watching) monitor.start();
        emitStatus(null);
      })
      .catch((error: unknown) => log.error('[health] following the workspace failed:', error));
  }

  // A gate asked right after the workspace opened waits for the plan to follow it.
  context.capabilities.healthEvidence = async (request) => healthEvidence(monitor.store, request, context.now());
  context.capabilities.checkHealth = async (request) => {
    await chain;
    return monitor.checkNow(request);
  };
  context.capabilities.firstFailure = (request) => firstFailure(monitor.store, monitor.planned(), request);
  context.capabilities.healthOf = (service, environment) =>
    healthOf(
      { services: withSplits(monitor.services()), planned: monitor.planned(), views: monitor.checks() },
      service,
      environment,
    );
  // In the app and serve mode everything is watched already; the CLI's drill makes the scheduler run this pair.
  context.capabilities.watchHealth = (service, environment) => monitor.watchOnly(service, environment);
  context.capabilities.checkSoon = (service, environment) => {
    if (monitor.watching) void monitor.runNow({ service, environment }, false);
  };
  let started = context.started === undefined;
  let followed = 0;
  // Closing stops the wait too: a backend closed before its first screen was answered must not hang on it.
  let stopWaiting: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => {
    stopWaiting = resolve;
  });
  const startGate = Promise.race([context.started ?? Promise.resolve(), closing]).then(() => {
    started = true;
  });
  const unsubscribe = context.onWorkspaceChange(follow);
  follow(context.workspace.current());

  const handlers = {
    ...createHealthHandlers({
      monitor,
      capabilities: context.capabilities,
      overview,
      recentAlerts: () => recent,
      alertsConfig: () => context.workspace.current().workspace?.alerts,
      secrets: { env, keychain },
      overrides,
      overridesChanged: () => monitor.reconfigureAlerts(),
      journal: context.journal,
      now,
      settled: () => chain,
    }),
    ...createDemoHandlers({
      runtime,
      journal: context.journal,
      checkSoon: (service, environment) => context.capabilities.checkSoon(service, environment),
    }),
  };

  context.contributions.timeline.push(healthTimeline({ db: context.db, planned: () => monitor.planned() }));
  context.contributions.readiness.push(
    healthReadiness(context, { env, keychain, overrides, flap: () => monitor.flapPolicy }),
  );

  return {
    handlers,
    monitor,
    suspend: () => monitor.notifySuspend(),
    resume: () => monitor.notifyResume(),
    async startDemo() {
      await chain;
      const state = context.workspace.current();
      if (!closed && state.loadedFrom?.kind === 'demo') await runtime.sync(state.workspace);
      return runtime.status();
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWaiting();
      unsubscribe();
      await chain;
      samples.close();
      await monitor.stop();
      await runtime.stop();
    },
  };
}

/** A journal read or write must never take health monitoring down with it. */
function safely<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    log.error('[health] journal:', error instanceof Error ? error.message : error);
    return fallback;
  }
}
