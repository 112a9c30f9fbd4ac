import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type MachineView, lockIdentity, staleReason, thisMachine } from './stale-lock';

const view = (over: Partial<MachineView> = {}): MachineView => ({
  machine: 'laptop',
  bootId: 'boot-a',
  isAlive: () => true,
  startOf: () => 'ticks:100',
  ...over,
});
const lock = { who: 'ana', from: 'laptop', pid: 4123, bootId: 'boot-a', processStart: 'ticks:100' };

describe('stale deploy locks', () => {
  it('is not stale while the run that took it is running', () => {
    expect(staleReason(lock, view())).toBeNull();
  });

  it('is stale when that pid is gone, saying so in words', () => {
    expect(staleReason(lock, view({ isAlive: () => false }))).toBe(
      'held by pid 4123 on this machine (laptop), which is no longer running',
    );
  });

  it('is stale when the pid now belongs to another process', () => {
    expect(staleReason(lock, view({ startOf: () => 'ticks:999' }))).toMatch(/now belongs to another process/);
  });

  it('is stale when it was taken before this machine restarted', () => {
    expect(staleReason(lock, view({ bootId: 'boot-b' }))).toMatch(/before the machine restarted/);
  });

  it('never calls a lock of another machine, or one without a pid, stale', () => {
    expect(staleReason({ ...lock, from: 'ci-runner' }, view({ isAlive: () => false }))).toBeNull();
    expect(staleReason({ who: 'ana', from: 'laptop' }, view({ isAlive: () => false }))).toBeNull();
    expect(staleReason(null, view())).toBeNull();
  });

  it('on this real machine: a live process is not stale, a finished one is', () => {
    const me = { from: hostname(), ...lockIdentity() };
    expect(staleReason(me, thisMachine())).toBeNull();
    const child = spawnSync(process.execPath, ['-e', '0']);
    const gone = { ...me, pid: child.pid, processStart: 'ticks:1' };
    expect(staleReason(gone, thisMachine())).toMatch(/no longer running|another process/);
  });
});
