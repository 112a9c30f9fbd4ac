/**
 * The backups feature on its schedule (a manual clock, a source kind answering from a list): each backup is
 * verified after the first-run delay and then every `every`; a scheduled verification that changes nothing stays
 * out of the journal, one that changes the outcome is written, and one asked for is always written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupCopy } from '../../shared/model/backups';
import { type TestFeatureContext, createTestFeatureContext } from '../features/testing/feature-context';
import { ManualClock } from '../health/manual-clock';
import { type BackupsFeature, createBackupsFeature } from './feature';
import { fakeKind, series } from './testing';

const HOUR = 3_600_000;

describe('scheduled verification', () => {
  let dir = '';
  let test: TestFeatureContext | undefined;
  let feature: BackupsFeature | undefined;
  afterEach(async () => {
    await feature?.close();
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs after the first delay and every hour, journaling only what changed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-backups-feature-'));
    const clock = new ManualClock(Date.UTC(2026, 11, 6, 9, 0, 0));
    const now = () => new Date(clock.now());
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: Shop',
        'environments: { production: { hosts: [db-1] } }',
        'hosts: { db-1: { ssh: deploy@db-1.example.com } }',
        'services:',
        '  shop:',
        '    backups:',
        '      - { id: orders, source: { dir: /srv/backups/orders, host: db-1 }, rpo: 26h, every: 1h }',
        '',
      ].join('\n'),
    );
    test = createTestFeatureContext({ dir, demoPath: file, background: true, now });
    await test.workspace.open(file);
    // Nightly copies, the newest at 02:00 today; later the job stops and nothing new arrives.
    let copies: BackupCopy[] = series(new Date(Date.UTC(2026, 11, 6, 2)), 5, 24 * HOUR);
    feature = createBackupsFeature(test.context, {
      clock,
      kindFor: () => fakeKind({ copies: () => copies }),
      firstRunDelayMs: 5_000,
    });
    const verifications = () => test?.journal.list({ limit: 100, kind: 'backups.verify' }).actions ?? [];

    await clock.advance(4_000);
    expect(feature.overview().backups[0]?.lastVerification).toBeNull();
    await clock.advance(1_000);
    await feature.verify({}); // waits for the one in flight (shared), and is itself journaled
    expect(feature.overview().backups[0]).toMatchObject({ health: 'ok' });
    const first = verifications().length;
    expect(first).toBe(2); // the scheduled one (a first outcome) and the one asked for

    // Hours of the same outcome: verified every hour, nothing new in the journal.
    for (let h = 0; h < 3; h++) await clock.advance(HOUR);
    expect(feature.overview().backups[0]?.lastVerification?.at).toBe(new Date(clock.now()).toISOString());
    expect(verifications()).toHaveLength(first);

    // The job stopped a day and a half ago: the next scheduled run finds the RPO broken and says so.
    copies = series(new Date(Date.UTC(2026, 11, 5, 2)), 5, 24 * HOUR);
    await clock.advance(30 * HOUR);
    const latest = verifications()[0];
    expect(latest).toMatchObject({ status: 'failed', target: 'shop/orders' });
    expect(verifications()).toHaveLength(first + 1);
    expect(feature.overview().backups[0]?.health).toBe('broken');
  });
});
