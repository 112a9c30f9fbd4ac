/**
 * TEST CODE ONLY — a real FeatureContext as the backend builds one, for a feature's tests: a journal in a folder
 * (so a feature's tables come from the journal's own migrations), the real workspace service reading files the
 * test writes, an event bus whose events are recorded, recorded notifications and the shared transport pool.
 * The cost and health test contexts are this plus what their feature needs.
 */
import { join } from 'node:path';
import { type EventName, type Payload } from '../../../shared/api';
import { type WorkspaceState } from '../../../shared/model/workspace-state';
import { EventBus } from '../../api/events';
import { type SqliteJournal, openJournal } from '../../journal/journal';
import { createTransportRegistry } from '../../remote/registry';
import { createWorkspaceService } from '../../workspace/service';
import { type WorkspaceService } from '../../workspace/types';
import { type AlertNotice, type Capabilities, type FeatureContext, defaultCapabilities } from '../types';

export interface TestFeatureContextOptions {
  dir: string;
  /** The workspace `workspace.openDemo()` opens. */
  demoPath: string;
  background: boolean;
  now?: () => Date;
  capabilities?: Capabilities;
}

export interface TestFeatureContext {
  context: FeatureContext;
  journal: SqliteJournal;
  workspace: WorkspaceService;
  notices: AlertNotice[];
  events: { event: EventName; payload: unknown }[];
  eventsOf<K extends EventName>(name: K): Payload<K>[];
  /** Stops what the context started (the folder is the caller's). */
  close(): Promise<void>;
}

export function createTestFeatureContext(options: TestFeatureContextOptions): TestFeatureContext {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  const bus = new EventBus();
  const events: { event: EventName; payload: unknown }[] = [];
  const unsubscribe = bus.subscribe((message) =>
    events.push({ event: message.event as EventName, payload: message.payload }),
  );
  const journal = openJournal({ file: join(dir, 'journal.db'), now });
  const listeners = new Set<(state: WorkspaceState) => void>();
  const workspace = createWorkspaceService({
    journal,
    demoPath: options.demoPath,
    watch: false,
    now,
    onChange: (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  const transports = createTransportRegistry({
    hosts: () => workspace.current().workspace?.hosts ?? {},
    knownHostsFile: join(dir, 'known_hosts'),
    dataDir: dir,
    systemKnownHosts: null,
  });
  const notices: AlertNotice[] = [];
  const context: FeatureContext = {
    dataDir: dir,
    journal,
    db: journal.db,
    events: bus,
    workspace,
    transports,
    background: options.background,
    contributions: { timeline: [], readiness: [] },
    onWorkspaceChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => notices.push(notice),
    capabilities: options.capabilities ?? defaultCapabilities(),
    now,
  };
  return {
    context,
    journal,
    workspace,
    notices,
    events,
    eventsOf: <K extends EventName>(name: K) =>
      events.filter((e) => e.event === name).map((e) => e.payload as Payload<K>),
    async close() {
      unsubscribe();
      await transports.closeAll();
      workspace.close();
      journal.close();
    },
  };
}
