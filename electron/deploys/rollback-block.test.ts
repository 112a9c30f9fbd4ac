/** What a disabled Rollback says beside itself, and what it offers instead, for every reason it can be disabled. */
import { describe, expect, it } from 'vitest';
import { type DeployTarget } from '../../shared/api/deploys';
import { type DeployHistory, type ReleaseInfo } from '../../shared/model/deploys';
import { rollbackBlock } from './rollback-block';

const V14 = '20250101T120000Z-v1.4.0';
const V15 = '20250102T120000Z-v1.5.0';

function target(over: Partial<DeployTarget> = {}): Omit<DeployTarget, 'rollbackBlock'> {
  return {
    service: 'checkout',
    environment: 'production',
    strategy: 'releases',
    protected: true,
    hosts: ['prod-1', 'prod-2'],
    current: V15,
    currentByHost: [
      { host: 'prod-1', release: V15 },
      { host: 'prod-2', release: V15 },
    ],
    currentLabel: null,
    lastGood: V15,
    lastDeploy: null,
    rollbackTarget: null,
    rollbackLabel: null,
    runningRunId: null,
    lockedBy: null,
    unreachable: [],
    problem: null,
    ...over,
  };
}

function release(id: string, over: Partial<ReleaseInfo> = {}): ReleaseInfo {
  const at = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T12:00:00.000Z`;
  return {
    id,
    ref: null,
    createdAt: at,
    goodAt: at,
    bad: null,
    hosts: ['prod-1', 'prod-2'],
    currentOn: [],
    label: '',
    ...over,
  };
}

function history(releases: ReleaseInfo[]): DeployHistory {
  return {
    service: 'checkout',
    environment: 'production',
    records: [],
    releases,
    current: V15,
    currentByHost: [],
    lastGood: V15,
    rollbackTarget: null,
    unreachable: [],
    locks: [],
    dora: {
      windowDays: 30,
      deploys: 0,
      deploysPerWeek: 0,
      failedChanges: 0,
      changeFailureRate: null,
      timeToRestoreMs: null,
      restores: 0,
    },
  };
}

describe('a disabled Rollback explains itself', () => {
  it('says nothing when there is a release to roll back to', () => {
    expect(rollbackBlock(target({ rollbackTarget: V14 }), null)).toBeNull();
  });

  it('names the host an earlier release is missing on, and offers to deploy that release instead', () => {
    const block = rollbackBlock(target(), history([release(V15), release(V14, { hosts: ['prod-1'] })]));
    expect(block?.reason).toBe('No earlier release on prod-2 to roll back to: v1.4.0 is not there');
    expect(block?.alternative).toEqual({ kind: 'deploy', label: 'Deploy v1.4.0 instead', release: 'v1.4.0' });
    expect(block?.brief).toBe('v1.4.0 is not on prod-2');
  });

  it('says when the live release is the only one, and offers another deploy', () => {
    const block = rollbackBlock(target({ hosts: ['stg'] }), history([release(V15, { hosts: ['stg'] })]));
    expect(block?.reason).toBe('No earlier release on stg to roll back to: v1.5.0 is the only one there');
    expect(block?.alternative).toMatchObject({ kind: 'deploy', label: 'Deploy another release', release: null });
  });

  it('after a rollback to the oldest release, offers the newer good one instead', () => {
    const back = { ...target({ current: V14 }) };
    const failedGate = release('20250103T120000Z-v1.6.0', { goodAt: null });
    const block = rollbackBlock(back, { ...history([failedGate, release(V15), release(V14)]), current: V14 });
    expect(block?.reason).toBe(
      'No earlier release on prod-1 and prod-2 to roll back to: v1.4.0 is the oldest one there',
    );
    expect(block?.alternative).toEqual({ kind: 'deploy', label: 'Deploy v1.5.0 instead', release: 'v1.5.0' });
  });

  it('names the earlier releases marked bad', () => {
    const marked = release(V14, { bad: { at: null, reason: 'errors' } });
    const block = rollbackBlock(target(), history([release(V15), marked]));
    expect(block?.reason).toBe('Every earlier release is marked bad (v1.4.0): nothing healthy to roll back to');
    expect(block?.alternative.label).toBe('Deploy a fixed release');
  });

  it('without the history, says what the overview knows', () => {
    expect(rollbackBlock(target(), null)?.reason).toBe(
      'No earlier good release on both prod-1 and prod-2 to roll back to',
    );
    // Another target's history says nothing about this one.
    const other = { ...history([release(V15)]), environment: 'staging' };
    expect(rollbackBlock(target(), other)?.reason).toContain('No earlier good release on both');
  });

  it('offers to read the hosts again when they could not be read or did not answer', () => {
    expect(rollbackBlock(target({ problem: 'ssh: timeout' }), null)).toEqual({
      reason: 'The hosts could not be read, so nothing is known to roll back to',
      brief: 'Hosts not read',
      alternative: { kind: 'read-again', label: 'Read the hosts again' },
    });
    const silent = target({
      unreachable: [
        { host: 'prod-1', message: 'timeout' },
        { host: 'prod-2', message: 'timeout' },
      ],
    });
    expect(rollbackBlock(silent, null)?.reason).toBe(
      'prod-1 and prod-2 did not answer, so nothing is known to roll back to',
    );
  });

  it('offers a first deploy where nothing runs, and one release everywhere where hosts differ', () => {
    const empty = target({ current: null, currentByHost: [{ host: 'prod-1', release: null }] });
    expect(rollbackBlock(empty, null)?.alternative.label).toBe('Deploy a first release');
    const split = target({
      current: null,
      currentByHost: [
        { host: 'prod-1', release: V14 },
        { host: 'prod-2', release: V15 },
      ],
    });
    const block = rollbackBlock(split, null);
    expect(block?.reason).toBe(
      'The hosts run different releases (prod-1: v1.4.0, prod-2: v1.5.0), and no earlier one is on every host',
    );
    expect(block?.alternative).toEqual({ kind: 'deploy', label: 'Deploy v1.5.0 to every host', release: 'v1.5.0' });
  });
});
