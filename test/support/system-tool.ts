/**
 * Integration tests need real system tools (sshd, PostgreSQL, Chromium). Locally a missing tool skips its tests
 * with a loud message; in CI (CI=true) it fails them, because a skipped test there proves nothing.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'];

/** Finds an executable on PATH or in the usual system directories; undefined when absent. */
export function findTool(name: string): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Returns true when every tool is present. When one is missing: throws in CI; elsewhere prints a loud line and
 * returns false so the caller can use `describe.skipIf(!hasTools(...))`.
 */
export function hasTools(...names: string[]): boolean {
  const missing = names.filter((n) => !findTool(n));
  if (missing.length === 0) return true;
  const message = `MISSING SYSTEM TOOL(S): ${missing.join(', ')} — install them (see .ci/run) to run these tests`;
  if (inCI) throw new Error(`${message}. CI must not skip tests.`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  return false;
}
