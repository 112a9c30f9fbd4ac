import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTools } from '../../../test/support/system-tool';
import { tlsCheckSchema } from '../../../shared/workspace/health';
import { testContext } from '../testing/context';
import { type Loopback, tlsServer } from '../testing/loopback';
import { judgeExpiry, tlsKind } from './tls';

const DAY = 86_400_000;

describe.skipIf(!hasTools('openssl'))('the tls check against a self-signed certificate that expires in 5 days', () => {
  let dir: string;
  let server: Loopback;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '5',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = await tlsServer(readFileSync(join(dir, 'key.pem'), 'utf8'), readFileSync(join(dir, 'cert.pem'), 'utf8'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = (warnDays?: number) =>
    tlsCheckSchema.parse({ id: 'cert', tls: server.url, ...(warnDays ? { warnDays } : {}) });

  it('is degraded inside the warning window: "certificate expires in 5 days"', async () => {
    const outcome = await tlsKind.run(check(14), testContext());
    expect(outcome).toMatchObject({ status: 'degraded', reason: 'certificate expires in 5 days' });
    expect(outcome.metrics?.daysLeft).toBeGreaterThan(4.9);
  });

  it('is up when the expiry is further than warnDays (self-signed is fine: only the date is checked)', async () => {
    const outcome = await tlsKind.run(check(3), testContext());
    expect(outcome).toMatchObject({ status: 'up', reason: 'certificate valid for 5 days more' });
  });

  it('is down once expired (seen from six days later)', async () => {
    const outcome = await tlsKind.run(check(14), testContext({ now: () => Date.now() + 6 * DAY }));
    expect(outcome.status).toBe('down');
    expect(outcome.reason).toMatch(/^certificate expired (23 h|24 h|1 day)/);
  });
});

describe('expiry wording', () => {
  const now = Date.UTC(2026, 0, 1);
  it('speaks in hours on the last day and in days otherwise', () => {
    expect(judgeExpiry(now + 5 * 3_600_000, now, 14, 'x:443').reason).toBe('certificate expires in 5 h');
    expect(judgeExpiry(now + 1 * DAY, now, 14, 'x:443').reason).toBe('certificate expires in 1 day');
    expect(judgeExpiry(now + 40 * DAY, now, 14, 'x:443')).toMatchObject({
      status: 'up',
      reason: 'certificate valid for 40 days more',
    });
    expect(judgeExpiry(now - 3 * DAY, now, 14, 'x:443')).toMatchObject({
      status: 'down',
      reason: 'certificate expired 3 days ago',
    });
  });
});
