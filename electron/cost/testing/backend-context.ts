/**
 * TEST CODE ONLY — a real FeatureContext for the cost feature: a journal in a temp folder (so the cost tables come
 * from the journal's own migrations), the real workspace service reading files the test writes, an event bus whose
 * events are recorded, and recorded notifications. Everything it starts is stopped by `close()`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EventName, type Payload } from '../../../shared/api';
import { type WorkspaceState } from '../../../shared/model/workspace-state';
import { EventBus } from '../../api/events';
import { type AlertNotice, type FeatureContext, defaultCapabilities } from '../../features/types';
import { openJournal } from '../../journal/journal';
import { createTransportRegistry } from '../../remote/registry';
import { createWorkspaceService } from '../../workspace/service';

/** The demo's sample account, replayed: any workspace may point `cost.aws.replay` at it. */
export const demoSamples = fileURLToPath(new URL('../../../resources/demo/cost-samples', import.meta.url));
export const demoWorkspace = fileURLToPath(new URL('../../../resources/demo/cockpit.yaml', import.meta.url));

export interface CostTestContext {
  context: FeatureContext;
  dir: string;
  notices: AlertNotice[];
  events: { event: EventName; payload: unknown }[];
  eventsOf<K extends EventName>(name: K): Payload<K>[];
  /** Writes `cockpit.yaml` in the temp folder and returns its path. */
  writeWorkspace(yaml: string): string;
  close(): Promise<void>;
}

/** A workspace with the demo's replayed account and the given cost lines (indented under `cost:`). */
export function workspaceYaml(cost: string | null, extra = ''): string {
  return [
    'version: 1',
    'name: Cost Test',
    'environments:',
    '  production: { hosts: [] }',
    ...(cost === null ? [] : ['cost:', `  aws: { replay: ${JSON.stringify(demoSamples)} }`, cost]),
    extra,
  ].join('\n');
}

export function createCostTestContext(options: { background: boolean; now: Date }): CostTestContext {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-cost-'));
  const bus = new EventBus();
  const recorded: { event: EventName; payload: unknown }[] = [];
  const unsubscribe = bus.subscribe((message) =>
    recorded.push({ event: message.event as EventName, payload: message.payload }),
  );
  const journal = openJournal({ file: join(dir, 'journal.db'), now: () => options.now });
  const listeners = new Set<(state: WorkspaceState) => void>();
  const workspace = createWorkspaceService({
    journal,
    demoPath: demoWorkspace,
    watch: false,
    now: () => options.now,
    onChange: (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  // The cost feature never connects to hosts; the registry is here because every feature gets the shared pool.
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
    onWorkspaceChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (notice) => notices.push(notice),
    capabilities: defaultCapabilities(),
    now: () => options.now,
  };
  return {
    context,
    dir,
    notices,
    events: recorded,
    eventsOf: <K extends EventName>(name: K) =>
      recorded.filter((e) => e.event === name).map((e) => e.payload as Payload<K>),
    writeWorkspace(yaml) {
      const file = join(dir, 'cockpit.yaml');
      writeFileSync(file, yaml);
      return file;
    },
    async close() {
      unsubscribe();
      await transports.closeAll();
      workspace.close();
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
