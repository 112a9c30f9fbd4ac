/**
 * The built-in demo workspace is judged on the main thread; every other file still goes to the worker thread
 * (workspace/checker.ts). Starting that worker costs a few hundred milliseconds (its own copy of the parser and the
 * schema), and a fresh `cockpit serve --demo` waited for exactly that before it could print its URL. The worker is
 * there to keep a slow or hostile file from holding up the UI; the demo file is the cockpit's own, small and
 * shipped with it, so judging it here costs a few milliseconds and protects nothing less.
 */
import { resolve } from 'node:path';
import { type WorkspaceChecker } from '../workspace/checker';
import { loadWorkspaceFile } from '../workspace/load';

export function withInlineDemoCheck(checker: WorkspaceChecker, demoPath: string): WorkspaceChecker {
  const demo = resolve(demoPath);
  return {
    check: (path) => (resolve(path) === demo ? loadWorkspaceFile(demo) : checker.check(path)),
    close: () => checker.close(),
  };
}
