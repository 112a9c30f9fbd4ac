/**
 * TEST CODE ONLY — a real FeatureContext for the health feature: a journal in a temp folder (the health tables come
 * from the journal's own migrations), the real workspace service whose built-in "demo" is a small demo-shaped
 * workspace on free loopback ports (the real demo's ports are fixed and may be in use on this machine), recorded
 * events and notifications, and deploy markers the test sets. `close()` removes everything it made.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventName, type Payload } from '../../../shared/api';
import { type DeployMarker } from '../../../shared/model/markers';
import { type WorkspaceState } from '../../../shared/model/workspace-state';
import { EventBus } from '../../api/events';
import { type DemoPorts, demoInput } from '../../demo/testing/demo-workspace';
import { type AlertNotice, type FeatureContext, defaultCapabilities } from '../../features/types';
import { type SqliteJournal, openJournal } from '../../journal/journal';
import { createTransportRegistry } from '../../remote/registry';
import { createWorkspaceService } from '../../workspace/service';
import { type WorkspaceService } from '../../workspace/types';

export interface HealthTestContext {
  context: FeatureContext;
  dir: string;
  journal: SqliteJournal;
  workspace: WorkspaceService;
  notices: AlertNotice[];
  markers: DeployMarker[];
  eventsOf<K extends EventName>(name: K): Payload<K>[];
  /** Writes a workspace file (JSON is YAML too) and returns its path. */
  writeWorkspace(name: string, content: unknown): string;
  close(): Promise<void>;
}

export function createHealthTestContext(options: { background: boolean; ports: DemoPorts; dir?: string }) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cockpit-health-feature-'));
  const bus = new EventBus();
  const recorded: Array<{ event: string; payload: unknown }> = [];
  const unsubscribe = bus.subscribe((m) => recorded.push({ event: m.event, payload: m.payload }));
  const journal = openJournal({ file: join(dir, 'journal.db') });
  const demoPath = join(dir, 'demo-cockpit.yaml');
  writeFileSync(demoPath, JSON.stringify(demoInput(options.ports), null, 2));
  const listeners = new Set<(state: WorkspaceState) => void>();
  const workspace = createWorkspaceService({
    journal,
    demoPath,
    watch: false,
    onChange: (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  const notices: AlertNotice[] = [];
  const markers: DeployMarker[] = [];
  const transports = createTransportRegistry({
    hosts: () => workspace.current().workspace?.hosts ?? {},
    knownHostsFile: join(dir, 'known_hosts'),
    dataDir: dir,
    systemKnownHosts: null,
  });
  const capabilities = defaultCapabilities();
  capabilities.deployMarkers = () => [...markers];
  const context: FeatureContext = {
    dataDir: dir,
    journal,
    db: journal.db,
    events: bus,
    workspace,
    transports,
    background: options.background,
    onWorkspaceChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => notices.push(notice),
    capabilities,
    now: () => new Date(),
  };
  const test: HealthTestContext = {
    context,
    dir,
    journal,
    workspace,
    notices,
    markers,
    eventsOf: <K extends EventName>(name: K) =>
      recorded.filter((e) => e.event === name).map((e) => e.payload as Payload<K>),
    writeWorkspace(name, content) {
      const file = join(dir, name);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    async close() {
      unsubscribe();
      await transports.closeAll();
      workspace.close();
      journal.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return test;
}
