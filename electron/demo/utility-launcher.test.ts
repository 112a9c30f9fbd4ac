import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { startSandbox } from './sandbox-child';
import { type UtilityChild, type UtilityProcessModule, utilityProcessLauncher } from './utility-launcher';

/** Electron's UtilityProcess as far as the launcher uses it: pid once spawned, piped output, kill(), 'exit'. */
class FakeUtilityChild extends EventEmitter implements UtilityChild {
  pid: number | undefined = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  kill = vi.fn(() => true);

  spawned(pid: number): void {
    this.pid = pid;
  }

  exit(code: number): void {
    this.pid = undefined;
    this.emit('exit', code);
    this.stdout.end();
    this.stderr.end();
  }
}

function fakeUtilityProcess() {
  const children: FakeUtilityChild[] = [];
  const fork = vi.fn<UtilityProcessModule['fork']>(() => {
    const child = new FakeUtilityChild();
    children.push(child);
    return child;
  });
  return { module: { fork } satisfies UtilityProcessModule, fork, children };
}

const launch = { script: '/app/resources/demo/sandbox/server.mjs', env: { PORT: '7101' }, name: 'Demo sandbox: x' };

describe('the utilityProcess sandbox launcher', () => {
  it('forks the script with its environment, piped output, a service name, and the parent to outlive it by nothing', () => {
    const fake = fakeUtilityProcess();
    utilityProcessLauncher(fake.module, { parentPid: 1234 }).launch(launch);
    expect(fake.fork).toHaveBeenCalledWith(launch.script, [], {
      env: { PORT: '7101', SANDBOX_EXIT_WITH_PARENT: '1234' },
      stdio: 'pipe',
      serviceName: 'Demo sandbox: x',
    });
    utilityProcessLauncher(fake.module).launch(launch);
    expect(fake.fork.mock.calls[1]?.[2].env.SANDBOX_EXIT_WITH_PARENT).toBe(String(process.pid));
  });

  it('reports the pid while it runs and the exit code once it ends', async () => {
    const fake = fakeUtilityProcess();
    const sandbox = utilityProcessLauncher(fake.module).launch(launch);
    const child = fake.children[0] as FakeUtilityChild;
    expect(sandbox.pid).toBeUndefined();
    child.spawned(4242);
    expect(sandbox.pid).toBe(4242);
    child.exit(98);
    await expect(sandbox.exited).resolves.toEqual({ code: 98, signal: null });
    expect(sandbox.pid).toBeUndefined();
  });

  it("asks it to stop with Electron's kill(), ends it with SIGKILL by pid, and does nothing once it has exited", async () => {
    const fake = fakeUtilityProcess();
    const killPid = vi.fn();
    const sandbox = utilityProcessLauncher(fake.module, { killPid }).launch(launch);
    const child = fake.children[0] as FakeUtilityChild;
    child.spawned(4242);

    sandbox.kill('term');
    expect(child.kill).toHaveBeenCalledTimes(1);
    expect(killPid).not.toHaveBeenCalled();
    sandbox.kill('kill');
    expect(killPid).toHaveBeenCalledWith(4242, 'SIGKILL');

    child.exit(0);
    await sandbox.exited;
    sandbox.kill('term');
    sandbox.kill('kill');
    expect(child.kill).toHaveBeenCalledTimes(1);
    expect(killPid).toHaveBeenCalledTimes(1);
  });

  it('falls back to kill() when asked to kill before the process has a pid', () => {
    const fake = fakeUtilityProcess();
    const killPid = vi.fn();
    utilityProcessLauncher(fake.module, { killPid }).launch(launch).kill('kill');
    expect(fake.children[0]?.kill).toHaveBeenCalledTimes(1);
    expect(killPid).not.toHaveBeenCalled();
  });

  it('carries a whole sandbox start: ready on its "listening" line, stopped through kill(), no Node-only settings', async () => {
    const fake = fakeUtilityProcess();
    const started = startSandbox({
      script: launch.script,
      port: 7101,
      service: 'checkout',
      title: 'Demo Shop',
      currentDirs: ['/data/demo/hosts/demo-stg/checkout/current'],
      launcher: utilityProcessLauncher(fake.module),
    });
    const child = fake.children[0] as FakeUtilityChild;
    child.spawned(4242);
    child.stdout.write('sandbox listening on http://127.0.0.1:7101 (release no release yet)\n');
    const result = await started;
    if (!result.ok) throw new Error(result.message);
    expect(result.child.url).toBe('http://127.0.0.1:7101');
    expect(result.child.pid).toBe(4242);

    const [, , options] = fake.fork.mock.calls[0] ?? [];
    expect(options?.serviceName).toBe('Demo sandbox: checkout on port 7101');
    expect(options?.env).toMatchObject({ PORT: '7101', SANDBOX_SERVICE: 'checkout', SANDBOX_NAME: 'Demo Shop' });
    // Neither would work there: the RunAsNode fuse is off, and a utility process has no stdin to watch.
    expect(options?.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(options?.env).not.toHaveProperty('SANDBOX_EXIT_WITH_STDIN');

    child.kill.mockImplementation(() => {
      child.exit(0);
      return true;
    });
    await result.child.stop();
    expect(child.kill).toHaveBeenCalledTimes(1);
    expect(result.child.running).toBe(false);
  });
});
