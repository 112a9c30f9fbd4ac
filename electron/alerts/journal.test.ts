import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Alert } from '../../shared/model/health';
import { type SqliteJournal, openJournal } from '../journal/journal';
import { alertsFromJournal, journalAlert } from './journal';

let dir: string;
let journal: SqliteJournal;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-alert-journal-'));
  journal = openJournal({ file: join(dir, 'journal.db') });
});
afterEach(() => {
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

const alert = (id: string, overrides: Partial<Alert> = {}): Alert => ({
  id,
  at: 1,
  service: 'checkout',
  environment: 'production',
  kind: 'down',
  severity: 'critical',
  status: 'down',
  title: 'checkout (production) is down',
  body: 'checkout: /health/ready 503\nLast deploy 12 min ago: 8b71ff7 by ana',
  reason: 'checkout: /health/ready 503',
  recentChange: 'last deploy 12 min ago: 8b71ff7 by ana',
  delayed: false,
  ...overrides,
});

describe('alerts in the journal', () => {
  it('records who was told, so Activity shows each alert', () => {
    journalAlert(journal, alert('a1'), { told: ['desktop', 'slack'], failed: [] });
    const [action] = journal.list({ kind: 'health.alert', limit: 1 }).actions;
    expect(action).toMatchObject({
      title: 'checkout (production) is down',
      target: 'checkout@production',
      status: 'succeeded',
      summary: 'checkout: /health/ready 503 · Last deploy 12 min ago: 8b71ff7 by ana. Told: desktop, Slack.',
    });
  });

  it('marks the action failed when a notifier could not send, saying why without secrets', () => {
    journalAlert(journal, alert('a2', { delayed: true }), {
      told: ['desktop'],
      failed: [{ notifier: 'slack', message: 'Slack answered 404 (the webhook may have been revoked)' }],
    });
    const [action] = journal.list({ kind: 'health.alert', limit: 1 }).actions;
    expect(action?.status).toBe('failed');
    expect(action?.summary).toMatch(
      /\(held by quiet hours until now\)\. Told: desktop\. Not sent: Slack: Slack answered 404/,
    );
  });

  /** What the action's result says the alert meant (Activity shows it instead of a bare "succeeded"). */
  const outcomeOf = (id: string) =>
    journal
      .get(journal.list({ kind: 'health.alert', limit: 20 }).actions.find((a) => a.title === id)?.id ?? '')
      ?.entries.find((e) => e.phase === 'result')?.data?.outcome;

  it('states what each alert said as its outcome, whether or not it was delivered', () => {
    const sent = { told: ['desktop'], failed: [] };
    journalAlert(journal, alert('a1', { title: 'down' }), sent);
    journalAlert(journal, alert('a2', { title: 'after flapping', afterFlapping: true }), sent);
    journalAlert(journal, alert('a3', { title: 'degraded', kind: 'degraded', severity: 'warning' }), sent);
    journalAlert(journal, alert('a4', { title: 'recovered', kind: 'recovered', severity: 'info', status: 'up' }), sent);
    journalAlert(journal, alert('a5', { title: 'flapping', kind: 'flapping', severity: 'info' }), sent);
    journalAlert(journal, alert('a6', { title: 'practice', practice: { drillId: 'd1', delivered: false } }), sent);
    journalAlert(journal, alert('a7', { title: 'undelivered' }), {
      told: [],
      failed: [{ notifier: 'slack', message: 'Slack answered 404' }],
    });
    expect(
      ['down', 'after flapping', 'degraded', 'recovered', 'flapping', 'practice', 'undelivered'].map(outcomeOf),
    ).toEqual([
      { word: 'down', tone: 'bad' },
      { word: 'down (after flapping)', tone: 'bad' },
      { word: 'degraded', tone: 'warn' },
      { word: 'recovered', tone: 'ok' },
      { word: 'flapping', tone: 'warn' },
      { word: 'practice: down', tone: 'info' },
      { word: 'down', tone: 'bad' },
    ]);
    const undelivered = journal
      .list({ kind: 'health.alert', limit: 20 })
      .actions.find((a) => a.title === 'undelivered');
    expect(undelivered?.status).toBe('failed');
    const practice = journal.list({ kind: 'health.alert', limit: 20 }).actions.find((a) => a.title === 'practice');
    expect(practice?.summary).toContain('Recorded, not sent: practice during rollback drill d1.');
    // Reading alerts back still works, the new field included.
    expect(alertsFromJournal(journal, 20).find((a) => a.id === 'a2')?.afterFlapping).toBe(true);
  });

  it('reads the latest alerts back, newest first', () => {
    journalAlert(journal, alert('a1'), { told: [], failed: [] });
    journalAlert(journal, alert('a2', { at: 2, kind: 'recovered', severity: 'info' }), { told: [], failed: [] });
    expect(alertsFromJournal(journal, 10).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(alertsFromJournal(journal, 1)).toHaveLength(1);
  });
});
