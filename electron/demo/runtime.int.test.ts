/**
 * The demo's running parts with real processes: sandboxes start on the workspace's ports, read the releases the
 * deploy feature puts in each pretend host's home, break and heal, stop when the workspace changes, report a port
 * that is taken instead of crashing — and never outlive the cockpit, even when it is killed outright.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemoRuntime } from './runtime';
import { childProcessUtility } from './testing/child-process-utility';
import { type DemoPorts, demoWorkspace, deployRelease, freeDemoPorts } from './testing/demo-workspace';
import { utilityProcessLauncher } from './utility-launcher';

let dataDir: string;
let ports: DemoPorts;
const runtimes: DemoRuntime[] = [];
const occupied: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-runtime-'));
  ports = await freeDemoPorts();
});
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  await Promise.all(occupied.splice(0).map((release) => release()));
  rmSync(dataDir, { recursive: true, force: true });
});

function runtime(options: Partial<ConstructorParameters<typeof DemoRuntime>[0]> = {}): DemoRuntime {
  const r = new DemoRuntime({ dataDir, portInUse: 'problem', retryMs: 0, ...options });
  runtimes.push(r);
  return r;
}

async function get(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A process is gone when it no longer exists or is only a zombie waiting for its (new) parent to reap it. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** A cockpit in a process of its own, running the demo with the given launcher, once its sandboxes listen. */
async function cockpitProcess(launcher: 'node' | 'utility' | 'utility-unwatched') {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'testing', 'runtime-child.ts'),
      dataDir,
      JSON.stringify(ports),
      launcher,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = await Promise.race([
    new Promise<string[]>((resolve) => createInterface({ input: child.stdout }).once('line', (l) => resolve([l]))),
    new Promise<string[]>((_, reject) => child.once('exit', (code) => reject(new Error(`child exited ${code}`)))),
  ]);
  return { child, started: JSON.parse(String(line)) as { pids: number[]; states: string[] } };
}

/** Waits until every pid is gone; whatever is left when that fails is killed, so a failing test leaves no orphan. */
async function allGone(pids: number[]): Promise<void> {
  try {
    await vi.waitFor(() => expect(pids.every(gone)).toBe(true), { timeout: 10_000, interval: 100 });
  } finally {
    for (const pid of pids.filter((p) => !gone(p))) process.kill(pid, 'SIGKILL');
  }
}

/** Another program on the port: it accepts connections and says nothing. Returns how to free the port. */
async function occupy(port: number): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  let released: Promise<void> | undefined;
  const release = () =>
    (released ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }));
  occupied.push(release);
  return release;
}

describe('the demo runtime', () => {
  it('runs one sandbox per service × environment, ready with "no release yet" before the first deploy', async () => {
    const r = runtime();
    await r.sync(demoWorkspace(ports));
    const status = await r.status();
    expect(status.active).toBe(true);
    expect(status.instances.map((i) => [i.service, i.environment, i.port, i.state, i.mode])).toEqual([
      ['shop', 'staging', ports.shopStaging, 'running', 'ok'],
      ['shop', 'production', ports.shopProduction, 'running', 'ok'],
      ['api', 'production', ports.apiProduction, 'running', 'ok'],
    ]);
    expect(status.note).toBe('3 of 3 sandbox services run on this machine (127.0.0.1).');
    expect(await get(ports.shopProduction, '/health/ready')).toMatchObject({ status: 200 });
    expect((await get(ports.shopProduction, '/')).body).toContain('<p>shop · no release yet</p>');
    expect(r.pids()).toHaveLength(3);
  });

  it('serves the release each host runs, read on every request, and fails readiness on a BROKEN one', async () => {
    const r = runtime();
    await r.sync(demoWorkspace(ports));
    deployRelease(dataDir, 'prod-1', 'shop', '8b71ff7');
    deployRelease(dataDir, 'prod-2', 'shop', '8b71ff7');
    expect((await get(ports.shopProduction, '/')).body).toContain('<p>shop · release 8b71ff7</p>');
    const instance = (await r.status()).instances.find((i) => i.environment === 'production' && i.service === 'shop');
    expect(instance?.releases).toEqual([
      { host: 'prod-1', release: '8b71ff7', broken: false },
      { host: 'prod-2', release: '8b71ff7', broken: false },
    ]);

    // Half-way through a rolling deploy of the deliberately bad release.
    deployRelease(dataDir, 'prod-1', 'shop', 'bad0001', { broken: true });
    const ready = await get(ports.shopProduction, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({
      release: 'bad0001 (prod-1), 8b71ff7 (prod-2)',
      reason: "release bad0001 on prod-1 is marked BROKEN (the demo's deliberately bad release)",
    });
    // Staging never got it.
    expect((await get(ports.shopStaging, '/health/ready')).status).toBe(200);
  });

  it('breaks and heals a sandbox on request', async () => {
    const changes = vi.fn();
    const r = runtime({ onChange: changes });
    await r.sync(demoWorkspace(ports));
    await r.break('shop', 'production', 'down');
    expect((await get(ports.shopProduction, '/health/ready')).status).toBe(503);
    expect((await r.status()).instances.find((i) => i.port === ports.shopProduction)?.mode).toBe('down');
    await r.heal('shop', 'production');
    expect((await get(ports.shopProduction, '/health/ready')).status).toBe(200);
    expect(changes.mock.calls.length).toBeGreaterThanOrEqual(3); // started, broke, healed
    await expect(r.break('shop', 'qa', 'down')).rejects.toThrow('the demo has no sandbox for shop in qa');
  });

  it('stops every sandbox when another workspace opens', async () => {
    const r = runtime();
    await r.sync(demoWorkspace(ports));
    const pids = r.pids();
    await r.sync(null);
    expect(await accepts(ports.shopProduction)).toBe(false);
    expect(pids.every(gone)).toBe(true);
    const status = await r.status();
    expect(status).toMatchObject({ active: false, instances: [] });
    expect(status.note).toMatch(/run only while the built-in demo workspace is open/);
    await expect(r.break('shop', 'production', 'down')).rejects.toThrow('the demo is not running');
  });

  it('reports a port taken by another program instead of crashing, and starts once it is free', async () => {
    const release = await occupy(ports.shopProduction);
    const r = runtime({ retryMs: 100 });
    await r.sync(demoWorkspace(ports));
    const shop = () => r.status().then((s) => s.instances.find((i) => i.port === ports.shopProduction));
    expect(await shop()).toMatchObject({
      state: 'failed',
      problem: `port ${ports.shopProduction} on 127.0.0.1 is in use by another program`,
    });
    expect(r.problemForPort(ports.shopProduction)).toBe(
      `the demo's shop sandbox is not running: port ${ports.shopProduction} on 127.0.0.1 is in use by another program`,
    );
    expect(r.problemForPort(ports.shopStaging)).toBeNull();

    await release();
    await vi.waitFor(async () => expect((await shop())?.state).toBe('running'), { timeout: 10_000, interval: 100 });
    expect(r.problemForPort(ports.shopProduction)).toBeNull();
  });

  it("in the CLI, uses another cockpit's sandbox already answering on the port", async () => {
    const app = runtime();
    await app.sync(demoWorkspace(ports));
    await app.break('shop', 'production', 'down');
    const cli = runtime({ portInUse: 'share' });
    await cli.sync(demoWorkspace(ports));
    const status = await cli.status();
    expect(status.instances.map((i) => i.state)).toEqual(['elsewhere', 'elsewhere', 'elsewhere']);
    expect(status.instances.find((i) => i.port === ports.shopProduction)?.mode).toBe('down');
    expect(status.note).toMatch(/3 already ran in another cockpit and are used as they are/);
    // The app, for its part, calls that a problem.
    const second = runtime();
    await second.sync(demoWorkspace(ports));
    expect((await second.status()).instances[0]?.problem).toMatch(/taken by another cockpit running the demo/);
  });

  it('leaves no sandbox behind when the cockpit is killed outright', async () => {
    const { child, started } = await cockpitProcess('node');
    expect(started.states).toEqual(['running', 'running', 'running']);
    expect(started.pids).toHaveLength(3);
    expect(await accepts(ports.shopProduction)).toBe(true);

    child.kill('SIGKILL');
    await allGone(started.pids);
    expect(await accepts(ports.shopProduction)).toBe(false);
    expect(await accepts(ports.apiProduction)).toBe(false);
  });

  it("runs through the desktop app's utilityProcess launcher: no stdin to watch, yet running until stopped", async () => {
    const utility = childProcessUtility();
    const r = runtime({ launcher: utilityProcessLauncher(utility) });
    await r.sync(demoWorkspace(ports));
    expect((await r.status()).instances.map((i) => i.state)).toEqual(['running', 'running', 'running']);
    expect(utility.forks.map((f) => f.serviceName)).toEqual([
      `Demo sandbox: shop on port ${ports.shopStaging}`,
      `Demo sandbox: shop on port ${ports.shopProduction}`,
      `Demo sandbox: api on port ${ports.apiProduction}`,
    ]);
    // With the stdin guard set and no stdin, a sandbox would stop as soon as it started.
    expect(utility.forks.every((f) => !('SANDBOX_EXIT_WITH_STDIN' in f.env))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await get(ports.shopProduction, '/health/ready')).status).toBe(200);

    const pids = r.pids();
    expect(pids).toHaveLength(3);
    await r.sync(null);
    expect(pids.every(gone)).toBe(true);
  });

  it('leaves no utility-process sandbox behind when the cockpit is killed outright: they watch its pid', async () => {
    const { child, started } = await cockpitProcess('utility');
    expect(started.states).toEqual(['running', 'running', 'running']);
    child.kill('SIGKILL');
    await allGone(started.pids);
    expect(await accepts(ports.shopProduction)).toBe(false);
  });

  it('stops sandboxes that have no stdin pipe and watch no pid of it when the cockpit process exits (its exit hook)', async () => {
    const { child, started } = await cockpitProcess('utility-unwatched');
    expect(started.states).toEqual(['running', 'running', 'running']);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.write('exit\n');
    await exited;
    await allGone(started.pids);
    expect(await accepts(ports.shopProduction)).toBe(false);
  });
});
