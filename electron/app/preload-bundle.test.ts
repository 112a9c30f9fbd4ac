/**
 * The built preload, run the way a sandboxed renderer runs it: one CommonJS file whose `require` knows only a few
 * modules (Electron's sandbox polyfill: electron, events, timers, url). A dependency left external by the bundler
 * would load in tests and crash in the app, so this runs the real bundle. `npm test` builds before the unit
 * tests; locally, without a build, this skips with a loud message, and in CI a missing bundle fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL, methods } from '../../shared/api';
import { appRoot } from '../paths';

const bundle = process.env.COCKPIT_PRELOAD_BUNDLE ?? join(appRoot(), 'out', 'preload', 'index.cjs');

function hasBundle(): boolean {
  if (existsSync(bundle)) return true;
  const message = `NO PRELOAD BUNDLE at ${bundle} — run \`npm run build\` to test it`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${message}. CI must not skip tests.`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
  return false;
}

const sandboxModules = new Set(['electron', 'events', 'timers', 'url']);

describe.skipIf(!hasBundle())('the built preload', () => {
  it('runs with only the sandbox modules and exposes exactly window.cockpit', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { id: 1, ok: true, value: { theme: 'dark' } };
        },
        on: () => {},
        removeListener: () => {},
      },
    };
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      // The same failure Electron's sandbox gives for anything it does not provide.
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(
      readFileSync(bundle, 'utf8'),
      { require: sandboxRequire, module, exports: module.exports, console },
      { filename: bundle },
    );

    expect(required.every((name) => sandboxModules.has(name))).toBe(true);
    expect([...exposed.keys()]).toEqual(['cockpit']);
    const api = exposed.get('cockpit') as { app: { settings: (input: object) => Promise<unknown> } };
    await expect(api.app.settings({})).resolves.toEqual({ theme: 'dark' });
    expect(invoked).toEqual([[IPC_INVOKE_CHANNEL, { id: 1, method: 'app.settings', input: {} }]]);
    const domains = new Set(Object.keys(methods).map((name) => name.split('.')[0]));
    expect(Object.keys(exposed.get('cockpit') as object).sort()).toEqual([...domains, 'on'].sort());
  });
});
