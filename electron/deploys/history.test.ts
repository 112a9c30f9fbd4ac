import { describe, expect, it } from 'vitest';
import { type DeployRecord } from '../../shared/model/deploys';
import { mergeHistory } from './history';
import { type HostLayout } from './layout';
import { buildWayBack, describeHosts } from './way-back';

const now = new Date('2025-02-01T12:00:00Z');
const R1 = '20250130T100000Z-aaaaaaa';
const R2 = '20250131T100000Z-bbbbbbb';
const R3 = '20250201T100000Z-ccccccc';
const EXT = '20250201T110000Z-hotfix';

function layout(host: string, current: string, extra: Partial<HostLayout> = {}): HostLayout {
  return {
    host,
    base: `/srv/app`,
    current,
    releases: [
      { id: R1, goodAt: '2025-01-30T10:02:00Z', bad: null, mtime: null },
      { id: R2, goodAt: null, bad: { at: '2025-01-31T10:03:00Z', reason: 'health gate failed on web-2' }, mtime: null },
      { id: R3, goodAt: '2025-02-01T10:02:00Z', bad: null, mtime: null },
    ],
    audit: [],
    ...extra,
  };
}

const record = (id: string, releaseId: string, result: DeployRecord['result'], startedAt: string): DeployRecord => ({
  id,
  kind: 'deploy',
  releaseId,
  ref: releaseId.slice(-7),
  commit: null,
  actor: 'me',
  startedAt,
  endedAt: startedAt,
  durationMs: 60_000,
  result,
  source: 'cockpit',
  external: false,
  wentLive: true,
  hosts: ['web-1', 'web-2'],
  summary: null,
});

describe('deploy history', () => {
  it('merges the journal with the hosts: external releases, teammates’ runs, current and last good', () => {
    const hosts = [
      layout('web-1', EXT, {
        releases: [
          ...layout('web-1', EXT).releases,
          { id: EXT, goodAt: null, bad: null, mtime: '2025-02-01T11:00:00Z' },
        ],
        audit: [
          { at: '2025-02-01T10:00:00Z', actor: 'me', action: 'deploy', release: R3, result: 'started', runId: 'mine' },
          {
            at: '2025-01-31T09:00:00Z',
            actor: 'bob',
            action: 'rollback',
            release: R1,
            result: 'started',
            runId: 'bobs',
          },
          {
            at: '2025-01-31T09:01:00Z',
            actor: 'bob',
            action: 'rollback',
            release: R1,
            result: 'healthy',
            runId: 'bobs',
          },
        ],
      }),
      layout('web-2', EXT, {
        releases: [
          ...layout('web-2', EXT).releases,
          { id: EXT, goodAt: null, bad: null, mtime: '2025-02-01T11:00:00Z' },
        ],
      }),
    ];
    const history = mergeHistory({
      service: 'app',
      environment: 'production',
      hosts: ['web-1', 'web-2'],
      journal: [
        record('mine', R3, 'healthy', '2025-02-01T10:00:00Z'),
        record('r2run', R2, 'rolled-back', '2025-01-31T10:00:00Z'),
      ],
      layouts: hosts,
      unreachable: [],
      now,
    });
    expect(history.records.map((r) => [r.source, r.kind, r.releaseId, r.result, r.external])).toEqual([
      ['host', 'deploy', EXT, 'unknown', true],
      ['cockpit', 'deploy', R3, 'healthy', false],
      ['cockpit', 'deploy', R2, 'rolled-back', false],
      ['audit', 'rollback', R1, 'healthy', false],
      ['host', 'deploy', R1, 'healthy', true],
    ]);
    expect(history.records.find((r) => r.source === 'audit')).toMatchObject({
      actor: 'bob',
      durationMs: 60_000,
      hosts: ['web-1'],
    });
    expect(history.current).toBe(EXT);
    expect(history.lastGood).toBe(R3);
    expect(history.rollbackTarget).toBe(R3);
    expect(history.releases.find((r) => r.id === R3)).toMatchObject({
      hosts: ['web-1', 'web-2'],
      currentOn: [],
      label: 'live now · ccccccc · healthy for 1 h',
    });
    expect(history.dora.deploys).toBe(4);
  });

  it('shows a healthy deploy whose release was later marked bad as bad', () => {
    const history = mergeHistory({
      service: 'app',
      environment: 'production',
      hosts: ['web-1'],
      journal: [record('x', R2, 'healthy', '2025-01-31T10:00:00Z')],
      layouts: [layout('web-1', R3)],
      unreachable: [{ host: 'web-2', message: 'refused' }],
      now,
    });
    expect(history.records.find((r) => r.id === 'x')?.result).toBe('bad');
    expect(history.unreachable).toEqual([{ host: 'web-2', message: 'refused' }]);
  });

  it('has no common current release when hosts disagree', () => {
    const history = mergeHistory({
      service: 'app',
      environment: 'production',
      hosts: ['web-1', 'web-2'],
      journal: [],
      layouts: [layout('web-1', R3), layout('web-2', R1)],
      unreachable: [],
      now,
    });
    expect(history.current).toBeNull();
    expect(history.currentByHost).toEqual([
      { host: 'web-1', release: R3 },
      { host: 'web-2', release: R1 },
    ]);
  });
});

describe('the way back', () => {
  it('names each host’s state and the rollback command to run', () => {
    const states = [
      { host: 'web-1', state: 'healthy' as const, release: R3, previous: R1, detail: null },
      { host: 'web-2', state: 'unknown' as const, release: R3, previous: R1, detail: 'connection lost during restart' },
      { host: 'web-3', state: 'not-switched' as const, release: R1, previous: R1, detail: null },
    ];
    expect(describeHosts(states)).toBe(
      `web-1 runs ${R3} (healthy); web-2 may run ${R3} or ${R1} (unknown: connection lost during restart); web-3 still runs ${R1} (not switched)`,
    );
    expect(buildWayBack('app', 'production', states)).toEqual({
      summary: expect.stringContaining(`put every host back on ${R1}`),
      rollbackTo: R1,
      commands: [`cockpit rollback app --env production --to ${R1}`],
    });
  });

  it('has nothing to offer when no host was touched', () => {
    expect(
      buildWayBack('app', 'staging', [{ host: 'a', state: 'not-switched', release: R1, previous: R1, detail: null }]),
    ).toBeNull();
  });
});
