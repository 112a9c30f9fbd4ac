/**
 * `cockpit timeline` as a person runs it: main() with a recording terminal and a temp data folder whose journal
 * holds a deploy, an alert and an incident from the last hours, and a deploy from last week.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Timeline } from '../../shared/model/timeline';
import { journalAlert } from '../alerts/journal';
import { migrateIncidents } from '../incidents/schema';
import { IncidentStore } from '../incidents/store';
import { openJournal } from '../journal/journal';
import { main } from './main';
import { recorder } from './test-support/recorder';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const MIN = 60_000;

function shop(): { dataDir: string; args: string[]; now: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-timeline-cli-'));
  made.push(dir);
  const dataDir = join(dir, 'data');
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    'version: 1\nname: Shop\nenvironments: { staging: {}, production: {} }\nservices: { checkout: {}, auth: {} }\n',
  );
  const now = Date.now();
  let clock = now;
  const journal = openJournal({ file: join(dataDir, 'journal.db'), now: () => new Date(clock) });
  const deploy = (at: number, ref: string) => {
    clock = at;
    const run = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy checkout to production',
      target: 'checkout@production',
      actor: 'ana',
      data: { service: 'checkout', environment: 'production', ref, releaseId: null },
    });
    clock = at + 2 * MIN;
    run.succeed('healthy', { outcome: { result: 'healthy', releaseId: `20261206T200000Z-${ref}` } });
  };
  deploy(now - 8 * 24 * HOUR, 'v1.4.0');
  deploy(now - 2 * HOUR, 'v1.6.0');
  clock = now - 2 * HOUR + 5 * MIN;
  journalAlert(
    journal,
    {
      id: 'a1',
      at: clock,
      service: 'checkout',
      environment: 'production',
      kind: 'down',
      severity: 'critical',
      status: 'down',
      title: 'checkout is down in production',
      body: 'checkout: /health/ready 503',
      reason: 'checkout: /health/ready 503',
      recentChange: null,
      delayed: false,
    },
    { told: ['desktop'], failed: [] },
  );
  migrateIncidents(journal.db);
  new IncidentStore(journal.db).insert({
    id: 'inc-1',
    service: 'auth',
    environment: 'staging',
    status: 'open',
    title: 'auth down in staging',
    cause: null,
    drillId: null,
    startedAt: new Date(now - 30 * MIN).toISOString(),
    openedAt: new Date(now - 29 * MIN).toISOString(),
    alertedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    timeline: [],
    postmortem: { saved: null, editedAt: null, editedBy: null },
    actionItems: [],
  });
  journal.close();
  return { dataDir, args: ['--data-dir', dataDir, '--workspace', file], now };
}

describe('cockpit timeline', () => {
  it('prints the last 24 hours oldest first, one line each: time, kind, where, what', async () => {
    const s = shop();
    const r = recorder();
    expect(await main(['timeline', ...s.args], r.io)).toBe(0);
    const lines = r
      .out()
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /✓ deploy +checkout\/production +Deploy v1\.6\.0 to checkout in production — healthy \(2 min\)$/,
    );
    expect(lines[1]).toMatch(/✗ alert +checkout\/production +Alert: checkout is down in production$/);
    expect(lines[2]).toMatch(/✗ incident +auth\/staging +Incident: auth down in staging \(open\)$/);
    expect(r.err()).toBe('');
  });

  it('filters by service, environment and kind, reaches back with --since, and prints the contract as --json', async () => {
    const s = shop();
    const json = recorder();
    expect(
      await main(
        ['timeline', '--since', '30d', '--service', 'checkout', '--kind', 'deploy', '--json', ...s.args],
        json.io,
      ),
    ).toBe(0);
    const timeline = JSON.parse(json.out()) as Timeline;
    expect(timeline.entries.map((e) => e.title)).toEqual([
      'Deploy v1.4.0 to checkout in production — healthy',
      'Deploy v1.6.0 to checkout in production — healthy',
    ]);
    expect(timeline.services).toEqual(['checkout', 'auth']);
    expect(timeline.environments).toEqual(['staging', 'production']);
    expect(Date.parse(timeline.to) - Date.parse(timeline.from)).toBe(30 * 24 * HOUR);

    const staging = recorder();
    expect(await main(['timeline', '--env', 'staging', '--json', ...s.args], staging.io)).toBe(0);
    expect((JSON.parse(staging.out()) as Timeline).entries.map((e) => e.kind)).toEqual(['incident']);

    const empty = recorder();
    expect(await main(['timeline', '--since', '1h', '--kind', 'budget', ...s.args], empty.io)).toBe(0);
    expect(empty.out()).toContain('Nothing happened in this range');
  });

  it('prints help without acting, and answers mistakes with the help (exit 2)', async () => {
    const help = recorder();
    expect(await main(['timeline', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: cockpit timeline [--since 24h]');
    const since = recorder();
    expect(await main(['timeline', '--since', 'yesterday'], since.io)).toBe(2);
    expect(since.err()).toContain('--since must be an ISO time like 2026-12-06T22:00:00Z or a duration like 1h');
    const kind = recorder();
    expect(await main(['timeline', '--kind', 'deploy,deploys'], kind.io)).toBe(2);
    expect(kind.err()).toContain('unknown kind "deploys": use one or more of deploy, rollback, health');
    const limit = recorder();
    expect(await main(['timeline', '--limit', '0'], limit.io)).toBe(2);
    const flag = recorder();
    expect(await main(['timeline', '--sinse', '1h'], flag.io)).toBe(2);
    const listed = recorder();
    await main(['--help'], listed.io);
    expect(listed.out()).toMatch(/timeline +what happened, oldest first/);
  });
});
