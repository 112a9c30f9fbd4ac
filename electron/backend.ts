/**
 * The backend, assembled once: journal, workspace, the features (deploys, health, cost), the contract's handlers
 * and the event bus. The Electron shell, serve mode and the CLI all start exactly this and differ only in what
 * they put in front of it.
 */
import { mkdirSync } from 'node:fs';
import { hostname, platform } from 'node:os';
import { join } from 'node:path';
import { type AppInfo } from '../shared/api/app';
import { type WorkspaceState } from '../shared/model/workspace-state';
import { type SecretCipher } from './alerts/types';
import { type Dispatch, type Handlers, createDispatch } from './api/dispatch';
import { drainingDispatch } from './api/draining';
import { EventBus } from './api/events';
import { type Dialogs, createCoreHandlers } from './api/router';
import { type BackupsFeature, createBackupsFeature } from './backups/feature';
import { type CostMethodName, createCostBackendFeature } from './cost/feature';
import { type SandboxLauncher } from './demo/launcher';
import { type DeploysFeature, createDeploysFeature } from './deploys/feature';
import { type DrillsFeature, createDrillsFeature } from './drills/feature';
import { withInlineDemoCheck } from './features/demo-checker';
import { type StartGateOptions, createStartGate } from './features/start-gate';
import { type AlertNotice, type Feature, type FeatureContext, defaultCapabilities } from './features/types';
import { type HealthMethodName, createHealthFeature } from './health/feature';
import { type IncidentsFeature, createIncidentsFeature } from './incidents/feature';
import { type ReadinessFeature, createReadinessFeature } from './readiness/feature';
import { type RunbooksFeature, createRunbooksFeature } from './runbooks/feature';
import { type TimelineFeature, createTimelineFeature } from './timeline/feature';
import { type SqliteJournal, openJournal } from './journal/journal';
import { createSettingsService } from './journal/settings';
import { appVersion, demoWorkspacePath } from './paths';
import { type PromptAskers, createPromptsFeature } from './prompts/feature';
import { createTransportRegistry } from './remote/registry';
import { createWorkspaceChecker } from './workspace/checker';
import { createWorkspaceService } from './workspace/service';
import { type WorkspaceService } from './workspace/types';
import { log } from './log';

export interface BackendOptions {
  /** Where the journal and the cockpit's own files live. */
  dataDir: string;
  transport: AppInfo['transport'] | 'cli';
  /** Open this workspace at start; otherwise the last one used, otherwise the demo. */
  workspacePath?: string;
  /** Open the built-in demo regardless of the last workspace used. */
  demo?: boolean;
  dialogs?: Dialogs;
  /** Watch the workspace file and reload on save (default true; the CLI reads it once). */
  watch?: boolean;
  /** Start background work (health scheduler, budget checks). Default true; the CLI runs one-shot instead. */
  background?: boolean;
  /** Electron's safeStorage, for `keychain:` secrets; serve mode and the CLI have none and say so. */
  secretCipher?: SecretCipher;
  /** How the demo's sandboxes start: the desktop app passes utilityProcessLauncher (default: the running Node). */
  demoLauncher?: SandboxLauncher;
  /** Who answers an SSH key's passphrase and a confirm step; default: a dialog in every window (the CLI: its terminal). */
  prompts?: PromptAskers;
  /**
   * The demo's first launch runs its rollback drill (checkout on staging) once, so the Drills screen has a report to
   * show (default true; only in a background backend). Off for tests of other screens.
   */
  demoDrill?: boolean;
  /** How long after the demo opens its first-launch drill starts (default 20 s: the first screen comes first). */
  demoDrillDelayMs?: number;
  /** When background work starts (default: after the first screen's answers, at the latest 1 s after start). */
  startGate?: StartGateOptions;
  now?: () => Date;
}

export interface Backend {
  dispatch: Dispatch;
  events: EventBus;
  journal: SqliteJournal;
  workspace: WorkspaceService;
  context: FeatureContext;
  features: {
    deploys: DeploysFeature;
    health: Feature<HealthMethodName>;
    cost: Feature<CostMethodName>;
    backups: BackupsFeature;
    incidents: IncidentsFeature;
    drills: DrillsFeature;
    runbooks: RunbooksFeature;
    timeline: TimelineFeature;
    readiness: ReadinessFeature;
  };
  handlers: Handlers;
  info: AppInfo;
  close(): Promise<void>;
}

/** How long closing waits for answers still being worked on; past it they are abandoned. */
const CLOSE_WAIT_MS = 3_000;

export async function createBackend(options: BackendOptions): Promise<Backend> {
  mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const events = new EventBus();
  const journal = openJournal({
    file: join(options.dataDir, 'journal.db'),
    listeners: {
      onAction: (action) => events.emit('journal.action', action),
      onEntry: (entry) => events.emit('journal.entry', entry),
    },
  });
  journal.recoverInterrupted();
  // Output chunks are the bulk of the journal; the record of each action (intent, steps, result) is kept forever.
  journal.pruneOutput({ olderThanDays: 90 });

  const workspaceListeners = new Set<(state: WorkspaceState) => void>();
  const settings = createSettingsService(journal, (next) => events.emit('app.settingsChanged', next));
  const demoPath = demoWorkspacePath();
  const workspace = createWorkspaceService({
    journal,
    demoPath,
    checker: withInlineDemoCheck(createWorkspaceChecker(), demoPath),
    watch: options.watch ?? true,
    onChange: (state) => {
      events.emit('workspace.changed', state);
      for (const listener of workspaceListeners) listener(state);
    },
  });

  const transport = options.transport === 'cli' ? 'websocket' : options.transport;
  const info: AppInfo = {
    name: 'Reliability Cockpit',
    version: appVersion(),
    transport,
    canBrowse: options.dialogs !== undefined,
    canSavePdf: options.dialogs?.savePdf !== undefined,
    dataDir: options.dataDir,
    platform: `${platform()} · ${hostname()}`,
    startedAt: now().toISOString(),
  };

  // Background work starts after the first screen has been answered (the CLI runs none: open from the start).
  const gate = createStartGate(options.startGate);
  if (!(options.background ?? true)) gate.open();

  const prompts = createPromptsFeature({ events, now, ...options.prompts });
  const transports = createTransportRegistry({
    hosts: () => workspace.current().workspace?.hosts ?? {},
    knownHostsFile: join(options.dataDir, 'known_hosts'),
    dataDir: options.dataDir,
    prompt: prompts.passphrase,
  });
  const context: FeatureContext = {
    dataDir: options.dataDir,
    journal,
    db: journal.db,
    events,
    workspace,
    transports,
    background: options.background ?? true,
    started: gate.opened,
    onWorkspaceChange(listener) {
      workspaceListeners.add(listener);
      return () => workspaceListeners.delete(listener);
    },
    notify: (notice: AlertNotice) => events.emit('app.alert', { ...notice, at: now().toISOString() }),
    capabilities: defaultCapabilities(),
    contributions: { timeline: [], readiness: [] },
    now,
  };
  // Health first: deploys gate on its checks; the others read deploy markers through capabilities, late-bound.
  const health = createHealthFeature(context, {
    cipher: options.secretCipher,
    demo: { launcher: options.demoLauncher },
  });
  const deploys = createDeploysFeature(context, { confirm: prompts.confirm });
  const cost = createCostBackendFeature(context);
  const backups = createBackupsFeature(context, { cipher: options.secretCipher });
  const incidents = createIncidentsFeature(context);
  const drills = createDrillsFeature(context, {
    demoDrill: options.demoDrill ?? true,
    ...(options.demoDrillDelayMs !== undefined ? { demoDelayMs: options.demoDrillDelayMs } : {}),
  });
  const runbooks = createRunbooksFeature(context, { confirm: prompts.confirm });
  // Last: they read what every other feature contributed.
  const timeline = createTimelineFeature(context);
  const readiness = createReadinessFeature(context);

  await openInitialWorkspace(workspace, options);

  const handlers: Handlers = {
    ...createCoreHandlers({ info: () => info, settings, workspace, journal, dialogs: options.dialogs }),
    ...deploys.handlers,
    ...health.handlers,
    ...cost.handlers,
    ...backups.handlers,
    ...incidents.handlers,
    ...drills.handlers,
    ...runbooks.handlers,
    ...timeline.handlers,
    ...readiness.handlers,
    ...prompts.handlers,
  };
  // Requests that arrive while the backend closes are refused in words rather than reaching a closed journal.
  const draining = drainingDispatch(
    createDispatch(handlers, {
      onInternalError: (method, error) => log.error(`[cockpit] ${method} failed:`, error),
    }),
  );
  const dispatch = gate.track(draining.dispatch);
  gate.arm();

  let closed = false;
  return {
    dispatch,
    events,
    journal,
    workspace,
    context,
    features: { deploys, health, cost, backups, incidents, drills, runbooks, timeline, readiness },
    handlers,
    info,
    async close() {
      if (closed) return;
      closed = true;
      // Answers being worked on finish first (briefly): they may still write to the journal.
      gate.dispose();
      await draining.drain(CLOSE_WAIT_MS);
      workspace.close();
      // Open questions end first, so nothing waits on a window that will never answer.
      await prompts.close();
      // A drill ends first (it may still restore a healthy release through deploys), incidents after it.
      for (const feature of [readiness, timeline, runbooks, drills, incidents, backups, cost, deploys, health]) {
        await feature.close();
      }
      await transports.closeAll();
      journal.close();
    },
  };
}

/** The workspace asked for, else the most recent one that still loads, else the demo. */
async function openInitialWorkspace(workspace: WorkspaceService, options: BackendOptions) {
  if (options.demo) {
    await workspace.openDemo();
    return;
  }
  if (options.workspacePath) {
    await workspace.open(options.workspacePath);
    return;
  }
  const [recent] = workspace.recent();
  if (recent) {
    const state = await workspace.open(recent.path);
    if (state.workspace) return;
  }
  await workspace.openDemo();
}
