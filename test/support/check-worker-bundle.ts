/**
 * Vitest global setup: the workspace checker's worker thread (electron/workspace/check-worker.ts) bundled once per
 * run from the current sources, the way `npm run build` bundles it for the app. From the sources the checker
 * otherwise starts its worker through tsx, which loads and transforms the schema's modules again in every new
 * worker: a second or more for each backend a test creates (every in-process `cockpit` command is one), and the
 * CLI processes the tests spawn inherit the setting too. The bundle is this run's own file (two runs at once never
 * share one) and is removed when the run ends.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// esbuild comes with tsx and vite (both in devDependencies); it is what they use to compile the sources.
import { build } from 'esbuild';
import { CHECK_WORKER_ENV } from '../../electron/workspace/checker';

const root = join(import.meta.dirname, '..', '..');

export default async function setup(): Promise<() => void> {
  const dir = join(root, 'node_modules', '.cache', 'cockpit-tests');
  // Next to node_modules, so the bundle's packages (zod, yaml) resolve as they do for the sources.
  const outfile = join(dir, `check-worker-${process.pid}.mjs`);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(root, 'electron', 'workspace', 'check-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  process.env[CHECK_WORKER_ENV] = outfile;
  return () => {
    Reflect.deleteProperty(process.env, CHECK_WORKER_ENV);
    rmSync(outfile, { force: true });
  };
}
