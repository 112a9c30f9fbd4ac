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

  it('reads the latest alerts back, newest first', () => {
    journalAlert(journal, alert('a1'), { told: [], failed: [] });
    journalAlert(journal, alert('a2', { at: 2, kind: 'recovered', severity: 'info' }), { told: [], failed: [] });
    expect(alertsFromJournal(journal, 10).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(alertsFromJournal(journal, 1)).toHaveLength(1);
  });
});
