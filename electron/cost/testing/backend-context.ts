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
import { type AlertNotice, type FeatureContext } from '../../features/types';
import { createTestFeatureContext } from '../../features/testing/feature-context';

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
  // The cost feature never connects to hosts; the pool is there because every feature gets it.
  const base = createTestFeatureContext({
    dir,
    demoPath: demoWorkspace,
    background: options.background,
    now: () => options.now,
  });
  return {
    context: base.context,
    dir,
    notices: base.notices,
    events: base.events,
    eventsOf: base.eventsOf,
    writeWorkspace(yaml) {
      const file = join(dir, 'cockpit.yaml');
      writeFileSync(file, yaml);
      return file;
    },
    async close() {
      await base.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
