/**
 * The backend hands its `demoLauncher` option to the demo runtime: every sandbox of the built-in demo is started
 * through it (so the desktop app's utilityProcess launcher is the one that runs there). A fake launcher that
 * answers at once: no process, no port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../backend';
import { isHealthFeature } from '../health/feature';
import { type SandboxExit, type SandboxLaunch, type SandboxLauncher, type SandboxProcess } from './launcher';

function answeringLauncher(): SandboxLauncher & { launches: SandboxLaunch[] } {
  const launches: SandboxLaunch[] = [];
  return {
    launches,
    launch(launch): SandboxProcess {
      launches.push(launch);
      let end: (exit: SandboxExit) => void = () => undefined;
      const exited = new Promise<SandboxExit>((resolve) => (end = resolve));
      const stdout = new PassThrough();
      setImmediate(() => stdout.write(`sandbox listening on http://127.0.0.1:${launch.env.PORT} (release x)\n`));
      return {
        pid: undefined,
        stdout,
        stderr: new PassThrough(),
        exited,
        kill: () => end({ code: 0, signal: null }),
      };
    },
  };
}

let dataDir = '';
let backend: Backend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createBackend({ demoLauncher })', () => {
  it('starts every sandbox of the built-in demo through the launcher it is given', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-launcher-'));
    const launcher = answeringLauncher();
    backend = await createBackend({
      dataDir,
      transport: 'cli',
      demo: true,
      watch: false,
      background: false,
      demoLauncher: launcher,
    });
    const health = backend.features.health;
    if (!isHealthFeature(health)) throw new Error('the backend has no health feature');
    const status = await health.startDemo();

    // checkout, auth and webhooks in staging and production, the worker in production only.
    expect(status.instances.map((i) => i.state)).toEqual(Array(7).fill('running'));
    expect(launcher.launches.map((l) => Number(l.env.PORT))).toEqual(status.instances.map((i) => i.port));
    expect(launcher.launches.every((l) => l.script.endsWith(join('resources', 'demo', 'sandbox', 'server.mjs')))).toBe(
      true,
    );
  });
});
