/**
 * A rollback drill's practice runs, kept apart: the DORA figures never see them, the history (from this journal or
 * from a teammate's audit lines) labels them with the drill, alerts never name them as "what changed", and the
 * practice release is removed from a host only where it is not current.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DeployRecord } from '../../shared/model/deploys';
import { type DeployMarker } from '../../shared/model/markers';
import { lastDeploy } from '../health/recent-deploy';
import { createLocalTransport } from '../remote/local';
import { formatAuditLine, parseAuditLine } from './audit';
import { doraAcross } from './dora';
import { type JournaledRun, liveWindow } from './live-windows';
import { auditRun, journalRecords, mergeHistory } from './history';
import { type HostLayout } from './layout';
import { markerOf } from './markers';
import { parseRemoveAnswer, removeUnlessCurrentScript } from './practice-release';
import { createMemoryJournal } from './test-journal';

const now = new Date('2025-03-31T00:00:00Z');
const GOOD = '20250310T100000Z-v1.4.0';
const BROKEN = '20250320T100000Z-v1.6.0';

let n = 0;
function record(
  kind: DeployRecord['kind'],
  startedAt: string,
  result: DeployRecord['result'],
  extra: Partial<DeployRecord> = {},
): DeployRecord {
  const start = Date.parse(startedAt);
  return {
    id: `r${++n}`,
    kind,
    releaseId: null,
    ref: null,
    commit: null,
    actor: 'ana',
    startedAt,
    endedAt: new Date(start + 5 * 60_000).toISOString(),
    durationMs: 5 * 60_000,
    result,
    source: 'cockpit',
    external: false,
    wentLive: true,
    hosts: ['stg-1'],
    summary: null,
    ...extra,
  };
}

/** The drill as the history records it: the broken release deployed for practice, then rolled back. */
const drill = (drillId: string, at: string, source: DeployRecord['source'] = 'cockpit') => [
  record('deploy', at, 'healthy', { releaseId: BROKEN, ref: 'v1.6.0', practice: drillId, source }),
  record('rollback', new Date(Date.parse(at) + 4 * 60_000).toISOString(), 'healthy', {
    releaseId: GOOD,
    ref: 'v1.4.0',
    practice: drillId,
    source,
  }),
];

describe('DORA figures with rollback drills', () => {
  const real = [
    record('deploy', '2025-03-10T10:00:00Z', 'healthy', { releaseId: GOOD }),
    record('deploy', '2025-03-15T10:00:00Z', 'rolled-back'),
    record('deploy', '2025-03-22T10:00:00Z', 'healthy'),
  ];

  it('are the same with or without the drill’s practice deploy and rollback', () => {
    const before = doraAcross([real], now);
    const after = doraAcross([[...real, ...drill('drill-1', '2025-03-25T10:00:00Z')]], now);
    expect(after).toEqual(before);
    expect(after.deploys).toBe(3);
    expect(after.changeFailureRate).toBeCloseTo(1 / 3);
  });

  it('never count the practice rollback as a rollback by hand of the real deploy before it', () => {
    const lastReal = record('deploy', '2025-03-24T10:00:00Z', 'healthy');
    const figures = doraAcross([[lastReal, ...drill('drill-2', '2025-03-25T10:00:00Z')]], now);
    expect(figures).toMatchObject({ deploys: 1, failedChanges: 0, changeFailureRate: 0, restores: 0 });
  });

  it('never count a practice rollback as the restore of a real failed deploy', () => {
    const failed = record('deploy', '2025-03-24T10:00:00Z', 'failed');
    const figures = doraAcross([[failed, ...drill('drill-3', '2025-03-25T10:00:00Z')]], now);
    expect(figures).toMatchObject({ deploys: 1, failedChanges: 1, restores: 0, timeToRestoreMs: null });
  });
});

describe('practice runs in the history', () => {
  const layout = (audit: HostLayout['audit']): HostLayout => ({
    host: 'stg-1',
    base: '/srv/checkout',
    current: GOOD,
    releases: [
      { id: GOOD, goodAt: '2025-03-10T10:02:00Z', bad: null, mtime: null },
      { id: BROKEN, goodAt: null, bad: null, mtime: null },
    ],
    audit,
  });
  const line = (action: string, release: string, result: string, at: string, runId: string) =>
    parseAuditLine(formatAuditLine({ at, actor: 'bob', action, release, result, runId }));

  it('reads practice-deploy / practice-rollback audit lines as practice runs of that kind', () => {
    expect(auditRun('practice-deploy')).toEqual({ kind: 'deploy', practice: true });
    expect(auditRun('practice-rollback')).toEqual({ kind: 'rollback', practice: true });
    expect(auditRun('deploy')).toEqual({ kind: 'deploy', practice: false });
    expect(auditRun('practice-remove')).toBeNull();
    expect(auditRun('lock-release')).toBeNull();
    expect(line('practice-deploy', BROKEN, 'started', '2025-03-25T10:00:00Z', 'run-9')).toMatchObject({
      action: 'practice-deploy',
      runId: 'run-9',
    });
  });

  it('shows a teammate’s drill as practice records (drill id = the audit run id), out of DORA', () => {
    const audit = [
      line('practice-deploy', BROKEN, 'started', '2025-03-25T10:00:00Z', 'td-1'),
      line('practice-deploy', BROKEN, 'healthy', '2025-03-25T10:00:30Z', 'td-1'),
      line('practice-rollback', GOOD, 'started', '2025-03-25T10:03:00Z', 'td-2'),
      line('practice-rollback', GOOD, 'healthy', '2025-03-25T10:03:40Z', 'td-2'),
      line('practice-remove', BROKEN, 'removed after drill d', '2025-03-25T10:04:00Z', 'td-3'),
    ].filter((l): l is NonNullable<typeof l> => l !== null);
    const history = mergeHistory({
      service: 'checkout',
      environment: 'staging',
      hosts: ['stg-1'],
      journal: [],
      layouts: [layout(audit)],
      unreachable: [],
      now,
    });
    const practice = history.records.filter((r) => r.practice);
    expect(practice.map((r) => [r.kind, r.releaseId, r.practice, r.result])).toEqual([
      ['rollback', GOOD, 'td-2', 'healthy'],
      ['deploy', BROKEN, 'td-1', 'healthy'],
    ]);
    expect(practice[1]?.summary).toBe('practice deploy by bob: healthy');
    // The removal is no run; the broken release is not a deploy "found on the hosts" either (its run is known).
    expect(history.records.filter((r) => r.releaseId === BROKEN)).toHaveLength(1);
    expect(history.dora.deploys).toBe(1);
    expect(history.dora.failedChanges).toBe(0);
    // No good mark on the practice release: the way back stays the good one.
    expect(history.rollbackTarget).toBeNull();
    expect(history.lastGood).toBe(GOOD);
  });

  it('carries the drill id from this journal’s run, and its markers say practice', () => {
    const journal = createMemoryJournal({ now: () => now });
    const practice = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy checkout to staging (practice)',
      target: 'checkout@staging',
      data: { practice: 'drill-7', hosts: ['stg-1'], releaseId: BROKEN },
    });
    practice.succeed('Deployed');
    const real = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy checkout to staging',
      target: 'checkout@staging',
      data: { hosts: ['stg-1'], releaseId: GOOD },
    });
    real.succeed('Deployed');
    const records = journalRecords(journal, 'checkout', 'staging');
    expect(records.find((r) => r.id === practice.id)?.practice).toBe('drill-7');
    expect(records.find((r) => r.id === real.id)?.practice).toBeUndefined();

    const marker = markerOf(records.find((r) => r.id === practice.id) as DeployRecord, 'checkout', 'staging');
    expect(marker).toMatchObject({ practice: true, label: expect.stringMatching(/^practice deploy /) });
    expect(markerOf(records.find((r) => r.id === real.id) as DeployRecord, 'checkout', 'staging')?.practice).toBe(
      undefined,
    );
  });

  it('never names a practice run as the last change in an alert', () => {
    const marker = (at: string, release: string, practice?: boolean): DeployMarker => ({
      at,
      service: 'checkout',
      environment: 'staging',
      kind: 'deploy',
      release,
      result: 'healthy',
      label: `deploy ${release}`,
      actor: 'ana',
      ...(practice ? { practice } : {}),
    });
    const markers = [marker('2025-03-30T10:00:00Z', 'v1.5.0'), marker('2025-03-30T11:00:00Z', 'v1.6.0', true)];
    const last = lastDeploy({ deployMarkers: () => markers }, 'checkout', 'staging', now.getTime());
    expect(last?.release).toBe('v1.5.0');
  });
});

describe('the evidence before a real rollback after a drill', () => {
  it('never holds the drill’s injected failure against the good release it returned to', () => {
    const run = (id: string, kind: JournaledRun['kind'], releaseId: string, at: string): JournaledRun => ({
      id,
      kind,
      releaseId,
      result: 'healthy',
      startedAt: at,
      endedAt: at,
      switches: [{ at, host: 'stg-1', release: releaseId }],
    });
    const runs = [
      run('real', 'deploy', GOOD, '2025-03-30T09:00:00Z'),
      run('practice-deploy', 'deploy', BROKEN, '2025-03-30T10:00:00Z'),
      run('practice-rollback', 'rollback', GOOD, '2025-03-30T10:05:00Z'),
    ];
    const window = liveWindow(GOOD, new Date('2025-03-30T09:00:00Z'), runs, now);
    // The health history is asked about v1.4.0 only from the moment the drill put it back: 10:00–10:05 is v1.6.0's.
    expect(window.since.toISOString()).toBe('2025-03-30T10:05:00.000Z');
    expect(window.excluding).toEqual([]);
  });
});

describe('removing the practice release', () => {
  const root = mkdtempSync(join(tmpdir(), 'cockpit-practice-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const local = createLocalTransport({ host: 'box' });
  const host = (name: string, current: string) => {
    const base = join(root, name);
    for (const id of [GOOD, BROKEN]) mkdirSync(join(base, 'releases', id), { recursive: true });
    symlinkSync(`releases/${current}`, join(base, 'current'));
    return base;
  };
  const remove = async (base: string, release: string) =>
    parseRemoveAnswer((await local.exec(removeUnlessCurrentScript(base, release))).stdout);

  it('removes it where it is not current, refuses where it is, and says when it is gone already', async () => {
    const back = host('rolled-back', GOOD);
    expect(await remove(back, BROKEN)).toBe('removed');
    expect(readdirSync(join(back, 'releases'))).toEqual([GOOD]);
    expect(await remove(back, BROKEN)).toBe('missing');

    const stuck = host('still-broken', BROKEN);
    expect(await remove(stuck, BROKEN)).toBe('current');
    expect(readdirSync(join(stuck, 'releases')).sort()).toEqual([GOOD, BROKEN].sort());

    expect(await remove(join(root, 'never-deployed'), BROKEN)).toBe('missing');
  });
});
