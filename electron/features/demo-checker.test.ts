import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoWorkspacePath } from '../paths';
import { type WorkspaceChecker } from '../workspace/checker';
import { wholeFileIssue } from '../workspace/types';
import { withInlineDemoCheck } from './demo-checker';

function recordingChecker() {
  const asked: string[] = [];
  let closed = false;
  const checker: WorkspaceChecker = {
    check: async (path) => {
      asked.push(path);
      return wholeFileIssue(path, 'judged by the worker');
    },
    close: () => {
      closed = true;
    },
  };
  return { checker, asked, closed: () => closed };
}

describe('the demo workspace is judged without waiting for the checker worker', () => {
  it('loads the built-in demo on the spot, with its services, and never asks the worker', async () => {
    const inner = recordingChecker();
    const checker = withInlineDemoCheck(inner.checker, demoWorkspacePath());
    const result = await checker.check(join(demoWorkspacePath(), '..', 'cockpit.yaml'));
    expect(result.issues).toEqual([]);
    expect(Object.keys(result.workspace?.services ?? {})).toEqual(
      expect.arrayContaining(['checkout', 'auth', 'webhooks', 'worker']),
    );
    expect(inner.asked).toEqual([]);
  });

  it("sends every other file to the worker, and closing closes the worker's checker", async () => {
    const inner = recordingChecker();
    const checker = withInlineDemoCheck(inner.checker, demoWorkspacePath());
    const result = await checker.check('/elsewhere/cockpit.yaml');
    expect(result.issues[0]?.message).toContain('judged by the worker');
    expect(inner.asked).toEqual(['/elsewhere/cockpit.yaml']);
    checker.close();
    expect(inner.closed()).toBe(true);
  });
});
