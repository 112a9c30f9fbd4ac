/**
 * The demo's runbooks and the example in docs/runbooks.md are what a new team runs and copies first: both must
 * stay valid, with docs that exist, and commands whose placeholders every environment fills.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Workspace } from '../../shared/workspace';
import { parseWorkspaceText } from '../workspace/parse';
import { planRunbook, runbookEnvironments } from './steps-from-config';

const demoPath = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));

function load(text: string, file: string): Workspace {
  const result = parseWorkspaceText(text, file);
  expect(result.issues).toEqual([]);
  return result.workspace as Workspace;
}

describe('runbooks in the demo and the docs', () => {
  it('the demo ships restart-worker, clear-cache and vendor-contacts, each with its doc, runnable where it runs', () => {
    const demo = load(readFileSync(demoPath, 'utf8'), 'cockpit.yaml');
    expect(demo.runbooks.map((r) => r.id)).toEqual(['restart-worker', 'clear-cache', 'vendor-contacts']);
    for (const runbook of demo.runbooks) {
      expect(existsSync(`${dirname(demoPath)}/${runbook.doc ?? 'missing'}`), runbook.id).toBe(true);
      for (const env of runbookEnvironments(demo, runbook)) planRunbook(demo, runbook, env);
    }
    const restart = planRunbook(demo, demo.runbooks[0] as Workspace['runbooks'][number], 'production');
    expect(restart.steps.map((s) => s.view)).toMatchObject([
      { kind: 'run', text: 'curl -fsS -X POST http://127.0.0.1:7204/__sandbox/heal && echo', hosts: ['demo-prod-1'] },
      { kind: 'gate', text: 'worker-live' },
    ]);
    const clear = planRunbook(demo, demo.runbooks[1] as Workspace['runbooks'][number], 'staging');
    expect(clear.steps.map((s) => s.view.kind)).toEqual(['confirm', 'run', 'gate']);
    expect(clear.steps[2]?.view.text).toBe('checkout-ready');
  });

  it("docs/runbooks.md's example is a complete, valid workspace", () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/runbooks.md', import.meta.url)), 'utf8');
    const [example] = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const workspace = load(example ?? '', 'docs/runbooks.md');
    expect(workspace.runbooks[0]).toMatchObject({ id: 'restart-worker', for: ['worker-live'] });
  });
});
