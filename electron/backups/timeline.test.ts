import { afterEach, describe, expect, it } from 'vitest';
import { type RestoreDrill } from '../../shared/model/backups';
import { type Workspace } from '../../shared/workspace';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { openEvidenceStore } from './drill/evidence-store';
import { backupsTimeline } from './timeline';

const clock = useClockJournal(afterEach);
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
// The source reads only which backups each service declares: a whole workspace is not needed (hence the cast).
const workspace = { services: { shop: { backups: [{ id: 'orders' }] } } } as unknown as Workspace;

function verification(status: 'ok' | 'failed', minutes: number, backup = 'orders') {
  clock.at(T0 + minutes * MIN);
  const action = clock.journal().begin({
    kind: 'backups.verify',
    title: `Verify backup shop/${backup}`,
    target: `shop/${backup}`,
    data: { service: 'shop', backup, scheduled: true },
  });
  clock.at(T0 + minutes * MIN + 2000);
  const data = { status, checks: [`freshness:${status}`] };
  if (status === 'ok') action.succeed('all checks passed (7 copies)', data);
  else action.fail('freshness failed: newest copy 31 h old, past the RPO of 26 h', data);
}

function restoreDrill(runId: string, startMin: number, status: RestoreDrill['status']): RestoreDrill {
  return {
    runId,
    service: 'shop',
    backup: 'orders',
    host: 'db-2',
    environment: 'staging',
    actor: 'ana',
    startedAt: iso(startMin),
    endedAt: status === 'running' ? null : iso(startMin + 3),
    status,
    summary: status === 'succeeded' ? 'Restored orders.dump in 41 s; 3 checks passed' : null,
    copy: null,
    copyChoice: 'newest',
    checksum: null,
    scratch: `cockpit_drill_${runId}`,
    phases: [],
    checks: [],
    rtoMs: null,
    rtoTargetMs: 1_800_000,
    rpoMs: null,
    rpoTargetMs: 26 * HOUR,
    rpoFrom: null,
    teardownOk: true,
    commands: [],
  };
}

describe('backups on the timeline', () => {
  it('shows verifications with their result and restore drills from start to end', async () => {
    verification('failed', 5);
    verification('ok', 30);
    // A backup this workspace does not declare (another workspace's) is not shown.
    verification('failed', 31, 'legacy');
    verification('failed', 70);
    const db = clock.journal().db;
    const drills = openEvidenceStore(db);
    drills.save(restoreDrill('r1', 40, 'succeeded'), []);
    drills.save(restoreDrill('r0', -600, 'succeeded'), []);

    const entries = await backupsTimeline({ db, workspace: () => workspace })({ from: T0, to: T0 + HOUR });
    expect(entries.map((e) => [e.at, e.title, e.tone])).toEqual([
      [iso(5), 'Backup shop/orders failed verification', 'bad'],
      [iso(30), 'Backup shop/orders verified', 'ok'],
      [iso(40), 'Restore drill of shop/orders: restored', 'ok'],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'backup',
      service: 'shop',
      environment: null,
      detail: 'freshness failed: newest copy 31 h old, past the RPO of 26 h',
      link: { route: 'backups', id: 'shop/orders' },
    });
    expect(entries[2]).toMatchObject({
      endAt: iso(43),
      environment: 'staging',
      detail: 'Restored orders.dump in 41 s; 3 checks passed',
    });
  });
});
