/**
 * The backend, assembled once: journal, workspace, services, the contract's handlers and the event bus.
 * The Electron shell and serve mode both start exactly this and differ only in the transport they put in front.
 */
import { mkdirSync } from 'node:fs';
import { hostname, platform } from 'node:os';
import { join } from 'node:path';
import { type AppInfo } from '../shared/api/app';
import { type Dispatch, createDispatch } from './api/dispatch';
import { EventBus } from './api/events';
import { type Dialogs, createHandlers } from './api/router';
import { type SqliteJournal, openJournal } from './journal/journal';
import { createSettingsService } from './journal/settings';
import { appVersion, demoWorkspacePath } from './paths';
import { createWorkspaceService } from './workspace/service';
import { type WorkspaceService } from './workspace/types';

export interface BackendOptions {
  /** Where the journal and the cockpit's own files live. */
  dataDir: string;
  transport: AppInfo['transport'];
  /** Open this workspace at start; otherwise the last one used, otherwise the demo. */
  workspacePath?: string;
  /** Open the built-in demo regardless of the last workspace used. */
  demo?: boolean;
  dialogs?: Dialogs;
  /** The Electron build of better-sqlite3 (the Node build, used by tests and the CLI, is the default). */
  nativeBinding?: string;
  /** Watch the workspace file and reload on save (default true). */
  watch?: boolean;
}

export interface Backend {
  dispatch: Dispatch;
  events: EventBus;
  journal: SqliteJournal;
  workspace: WorkspaceService;
  info: AppInfo;
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const journal = openJournal({
    file: join(options.dataDir, 'journal.db'),
    nativeBinding: options.nativeBinding,
    listeners: {
      onAction: (action) => events.emit('journal.action', action),
      onEntry: (entry) => events.emit('journal.entry', entry),
    },
  });
  journal.recoverInterrupted();
  // Output chunks are the bulk of the journal; the record of each action (intent, steps, result) is kept forever.
  journal.pruneOutput({ olderThanDays: 90 });

  const settings = createSettingsService(journal, (next) => events.emit('app.settingsChanged', next));
  const workspace = createWorkspaceService({
    journal,
    demoPath: demoWorkspacePath(),
    watch: options.watch ?? true,
    onChange: (state) => events.emit('workspace.changed', state),
  });

  const info: AppInfo = {
    name: 'Reliability Cockpit',
    version: appVersion(),
    transport: options.transport,
    canBrowse: options.dialogs !== undefined,
    dataDir: options.dataDir,
    platform: `${platform()} · ${hostname()}`,
    startedAt: new Date().toISOString(),
  };

  await openInitialWorkspace(workspace, options);

  const dispatch = createDispatch(createHandlers({ info: () => info, settings, workspace, journal, dialogs: options.dialogs }), {
    onInternalError: (method, error) => console.error(`[cockpit] ${method} failed:`, error),
  });

  return {
    dispatch,
    events,
    journal,
    workspace,
    info,
    async close() {
      workspace.close();
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
