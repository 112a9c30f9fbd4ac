/**
 * The backups feature as the backend sees it: it verifies declared backups (on the scheduler in the app and serve
 * mode, on demand everywhere), keeps their history in its own tables, works out each backup's status against its
 * promises, raises alerts once per episode, and hands restore drills to the drill service. Every verification is a
 * `backups.verify` journal action (intent before, result after); windows hear `backups.changed` after each
 * verification and each drill's start and end.
 */
import { userInfo } from 'node:os';
import { type BackupsOverview } from '../../shared/api/backups';
import { type BackupStatus, type RestoreDrill } from '../../shared/model/backups';
import { CockpitError } from '../../shared/rpc';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { createAlertOverrides, effectiveQuietHours } from '../alerts/overrides';
import { type Notifier, type SecretCipher, type SecretStore } from '../alerts/types';
import { type Feature, type FeatureContext } from '../features/types';
import { type Clock, type TimerHandle, systemClock } from '../health/clock';
import { seedDemoBackups } from '../demo/seed-backups';
import { log } from '../log';
import { Semaphore } from '../remote/semaphore';
import { BackupAlerter, alertsFor } from './alerts';
import { backupsKeychain, createSourceContext } from './context';
import { type DeclaredBackup, declaredBackups, matchBackups } from './declared';
import { createDrillService } from './drill/service';
import { type DrillService } from './drill/types';
import { type BackupsMethodName, createBackupsHandlers } from './handlers';
import { BackupHistory, type BackupRef } from './history';
import { VerificationScheduler } from './scheduler';
import { migrateBackups } from './schema';
import { kindFor as registryKindFor } from './sources/registry';
import { backupStatus, overviewOf } from './status';
import { backupsTimeline } from './timeline';
import { backupsReadiness } from './readiness';
import { type KindLookup, verifyBackup } from './verify';
import { copiesWord } from './words';

export type { BackupsMethodName };

/**
 * Verifications running at once. Twice the default channels per SSH host (8): while some verifications write their
 * results, others keep the host's channels busy. The transport itself holds each host to its own limit.
 */
export const VERIFY_CONCURRENCY = 16;
const DAY_MS = 86_400_000;

export interface BackupsFeatureOptions {
  /** Tests: a drill service instead of the real one (built from this feature's deps otherwise). */
  drills?: DrillService;
  /** Tests: source kinds instead of the registry's. */
  kindFor?: KindLookup;
  /** Tests: a manual clock for the scheduler and quiet hours. */
  clock?: Clock;
  /** The desktop app's safeStorage, for `keychain:` secrets (restic passwords, the Slack webhook). */
  cipher?: SecretCipher;
  /** Tests: replaces the keychain. */
  keychain?: SecretStore;
  /** Tests: replaces the Slack notifier. */
  slack?: (config: NonNullable<AlertsConfig['slack']>) => Notifier;
  /** Tests: the delay before the first scheduled verification (default 5 s). */
  firstRunDelayMs?: number;
}

export interface BackupsFeature extends Feature<BackupsMethodName> {
  overview(): BackupsOverview;
  /**
   * Verifies the matching backups now and answers when done. `scheduled` runs them as the scheduler does: a passed
   * integrity result of an unchanged copy is carried over, and only changed outcomes are journaled.
   */
  verify(filter?: { service?: string; backup?: string }, options?: { scheduled?: boolean }): Promise<BackupsOverview>;
  drills: DrillService;
  /** When a backup is verified next by the scheduler (null in the CLI). */
  nextVerificationAt(key: string): Date | null;
}

export function createBackupsFeature(context: FeatureContext, options: BackupsFeatureOptions = {}): BackupsFeature {
  migrateBackups(context.db);
  const history = new BackupHistory(context.db);
  const kindFor = options.kindFor ?? registryKindFor;
  const clock = options.clock ?? systemClock;
  const now = () => (options.clock ? new Date(options.clock.now()) : context.now());
  const keychain = options.keychain ?? backupsKeychain(context.dataDir, options.cipher);
  const overrides = createAlertOverrides(context.journal);
  const sourceDeps = { transport: (host: string) => context.transports.get(host), now, keychain };
  const inflight = new Map<string, Promise<void>>();
  const slots = new Semaphore(VERIFY_CONCURRENCY);
  const timers: TimerHandle[] = [];
  // Closing stops listings and integrity commands still running, so the journal can close behind them.
  const stopping = new AbortController();
  let closed = false;

  const workspace = () => context.workspace.current().workspace;
  const workspaceKey = () => {
    const state = context.workspace.current();
    return state.loadedFrom?.path ?? state.source?.path ?? 'none';
  };
  const declared = () => declaredBackups(workspace());
  const refOf = (d: DeclaredBackup): BackupRef => ({
    workspace: workspaceKey(),
    service: d.service,
    backup: d.config.id,
  });

  function alertsConfig(): AlertsConfig | undefined {
    const config = workspace()?.alerts;
    const quiet = effectiveQuietHours(config, overrides.get()).quietHours;
    return { desktop: config?.desktop ?? true, ...config, ...(quiet ? { quietHours: quiet } : {}) };
  }

  const alerter = new BackupAlerter({
    history,
    journal: context.journal,
    notify: (notice) => context.notify(notice),
    alertsConfig,
    clock,
    canWait: context.background,
    keychain,
    ...(options.slack ? { slack: options.slack } : {}),
  });

  const scheduler = context.background
    ? new VerificationScheduler(clock, (key) => verifyKey(key, true), options.firstRunDelayMs)
    : undefined;

  function changed(keys: string[]): void {
    if (!closed) context.events.emit('backups.changed', { at: now().toISOString(), keys });
  }

  // The drill service answers from the journal and runs drills; late-bound status updates come back through onEnded.
  const drillService =
    options.drills ??
    createDrillService({
      journal: context.journal,
      db: context.db,
      backup: (service, backup) => declared().find((d) => d.service === service && d.config.id === backup)?.config,
      environments: () => workspace()?.environments ?? {},
      listCopies: (_service, backup, signal) =>
        kindFor(backup.source).list(
          backup.source,
          createSourceContext(sourceDeps, { ...(signal ? { signal } : {}), unattended: false }),
        ),
      kindFor,
      sourceContext: createSourceContext(sourceDeps, { unattended: false }),
      transports: (host) => context.transports.get(host),
      emit: (event) => context.events.emit('backups.drillRun', event),
      onEnded: (drill) => drillEnded(drill),
      now,
      actor: userInfo().username,
    });

  /**
   * The demo's copies are made (or topped up to last night) when first needed — before a verification or a drill
   * — rather than when the demo opens: the first screen never waits for them, and a demo left open for days still
   * gets each night's copy.
   */
  function prepareDemo(): void {
    const state = context.workspace.current();
    if (state.loadedFrom?.kind !== 'demo' || !state.workspace) return;
    try {
      seedDemoBackups({ dataDir: context.dataDir, workspace: state.workspace, now: now() });
    } catch (error) {
      log.error('[cockpit] seeding the demo backups failed:', error instanceof Error ? error.message : error);
    }
  }
  const drills: DrillService = {
    start(input) {
      prepareDemo();
      return drillService.start(input);
    },
    cancel: (runId) => drillService.cancel(runId),
    list: (filter) => drillService.list(filter),
    get: (runId) => drillService.get(runId),
    report: (runId) => drillService.report(runId),
    last: (service, backup) => drillService.last(service, backup),
    running: (service, backup) => drillService.running(service, backup),
    close: () => drillService.close(),
  };

  function statusOf(d: DeclaredBackup): BackupStatus {
    return backupStatus({
      declared: d,
      ref: refOf(d),
      history,
      drill: { last: drills.last(d.service, d.config.id), running: drills.running(d.service, d.config.id) },
      now: now(),
      nextVerificationAt: scheduler?.nextAt(d.key) ?? null,
      verifying: inflight.has(d.key),
    });
  }

  function overview(): BackupsOverview {
    return overviewOf(declared().map(statusOf));
  }

  async function raiseAlerts(d: DeclaredBackup): Promise<void> {
    try {
      await alerter.raise(alertsFor(refOf(d), statusOf(d), now()));
    } catch (error) {
      log.error('[cockpit] backup alerts failed:', error instanceof Error ? error.message : error);
    }
  }

  function drillEnded(drill: RestoreDrill): void {
    const d = declared().find((b) => b.service === drill.service && b.config.id === drill.backup);
    changed([`${drill.service}/${drill.backup}`]);
    if (d) void raiseAlerts(d);
  }

  /** One verification, journaled; concurrent requests for the same backup share it. */
  function verifyOne(d: DeclaredBackup, scheduled: boolean): Promise<void> {
    const running = inflight.get(d.key);
    if (running) return running;
    const work = (async () => {
      const release = await slots.acquire();
      try {
        if (closed) return;
        const ref = refOf(d);
        const intent = {
          kind: 'backups.verify',
          title: `Verify backup ${d.key}`,
          target: d.key,
          data: { service: d.service, backup: d.config.id, scheduled },
        };
        // One asked for is journaled before it starts. A scheduled one (hourly, for every backup) is written only
        // when its outcome differs from the last one: the Activity list and the Overview's "Recent activity" keep
        // to what changed, and every verification stays in the backup's own history either way.
        const before = scheduled ? (history.last(ref)?.verification.status ?? null) : null;
        let action = scheduled ? null : context.journal.begin(intent);
        changed([d.key]);
        const outcome = await verifyBackup(ref, d.config, {
          kindFor,
          context: createSourceContext(sourceDeps, { unattended: scheduled, signal: stopping.signal }),
          history,
          now,
          reuseIntegrity: scheduled,
        });
        history.record(ref, outcome, outcome.listed);
        const { verification } = outcome;
        if (scheduled && verification.status !== before) action = context.journal.begin(intent);
        const notOk = verification.checks.filter((c) => c.status !== 'ok' && c.status !== 'skipped');
        const summary = notOk.length
          ? notOk.map((c) => `${c.kind} ${c.status}: ${c.summary}`).join('; ')
          : `all checks passed (${copiesWord(outcome.copies ?? 0)})`;
        const data = { status: verification.status, checks: verification.checks.map((c) => `${c.kind}:${c.status}`) };
        if (action) {
          if (verification.status === 'failed' || verification.status === 'error') action.fail(summary, data);
          else action.succeed(summary, data);
        }
      } finally {
        release?.();
        inflight.delete(d.key);
      }
      if (!closed) {
        changed([d.key]);
        await raiseAlerts(d);
      }
    })();
    inflight.set(d.key, work);
    return work;
  }

  async function verifyKey(key: string, scheduled: boolean): Promise<void> {
    const d = declared().find((b) => b.key === key);
    if (!d) return;
    prepareDemo();
    await verifyOne(d, scheduled);
  }

  async function verify(
    filter: { service?: string; backup?: string } = {},
    options: { scheduled?: boolean } = {},
  ): Promise<BackupsOverview> {
    if (closed) throw new CockpitError('UNAVAILABLE', 'The cockpit is shutting down.');
    if (!workspace()) {
      throw new CockpitError('INVALID_WORKSPACE', 'No workspace is open: open a cockpit.yaml to verify its backups.');
    }
    const matched = matchBackups(declared(), filter);
    prepareDemo();
    await Promise.all(
      matched.map(async (d) => {
        await verifyOne(d, options.scheduled ?? false);
        scheduler?.ranNow(d.key);
      }),
    );
    return overview();
  }

  function prune(): void {
    try {
      history.prune(now());
    } catch (error) {
      log.error('[cockpit] backup history prune failed:', error instanceof Error ? error.message : error);
    }
  }

  function plan(): void {
    scheduler?.plan(declared().map((d) => ({ key: d.key, everyMs: d.config.every })));
  }

  prune();
  plan();
  const unsubscribe = context.onWorkspaceChange(() => {
    plan();
    changed(declared().map((d) => d.key));
  });
  if (context.background) {
    const daily = () => {
      prune();
      timers.push(clock.setTimeout(daily, DAY_MS));
    };
    timers.push(clock.setTimeout(daily, DAY_MS));
  }

  const handlers = createBackupsHandlers({
    overview,
    verify,
    history: (service, backup, days) => {
      const d = matchBackups(declared(), { service, backup })[0];
      const ref = d ? refOf(d) : { workspace: workspaceKey(), service, backup };
      return {
        points: history.points(ref, new Date(now().getTime() - days * DAY_MS)),
        copies: history.listing(ref),
      };
    },
    drills,
    drillStarted: (service, backup) => changed([`${service}/${backup}`]),
  });

  context.contributions.timeline.push(backupsTimeline({ db: context.db, workspace }));
  context.contributions.readiness.push(backupsReadiness(() => (workspace() ? overview().backups : null), now));

  return {
    handlers,
    overview,
    verify,
    drills,
    nextVerificationAt: (key) => scheduler?.nextAt(key) ?? null,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      scheduler?.stop();
      alerter.close();
      for (const timer of timers) clock.clearTimeout(timer);
      stopping.abort();
      await drills.close();
      await Promise.allSettled([...inflight.values()]);
    },
  };
}
