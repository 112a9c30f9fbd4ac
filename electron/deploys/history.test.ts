import { describe, expect, it } from 'vitest';
import { type DeployRecord } from '../../shared/model/deploys';
import { journalRecords, mergeHistory } from './history';
import { createMemoryJournal } from './test-journal';
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

describe('a run killed mid-batch (kill -9 of the deploying cockpit)', () => {
  /** What the journal holds after the kill and the next open: intent, steps up to the kill, then `interrupted`. */
  function killedRun() {
    const journal = createMemoryJournal({ now: () => new Date('2025-02-01T10:00:00Z') });
    const handle = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy app to production',
      target: 'app@production',
      actor: 'me',
      // A `releases` deploy names its release only once its files are known: not in the intent.
      data: { service: 'app', environment: 'production', hosts: ['web-1', 'web-2'], releaseId: null },
    });
    handle.step(`Release ${R3}: 1 file(s), 1 KB`, { step: 'collect', releaseId: R3 });
    handle.step(`web-1: switched (${R3})`, {
      host: 'web-1',
      step: 'host-state',
      hostState: { host: 'web-1', state: 'switched', release: R3, previous: R2, detail: null },
    });
    handle.step('Restart', { host: 'web-1', step: 'restart' });
    const action = journal.actions[0];
    if (!action) throw new Error('test setup: no action');
    // What the real journal's recovery writes when it finds the writer gone.
    Object.assign(action, { status: 'interrupted', summary: 'Interrupted: the cockpit stopped before it ended.' });
    journal.entries.push({
      seq: 99,
      actionId: action.id,
      at: '2025-02-01T10:05:00Z',
      phase: 'result',
      message: 'Interrupted',
      data: { lastStep: 'Restart' },
    });
    return { journal, runId: action.id };
  }

  it('shows once, as interrupted, with where each host stood; DORA counts it once', () => {
    const { journal, runId } = killedRun();
    const hosts = [
      layout('web-1', R3, {
        audit: [{ at: '2025-02-01T10:00:01Z', actor: 'me', action: 'deploy', release: R3, result: 'started', runId }],
      }),
      // The release directory the run made on web-2 before it was killed.
      layout('web-2', R2),
    ];
    const history = mergeHistory({
      service: 'app',
      environment: 'production',
      hosts: ['web-1', 'web-2'],
      journal: journalRecords(journal, 'app', 'production'),
      layouts: hosts,
      unreachable: [],
      now,
    });
    const mine = history.records.filter((r) => r.releaseId === R3);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: runId, source: 'cockpit', interrupted: true, result: 'unknown' });
    expect(mine[0]?.hostStates?.map((h) => [h.host, h.state])).toEqual([
      ['web-1', 'switched'],
      ['web-2', 'not-switched'],
    ]);
    expect(mine[0]?.summary).toContain('web-1: switched');
    expect(history.records.some((r) => r.source === 'audit')).toBe(false);
    expect(history.dora.deploys).toBe(history.records.filter((r) => r.wentLive && r.kind === 'deploy').length);
    expect(
      history.records.filter((r) => r.id === runId || r.id === `audit:${runId}` || r.id === `host:${R3}`),
    ).toHaveLength(1);
  });

  it('takes the release from its own audit lines when the journal never named it', () => {
    const journal = createMemoryJournal();
    const handle = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy',
      target: 'app@production',
      data: { hosts: ['web-1'], releaseId: null },
    });
    const history = mergeHistory({
      service: 'app',
      environment: 'production',
      hosts: ['web-1'],
      journal: journalRecords(journal, 'app', 'production'),
      layouts: [
        layout('web-1', R3, {
          audit: [
            {
              at: '2025-02-01T10:00:01Z',
              actor: 'me',
              action: 'deploy',
              release: R3,
              result: 'started',
              runId: handle.id,
            },
          ],
        }),
      ],
      unreachable: [],
      now,
    });
    expect(history.records.filter((r) => r.releaseId === R3).map((r) => r.id)).toEqual([handle.id]);
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
