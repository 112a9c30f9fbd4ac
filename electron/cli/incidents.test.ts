/**
 * `cockpit incidents` and `cockpit incident show|ack` as a person runs them: main() with a recording terminal and a
 * temp data folder whose journal holds a real incident, a resolved one and a drill's practice one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateIncidents } from '../incidents/schema';
import { IncidentStore, type StoredIncident } from '../incidents/store';
import { openJournal } from '../journal/journal';
import { main } from './main';
import { recorder } from './test-support/recorder';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;

function incident(id: string, openedMs: number, overrides: Partial<StoredIncident> = {}): StoredIncident {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    id,
    service: 'checkout',
    environment: 'staging',
    status: 'resolved',
    title: 'checkout down in staging',
    cause: '503 from /health/ready',
    drillId: null,
    startedAt: at(openedMs - 30_000),
    openedAt: at(openedMs),
    alertedAt: at(openedMs + 30_000),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: at(openedMs + 5 * 60_000),
    timeline: [
      { at: at(openedMs - 30_000), kind: 'failing', title: 'First failing sample', detail: null, ref: null },
      { at: at(openedMs), kind: 'down', title: 'checkout went down in staging', detail: null, ref: null },
    ],
    postmortem: { saved: null, editedAt: null, editedBy: null },
    actionItems: [],
    ...overrides,
  };
}

function shop(): { dataDir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-incidents-cli-'));
  made.push(dir);
  const dataDir = join(dir, 'data');
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(file, 'version: 1\nname: Shop\nenvironments: { staging: {} }\nservices: {}\n');
  const journal = openJournal({ file: join(dataDir, 'journal.db') });
  migrateIncidents(journal.db);
  const store = new IncidentStore(journal.db);
  const now = Date.now();
  store.insert(incident('inc-old', now - 3 * 24 * HOUR));
  store.insert(incident('inc-drill', now - 2 * 24 * HOUR, { drillId: 'drill-1', title: 'checkout down in staging' }));
  store.insert(
    incident('inc-open', now - 60_000, {
      status: 'open',
      resolvedAt: null,
      service: 'auth',
      title: 'auth down in staging',
      actionItems: [{ id: 'ai-1', text: 'Page on auth too', owner: 'ana', due: '2026-12-20', done: false }],
    }),
  );
  journal.close();
  return { dataDir, args: ['--data-dir', dataDir, '--workspace', file] };
}

describe('cockpit incidents', () => {
  it('lists open incidents first, the real figures, and drills apart', async () => {
    const s = shop();
    const r = recorder();
    expect(await main(['incidents', ...s.args], r.io)).toBe(1); // a real incident is open
    const out = r.out();
    expect(out.indexOf('auth down in staging')).toBeLessThan(out.indexOf('Recent:'));
    expect(out).toContain('[practice: drill-1]');
    expect(out).toContain(
      'Last 30 days: 2 incidents · time to detect 1 min · to acknowledge — · to recover 5 min 30 s',
    );
    expect(out).toContain('Rollback drills, kept apart (30 days): 1 incident · time to detect 1 min');
    expect(out).toContain('[ ] Page on auth too — ana, due 2026-12-20 (auth down in staging, inc-open)');
    expect(r.err()).toBe('');

    const json = recorder();
    await main(['incidents', '--json', ...s.args], json.io);
    const parsed = JSON.parse(json.out()) as { incidents: Array<{ id: string }> };
    expect(parsed.incidents.map((i) => i.id)).toEqual(['inc-open', 'inc-drill', 'inc-old']);
  });

  it('shows one incident, its post-mortem as Markdown, and acknowledges it as cli:<user>', async () => {
    const s = shop();
    const show = recorder();
    expect(await main(['incident', 'show', 'inc-old', ...s.args], show.io)).toBe(0);
    expect(show.out()).toContain('time to detect (first failing sample → alert):      1 min');
    expect(show.out()).toContain('First failing sample');

    const md = recorder();
    expect(await main(['incident', 'show', 'inc-old', '--format', 'md', ...s.args], md.io)).toBe(0);
    expect(md.out()).toMatch(/^# checkout down in staging\n/);
    expect(md.out()).toContain('## What changed before it');

    const ack = recorder();
    expect(await main(['incident', 'ack', 'inc-open', ...s.args], ack.io)).toBe(0);
    expect(ack.out()).toContain(`auth down in staging: acknowledged at`);
    expect(ack.out()).toContain(`by cli:${userInfo().username}`);
    const twice = recorder();
    expect(await main(['incident', 'ack', 'inc-open', ...s.args], twice.io)).toBe(0);
    expect(twice.out()).toContain('already acknowledged');

    const missing = recorder();
    expect(await main(['incident', 'show', 'inc-nope', ...s.args], missing.io)).toBe(1);
    expect(missing.err()).toContain('No incident "inc-nope"');
  });

  it('prints help without acting, and answers mistakes with the help (exit 2)', async () => {
    const help = recorder();
    expect(await main(['incident', 'ack', 'x', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: cockpit incident show ID');
    const typo = recorder();
    expect(await main(['incidents', 'show', 'x'], typo.io)).toBe(2);
    expect(typo.err()).toContain('did you mean `cockpit incident show x`?');
    const format = recorder();
    expect(await main(['incident', 'show', 'x', '--format', 'pdf'], format.io)).toBe(2);
    expect(format.err()).toContain('unknown format "pdf"');
    const listed = recorder();
    await main(['--help'], listed.io);
    expect(listed.out()).toMatch(/incidents +incidents \(open first\)/);
  });
});
