import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CONCURRENCY, type SpawnChild, createLocalTransport } from './local';
import { Semaphore } from './semaphore';
import { TransportError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'cockpit-local-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What child_process.spawn hands back when the process is out of descriptors: a ChildProcess with no pid and no
 * streams, and the failure as an 'error' event on the next tick (node's internal/child_process returns early).
 */
function spawnAtEmfile(): ChildProcess {
  const child = new ChildProcess();
  const error = Object.assign(new Error('spawn /bin/sh EMFILE'), { code: 'EMFILE', errno: -24, syscall: 'spawn' });
  process.nextTick(() => child.emit('error', error));
  return child;
}

/** Real spawn, counting how many children are alive at once. */
function countingSpawn() {
  const stats = { started: 0, running: 0, most: 0 };
  const wrapped: SpawnChild = (file, args, options) => {
    const child = spawn(file, args, options);
    stats.started++;
    stats.running++;
    stats.most = Math.max(stats.most, stats.running);
    child.once('close', () => stats.running--);
    return child;
  };
  return { stats, spawn: wrapped };
}

describe('local transport: starting children', () => {
  it('turns a spawn failing with EMFILE into a typed error for that call, and the next call runs', async () => {
    let calls = 0;
    const local = createLocalTransport({
      host: 'laptop',
      slots: new Semaphore(1),
      // The first start fails as at EMFILE; later ones are real. One slot: a leaked slot would hang the second.
      spawn: (file, args, options) => (calls++ === 0 ? spawnAtEmfile() : spawn(file, args, options)),
    });
    const failed = await local.exec('echo never').then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(TransportError);
    expect(failed).toMatchObject({ kind: 'other', host: 'laptop', details: { code: 'EMFILE' } });
    expect((failed as Error).message).toMatch(/laptop: could not start \/bin\/sh: spawn \/bin\/sh EMFILE/);
    expect(await local.exec('echo next')).toMatchObject({ exitCode: 0, stdout: 'next\n' });
  });

  it('turns a missing shell into a typed error, not a crash', async () => {
    const local = createLocalTransport({ host: 'win', platform: 'win32', home: dir });
    await expect(local.exec('echo hi', { env: { ComSpec: join(dir, 'no-such-cmd.exe') } })).rejects.toThrow(
      /win: could not start .*no-such-cmd\.exe: .*ENOENT/,
    );
  });

  it('runs at most N children at once; the rest wait their turn and all finish', async () => {
    const counted = countingSpawn();
    const local = createLocalTransport({ host: 'laptop', slots: new Semaphore(3), spawn: counted.spawn });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => local.exec(`sleep 0.2; echo ${i}`)));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(counted.stats.most).toBe(3);
    // Four waves of three: the queue really held them back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
  });

  it('bounds children across all local hosts by default', async () => {
    const counted = countingSpawn();
    const hosts = ['a', 'b', 'c'].map((host) => createLocalTransport({ host, spawn: counted.spawn }));
    const burst = Array.from({ length: LOCAL_CONCURRENCY * 3 }, (_, i) => hosts[i % 3]?.exec('sleep 0.1'));
    await Promise.all(burst);
    expect(counted.stats.started).toBe(LOCAL_CONCURRENCY * 3);
    expect(counted.stats.most).toBeLessThanOrEqual(LOCAL_CONCURRENCY);
  });

  it('gives up a queued command when it is cancelled, without ever starting it', async () => {
    const counted = countingSpawn();
    const local = createLocalTransport({ host: 'laptop', slots: new Semaphore(1), spawn: counted.spawn });
    const marker = join(dir, 'ran');
    const busy = local.exec('sleep 0.4');
    const abort = new AbortController();
    const queued = local.exec(`touch ${marker}`, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await queued).toMatchObject({ cancelled: true, exitCode: null });
    await busy;
    expect(existsSync(marker)).toBe(false);
    expect(counted.stats.started).toBe(1);
  });
});
