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
import { type DemoPorts, demoInput } from '../../demo/testing/demo-workspace';
import { createTestFeatureContext } from '../../features/testing/feature-context';
import { type AlertNotice, type FeatureContext, defaultCapabilities } from '../../features/types';
import { type SqliteJournal } from '../../journal/journal';
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
  const demoPath = join(dir, 'demo-cockpit.yaml');
  writeFileSync(demoPath, JSON.stringify(demoInput(options.ports), null, 2));
  const markers: DeployMarker[] = [];
  const capabilities = defaultCapabilities();
  capabilities.deployMarkers = () => [...markers];
  const base = createTestFeatureContext({ dir, demoPath, background: options.background, capabilities });
  const test: HealthTestContext = {
    context: base.context,
    dir,
    journal: base.journal,
    workspace: base.workspace,
    notices: base.notices,
    markers,
    eventsOf: base.eventsOf,
    writeWorkspace(name, content) {
      const file = join(dir, name);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    async close() {
      await base.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return test;
}
