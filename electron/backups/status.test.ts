import { describe, expect, it } from 'vitest';
import { type RestoreDrill } from '../../shared/model/backups';
import { type DeclaredBackup } from './declared';
import { type BackupRef } from './history';
import { backupStatus, overviewOf } from './status';
import { backupConfig, fakeContext, fakeKind, memoryHistory, series } from './testing';
import { verifyBackup } from './verify';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = new Date('2026-12-06T12:00:00Z');
const ref: BackupRef = { workspace: '/w/cockpit.yaml', service: 'shop', backup: 'orders' };
const drill = { host: 'db-2', restore: 'pg_restore -d {scratch} {file}', every: '90d' };

function drillRun(status: RestoreDrill['status'], startedAt: Date): RestoreDrill {
  return {
    runId: 'ab12cd34',
    service: 'shop',
    backup: 'orders',
    host: 'db-2',
    environment: null,
    actor: 'ana',
    startedAt: startedAt.toISOString(),
    endedAt: startedAt.toISOString(),
    status,
    summary: status === 'failed' ? 'check "orders" printed 0, expected at least 1000' : 'restored in 41 s',
    copy: null,
    copyChoice: 'newest',
    checksum: null,
    scratch: 'cockpit_drill_ab12cd34',
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

async function statusAfter(
  copies: ReturnType<typeof series> | null,
  extra: Record<string, unknown> = {},
  last: RestoreDrill | null = null,
  now = at,
) {
  const { history } = memoryHistory();
  const config = backupConfig(extra);
  const declared: DeclaredBackup = { key: 'shop/orders', service: 'shop', config };
  if (copies) {
    const kind = fakeKind({ copies });
    const outcome = await verifyBackup(ref, config, {
      kindFor: () => kind,
      context: fakeContext(() => at),
      history,
      now: () => at,
    });
    history.record(ref, outcome, outcome.listed);
  }
  return backupStatus({
    declared,
    ref,
    history,
    drill: { last, running: null },
    now,
    nextVerificationAt: null,
    verifying: false,
  });
}

describe('a backup against its promises', () => {
  it('is unknown until verified', async () => {
    const status = await statusAfter(null);
    expect(status).toMatchObject({ health: 'unknown', reason: 'not verified yet', newest: null, copies: null });
  });

  it('is ok with the age against the RPO in words', async () => {
    const status = await statusAfter(series(new Date(at.getTime() - 3 * HOUR), 5, DAY));
    expect(status.health).toBe('ok');
    expect(status.reason).toBe('newest copy 3 h old (RPO 26 h), 5 copies');
    expect(status.sizes).toHaveLength(5);
  });

  it('breaks once the newest copy ages past the RPO, even between verifications', async () => {
    const copies = series(new Date(at.getTime() - 3 * HOUR), 5, DAY);
    const later = new Date(at.getTime() + 24 * HOUR);
    const status = await statusAfter(copies, {}, null, later);
    expect(status.health).toBe('broken');
    expect(status.reason).toBe('newest copy 27 h old, past the RPO of 26 h');
  });

  it('lists every reason, worst first: past RPO, too few copies, failed drill, overdue drill, shrink', async () => {
    const copies = series(new Date(at.getTime() - 30 * HOUR), 3, DAY, 10_000_000, [100_000]);
    const status = await statusAfter(
      copies,
      { minCopies: 7, drill },
      drillRun('failed', new Date(at.getTime() - 200 * DAY)),
    );
    expect(status.health).toBe('broken');
    expect(status.reason.split('; ')).toEqual([
      'newest copy 30 h old, past the RPO of 26 h',
      '3 copies, fewer than the 7 required',
      'the last restore drill failed: check "orders" printed 0, expected at least 1000',
      'restore drill overdue since 2026-08-18 (every 90 days)',
      'newest 98 KB is 1 % of the median 9.5 MB of the 2 copies before it',
    ]);
    expect(status.sizes.map((s) => s.shrunk)).toEqual([false, false, true]);
  });

  it('warns when never drilled, and reminds a week before the next drill is due', async () => {
    const copies = series(new Date(at.getTime() - HOUR), 3, DAY);
    const never = await statusAfter(copies, { drill });
    expect(never).toMatchObject({ health: 'warning', reason: 'never restored in a drill' });
    expect(never.drill).toMatchObject({ overdue: true, dueAt: at.toISOString(), host: 'db-2' });
    const soon = await statusAfter(copies, { drill }, drillRun('succeeded', new Date(at.getTime() - 85 * DAY)));
    expect(soon.health).toBe('ok');
    expect(soon.reason).toContain('next restore drill due in 5 days');
    expect(soon.drill?.overdue).toBe(false);
  });

  it('is unknown with the reason when the source cannot be read', async () => {
    const { history } = memoryHistory();
    const config = backupConfig();
    const outcome = await verifyBackup(ref, config, {
      kindFor: () => fakeKind({ listError: 'db-1 refused the connection' }),
      context: fakeContext(() => at),
      history,
      now: () => at,
    });
    history.record(ref, outcome, outcome.listed);
    const status = backupStatus({
      declared: { key: 'shop/orders', service: 'shop', config },
      ref,
      history,
      drill: { last: null, running: null },
      now: at,
      nextVerificationAt: null,
      verifying: false,
    });
    expect(status).toMatchObject({
      health: 'unknown',
      reason: 'could not read the copies: db-1 refused the connection',
    });
  });

  it('orders the overview worst first with a one-line verdict', async () => {
    const ok = await statusAfter(series(new Date(at.getTime() - HOUR), 3, DAY));
    const broken = { ...(await statusAfter(series(new Date(at.getTime() - 40 * HOUR), 3, DAY))), key: 'shop/zz' };
    const overview = overviewOf([ok, broken]);
    expect(overview.worst).toBe('broken');
    expect(overview.backups.map((b) => b.key)).toEqual(['shop/zz', 'shop/orders']);
    expect(overview.verdict).toBe(
      '1 of 2 backups keep their promises; shop/zz: newest copy 40 h old, past the RPO of 26 h',
    );
  });
});
