/**
 * Starting and stopping one sandbox through a launcher, with a fake process: what counts as ready, as a taken port,
 * as a failure; what the sandbox's environment holds; how stop() escalates.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type SandboxExit,
  type SandboxLaunch,
  type SandboxLauncher,
  type SandboxProcess,
  createNodeLauncher,
} from './launcher';
import { PORT_IN_USE_EXIT, type SandboxSpec, startSandbox } from './sandbox-child';

class FakeSandbox implements SandboxProcess {
  pid: number | undefined = 777;
  stdout = new PassThrough();
  stderr = new PassThrough();
  kills: Array<'term' | 'kill'> = [];
  #end!: (exit: SandboxExit) => void;
  exited = new Promise<SandboxExit>((resolve) => (this.#end = resolve));
  /** What the process does when asked to stop ('term'): exit, or ignore it. */
  onTerm: 'exit' | 'ignore' = 'exit';

  kill(how: 'term' | 'kill'): void {
    this.kills.push(how);
    if (how === 'kill' || this.onTerm === 'exit')
      this.end({ code: null, signal: how === 'kill' ? 'SIGKILL' : 'SIGTERM' });
  }

  end(exit: SandboxExit): void {
    this.pid = undefined;
    this.#end(exit);
  }
}

function fakeLauncher() {
  const launches: SandboxLaunch[] = [];
  const sandboxes: FakeSandbox[] = [];
  const launcher: SandboxLauncher = {
    launch(launch) {
      launches.push(launch);
      const sandbox = new FakeSandbox();
      sandboxes.push(sandbox);
      return sandbox;
    },
  };
  return { launcher, launches, sandboxes };
}

const spec = (launcher: SandboxLauncher, extra: Partial<SandboxSpec> = {}): SandboxSpec => ({
  script: '/app/server.mjs',
  port: 7201,
  service: 'checkout',
  title: 'Demo Shop',
  currentDirs: ['/d/demo-prod-1/checkout/current', '/d/demo-prod-2/checkout/current'],
  launcher,
  ...extra,
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('startSandbox', () => {
  it('gives the sandbox only what it needs: port, service, title, releases, PATH — no secrets, no Electron switch', () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'do-not-leak');
    vi.stubEnv('PATH', '/usr/bin');
    const fake = fakeLauncher();
    void startSandbox(spec(fake.launcher));
    const [launch] = fake.launches;
    expect(launch?.script).toBe('/app/server.mjs');
    expect(launch?.env).toMatchObject({
      PORT: '7201',
      SANDBOX_SERVICE: 'checkout',
      SANDBOX_NAME: 'Demo Shop',
      PATH: '/usr/bin',
    });
    expect(launch?.env.SANDBOX_CURRENT?.split(/[:;]/)).toEqual([
      '/d/demo-prod-1/checkout/current',
      '/d/demo-prod-2/checkout/current',
    ]);
    expect(Object.keys(launch?.env ?? {})).not.toContain('AWS_SECRET_ACCESS_KEY');
    expect(Object.keys(launch?.env ?? {})).not.toContain('ELECTRON_RUN_AS_NODE');
    fake.sandboxes[0]?.end({ code: 0, signal: null });
  });

  it('is ready on its "listening" line, and stop() escalates to kill when it ignores the request', async () => {
    const fake = fakeLauncher();
    const started = startSandbox(spec(fake.launcher));
    const sandbox = fake.sandboxes[0] as FakeSandbox;
    sandbox.stdout.write('sandbox listening on http://127.0.0.1:7201 (release v1.4.0)\n');
    const result = await started;
    if (!result.ok) throw new Error(result.message);
    expect(result.child).toMatchObject({ url: 'http://127.0.0.1:7201', pid: 777, running: true });

    sandbox.onTerm = 'ignore';
    await result.child.stop(50);
    expect(sandbox.kills).toEqual(['term', 'kill']);
    expect(result.child.running).toBe(false);
  });

  it('reports a taken port from its exit code', async () => {
    const fake = fakeLauncher();
    const started = startSandbox(spec(fake.launcher));
    fake.sandboxes[0]?.end({ code: PORT_IN_USE_EXIT, signal: null });
    await expect(started).resolves.toEqual({
      ok: false,
      reason: 'port-in-use',
      message: 'port 7201 on 127.0.0.1 is already in use',
    });
  });

  it('reports a failure with the last line it wrote, or how it ended', async () => {
    const fake = fakeLauncher();
    const said = startSandbox(spec(fake.launcher));
    fake.sandboxes[0]?.stderr.write('loading\nsandbox: EACCES reading /d/demo-prod-1\n');
    await new Promise((resolve) => setImmediate(resolve));
    fake.sandboxes[0]?.end({ code: 1, signal: null });
    await expect(said).resolves.toMatchObject({ ok: false, message: 'sandbox: EACCES reading /d/demo-prod-1' });

    const silent = startSandbox(spec(fake.launcher));
    fake.sandboxes[1]?.end({ code: null, signal: 'SIGSEGV' });
    await expect(silent).resolves.toMatchObject({ ok: false, message: 'exited with signal SIGSEGV before listening' });
  });

  it('reports a process that could not be started at all', async () => {
    const fake = fakeLauncher();
    const started = startSandbox(spec(fake.launcher));
    fake.sandboxes[0]?.end({ code: null, signal: null, error: 'spawn /nowhere/node ENOENT' });
    await expect(started).resolves.toEqual({ ok: false, reason: 'failed', message: 'spawn /nowhere/node ENOENT' });
  });

  it('gives up on a sandbox that never says it listens, and kills it', async () => {
    vi.useFakeTimers();
    const fake = fakeLauncher();
    const started = startSandbox(spec(fake.launcher, { startTimeoutMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(started).resolves.toEqual({ ok: false, reason: 'failed', message: 'did not start within 1 s' });
    expect(fake.sandboxes[0]?.kills).toEqual(['kill']);
  });
});

describe('the Node launcher', () => {
  it('refuses inside Electron, where process.execPath would start another copy of the app', async () => {
    const result = await startSandbox({
      ...spec(createNodeLauncher({ insideElectron: true })),
      script: '/nowhere/server.mjs',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'failed',
      message:
        "cannot start inside the desktop app without Electron's utilityProcess (createBackend's demoLauncher option)",
    });
  });
});
