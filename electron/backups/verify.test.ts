import { describe, expect, it } from 'vitest';
import { type VerificationCheck } from '../../shared/model/backups';
import { type BackupRef } from './history';
import { backupConfig, fakeContext, fakeKind, memoryHistory, series } from './testing';
import { verifyBackup } from './verify';

const HOUR = 3_600_000;
const at = new Date('2026-12-06T12:00:00Z');
const now = () => at;
const ref: BackupRef = { workspace: '/w/cockpit.yaml', service: 'shop', backup: 'orders' };

function run(
  options: Parameters<typeof fakeKind>[0],
  extra: Record<string, unknown> = {},
  answer?: Parameters<typeof fakeContext>[1],
) {
  const { history } = memoryHistory();
  const context = fakeContext(now, answer);
  const outcome = verifyBackup(ref, backupConfig(extra), { kindFor: () => fakeKind(options), context, history, now });
  return { outcome, context, history };
}

const check = (checks: VerificationCheck[], kind: VerificationCheck['kind']) => checks.find((c) => c.kind === kind);

describe('one verification of a backup', () => {
  it('passes a fresh, steady series and says what each check proves', async () => {
    const { verification, copies, newest } = await run({
      copies: series(new Date(at.getTime() - 3 * HOUR), 10, 24 * HOUR),
    }).outcome;
    expect(verification.status).toBe('ok');
    expect(copies).toBe(10);
    expect(newest?.id).toBe('orders-2026-12-06T09.dump');
    expect(check(verification.checks, 'freshness')).toMatchObject({
      status: 'ok',
      summary: 'newest copy 3 h old (RPO 26 h)',
    });
    expect(check(verification.checks, 'size')).toMatchObject({
      status: 'ok',
      summary: expect.stringContaining('100 %'),
    });
    expect(check(verification.checks, 'count')).toMatchObject({ status: 'ok' });
    for (const c of verification.checks) {
      expect(c.proves.length).toBeGreaterThan(5);
      expect(c.doesNotProve.length).toBeGreaterThan(5);
    }
  });

  it('fails freshness past the RPO and warns past 80 % of it', async () => {
    const stale = await run({ copies: series(new Date(at.getTime() - 31 * HOUR), 3, 24 * HOUR) }).outcome;
    expect(stale.verification.status).toBe('failed');
    expect(check(stale.verification.checks, 'freshness')).toMatchObject({
      status: 'failed',
      summary: 'newest copy 31 h old, past the RPO of 26 h',
    });
    const close = await run({ copies: series(new Date(at.getTime() - 22 * HOUR), 3, 24 * HOUR) }).outcome;
    expect(close.verification.status).toBe('warning');
    expect(check(close.verification.checks, 'freshness')?.summary).toBe(
      'newest copy 22 h old, close to the RPO of 26 h',
    );
  });

  it('warns when the newest copy shrank below the share of the median, in numbers a person reads', async () => {
    const copies = series(new Date(at.getTime() - HOUR), 8, 24 * HOUR, 15 * 1024 * 1024, [1.2 * 1024 * 1024]);
    const { verification } = await run({ copies }).outcome;
    expect(verification.status).toBe('warning');
    expect(check(verification.checks, 'size')?.summary).toBe(
      'newest 1.2 MB is 8 % of the median 15 MB of the 7 copies before it',
    );
  });

  it('keeps judging size against copies retention already removed', async () => {
    const { history } = memoryHistory();
    const older = series(new Date(at.getTime() - 25 * HOUR), 7, 24 * HOUR, 10_000_000);
    const first = await verifyBackup(ref, backupConfig(), {
      kindFor: () => fakeKind({ copies: older }),
      context: fakeContext(now),
      history,
      now,
    });
    history.record(ref, first, first.listed);
    // Retention left only the newest copy, which is tiny.
    const newest = series(new Date(at.getTime() - HOUR), 1, HOUR, 1_000_000);
    const second = await verifyBackup(ref, backupConfig(), {
      kindFor: () => fakeKind({ copies: newest }),
      context: fakeContext(now),
      history,
      now,
    });
    expect(check(second.verification.checks, 'size')).toMatchObject({ status: 'warning' });
  });

  it('notes a copy that grew tenfold without failing it', async () => {
    const copies = series(new Date(at.getTime() - HOUR), 4, 24 * HOUR, 1_000_000, [12_000_000]);
    const { verification } = await run({ copies }).outcome;
    expect(check(verification.checks, 'size')).toMatchObject({ status: 'ok', summary: expect.stringContaining('12×') });
  });

  it('fails the count below minCopies, and freshness when there are no copies at all', async () => {
    const few = await run({ copies: series(new Date(at.getTime() - HOUR), 2, 24 * HOUR) }, { minCopies: 7 }).outcome;
    expect(check(few.verification.checks, 'count')).toMatchObject({
      status: 'failed',
      summary: '2 copies, fewer than the 7 required',
    });
    const none = await run({ copies: [] }).outcome;
    expect(none.verification.status).toBe('failed');
    expect(check(none.verification.checks, 'freshness')?.summary).toContain('no copies found');
  });

  it('runs the integrity command on the newest copy where the copies live, with {file} quoted', async () => {
    const copies = series(new Date(at.getTime() - HOUR), 2, 24 * HOUR);
    const first = copies[0];
    if (first) first.location = "/srv/backups/orders/it's here.dump";
    const { outcome, context } = run({ copies }, { verify: 'pg_restore -f /dev/null {file}' });
    const { verification } = await outcome;
    expect(context.execs).toEqual([
      { host: 'db-1', command: `pg_restore -f /dev/null '/srv/backups/orders/it'\\''s here.dump'`, env: {} },
    ]);
    expect(check(verification.checks, 'integrity')).toMatchObject({
      status: 'ok',
      proves: 'the dump is a complete custom-format archive whose data decompresses',
      doesNotProve: expect.stringContaining('not restored'),
    });
  });

  it('fails integrity with the exit code and the redacted tail of the output', async () => {
    const copies = series(new Date(at.getTime() - HOUR), 2, 24 * HOUR);
    const { verification } = await run({ copies }, { verify: 'gzip -t {file}' }, () => ({
      exitCode: 1,
      stderr: 'password=hunter2secret\ngzip: orders.gz: unexpected end of file\n',
    })).outcome;
    const integrity = check(verification.checks, 'integrity');
    expect(verification.status).toBe('failed');
    expect(integrity).toMatchObject({
      status: 'failed',
      exitCode: 1,
      summary: `failed on ${copies[0]?.id} (exit 1): gzip: orders.gz: unexpected end of file`,
      proves: 'the gzip stream is complete and its checksum matches',
    });
    expect(integrity).toHaveProperty('output');
    expect(JSON.stringify(integrity)).not.toContain('hunter2secret');
  });

  it("adds the kind's native check as it judged it", async () => {
    const native = {
      kind: 'native' as const,
      status: 'failed' as const,
      summary: 'restic check: pack 3f2a… is damaged',
      proves: 'the repository structure',
      doesNotProve: 'a restore',
    };
    const { verification } = await run({ copies: series(new Date(at.getTime() - HOUR), 2, HOUR), native }).outcome;
    expect(check(verification.checks, 'native')).toMatchObject({ status: 'failed', summary: native.summary });
    expect(verification.status).toBe('failed');
  });

  it('says why a source cannot be read and judges nothing else', async () => {
    const { verification, listed, copies } = await run({
      listError: 'Could not run listing /srv/backups/orders on db-1: connection refused',
    }).outcome;
    expect(verification.status).toBe('error');
    expect(listed).toBeNull();
    expect(copies).toBeNull();
    expect(check(verification.checks, 'list')).toMatchObject({
      status: 'error',
      summary: 'Could not run listing /srv/backups/orders on db-1: connection refused',
      exitCode: 255,
    });
    expect(verification.checks.filter((c) => c.kind !== 'list').every((c) => c.status === 'skipped')).toBe(true);
  });
});

describe('a scheduled verification of a copy that has not changed', () => {
  it('carries a passed integrity result over for a day instead of reading the copy again', async () => {
    const { history } = memoryHistory();
    let copies = series(new Date(at.getTime() - HOUR), 3, 24 * HOUR);
    let exitCode = 0;
    const config = backupConfig({ verify: 'gzip -t {file}' });
    const verifyAt = async (when: Date, reuseIntegrity: boolean) => {
      const context = fakeContext(
        () => when,
        () => ({ exitCode }),
      );
      const outcome = await verifyBackup(ref, config, {
        kindFor: () => fakeKind({ copies: () => copies }),
        context,
        history,
        now: () => when,
        reuseIntegrity,
      });
      history.record(ref, outcome, outcome.listed);
      return { integrity: check(outcome.verification.checks, 'integrity'), ran: context.execs.length };
    };

    expect(await verifyAt(at, true)).toMatchObject({ ran: 1, integrity: { status: 'ok' } });
    const hourLater = await verifyAt(new Date(at.getTime() + HOUR), true);
    expect(hourLater).toMatchObject({ ran: 0, integrity: { status: 'ok', ranAt: at.toISOString(), durationMs: 0 } });
    expect(hourLater.integrity?.summary).toBe(
      'passed on orders-2026-12-06T11.dump 1 h ago; the copy has not changed since',
    );
    // "Verify now" always reads it again.
    expect((await verifyAt(new Date(at.getTime() + 2 * HOUR), false)).ran).toBe(1);
    // A day after it really ran, the scheduler reads it again.
    expect((await verifyAt(new Date(at.getTime() + 2 * HOUR + 24 * HOUR), true)).ran).toBe(1);

    // A new copy is read; a failed result is never carried over.
    copies = series(new Date(at.getTime() + 25 * HOUR), 3, 24 * HOUR);
    exitCode = 1;
    expect(await verifyAt(new Date(at.getTime() + 27 * HOUR), true)).toMatchObject({
      ran: 1,
      integrity: { status: 'failed' },
    });
    exitCode = 0;
    expect(await verifyAt(new Date(at.getTime() + 28 * HOUR), true)).toMatchObject({
      ran: 1,
      integrity: { status: 'ok' },
    });
  });
});
