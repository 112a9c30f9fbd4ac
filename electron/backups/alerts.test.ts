import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BackupStatus } from '../../shared/model/backups';
import { type Alert } from '../../shared/model/health';
import { type AlertNotice } from '../features/types';
import { ManualClock } from '../health/manual-clock';
import { openJournal } from '../journal/journal';
import { useTempDir } from '../journal/test-support/temp-dir';
import { BackupAlerter, alertsFor } from './alerts';
import { type BackupRef } from './history';
import { memoryHistory } from './testing';

const tempDir = useTempDir('cockpit-backup-alerts-');
const HOUR = 3_600_000;
const ref: BackupRef = { workspace: '/w/cockpit.yaml', service: 'shop', backup: 'orders' };

function status(extra: Partial<BackupStatus> = {}): BackupStatus {
  return {
    key: 'shop/orders',
    service: 'shop',
    id: 'orders',
    description: null,
    sourceKind: 'dir',
    source: 'db-1:/srv/backups/orders',
    health: 'broken',
    reason: '',
    rpoMs: 26 * HOUR,
    minCopies: 1,
    newest: { id: 'orders-1.dump', time: '2026-01-04T00:00:00.000Z', size: 10, location: '/x' },
    ageMs: 31 * HOUR,
    copies: 3,
    sizes: [],
    lastVerification: null,
    nextVerificationAt: null,
    verifying: false,
    drill: null,
    ...extra,
  };
}

const shrunk = status({
  ageMs: HOUR,
  lastVerification: {
    at: '2026-01-05T09:00:00.000Z',
    durationMs: 5,
    status: 'warning',
    checks: [
      {
        kind: 'size',
        status: 'warning',
        summary: 'newest 1 MB is 8 % of the median 12 MB',
        proves: 'p',
        doesNotProve: 'd',
        durationMs: 0,
      },
    ],
  },
});

function setup(quietHours?: string, canWait = true) {
  const clock = new ManualClock(new Date(2026, 0, 5, 23, 0).getTime());
  const { history } = memoryHistory();
  const journal = openJournal({ file: join(tempDir(), 'journal.db') });
  const notices: AlertNotice[] = [];
  const slack: Alert[] = [];
  const alerter = new BackupAlerter({
    history,
    journal,
    notify: (n) => notices.push(n),
    alertsConfig: () => ({ desktop: true, slack: { webhook: 'env:HOOK' }, ...(quietHours ? { quietHours } : {}) }),
    clock,
    canWait,
    slack: () => ({ name: 'slack', send: async (a) => void slack.push(a) }),
  });
  const actions = () => journal.list({ limit: 50 }).actions.filter((a) => a.kind === 'backups.alert');
  return { clock, alerter, notices, slack, actions, journal };
}

describe('backup alerts', () => {
  it('names what a status calls for, with the episode that makes it once', () => {
    const alerts = alertsFor(ref, status(), new Date('2026-01-05T09:00:00Z'));
    expect(alerts.map((a) => [a.kind, a.episode, a.severity, a.title])).toEqual([
      ['past-rpo', 'orders-1.dump', 'critical', 'Backup shop/orders: past its RPO'],
    ]);
    expect(alerts[0]?.body).toContain('is 31 h old, past the RPO of 26 h');
  });

  it('tells desktop and Slack once per episode, and again for a new late copy', async () => {
    const { alerter, notices, slack, actions, journal } = setup();
    const now = new Date('2026-01-05T09:00:00Z');
    await alerter.raise(alertsFor(ref, status(), now));
    await alerter.raise(alertsFor(ref, status(), now));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      severity: 'critical',
      route: 'backups',
      title: 'Backup shop/orders: past its RPO',
    });
    expect(slack).toHaveLength(1);
    const later = status({
      newest: { id: 'orders-2.dump', time: '2026-01-04T12:00:00.000Z', size: 10, location: '/y' },
    });
    await alerter.raise(alertsFor(ref, later, now));
    expect(notices).toHaveLength(2);
    expect(actions().map((a) => a.summary)).toEqual([
      expect.stringContaining('Told: desktop, Slack.'),
      expect.stringContaining('Told: desktop, Slack.'),
    ]);
    // Activity reads the broken promise, not a green "succeeded" for the delivery.
    expect(actions().map((a) => a.outcome)).toEqual([
      { word: 'past its RPO', tone: 'bad' },
      { word: 'past its RPO', tone: 'bad' },
    ]);
    journal.close();
  });

  it('holds warnings through quiet hours and sends critical ones at once', async () => {
    const { clock, alerter, notices, slack, journal } = setup('22:00-07:00');
    await alerter.raise(alertsFor(ref, shrunk, new Date(clock.now())));
    expect(notices).toEqual([]);
    expect(alerter.held).toBe(1);
    await alerter.raise(alertsFor(ref, status(), new Date(clock.now())));
    expect(notices.map((n) => n.severity)).toEqual(['critical']);
    await clock.advance(8 * HOUR);
    expect(notices.map((n) => n.severity)).toEqual(['critical', 'warning']);
    expect(slack.at(-1)).toMatchObject({ delayed: true, severity: 'warning' });
    journal.close();
  });

  it('leaves a quiet-hours warning untold in the CLI, which cannot wait, so the app tells it later', async () => {
    const cli = setup('22:00-07:00', false);
    await cli.alerter.raise(alertsFor(ref, shrunk, new Date(cli.clock.now())));
    await cli.clock.advance(8 * HOUR);
    expect(cli.notices).toEqual([]);
    expect(cli.actions()).toEqual([]);
    await cli.alerter.raise(alertsFor(ref, shrunk, new Date(cli.clock.now())));
    expect(cli.notices.map((n) => n.title)).toEqual(['Backup shop/orders: newest copy shrank']);
    cli.journal.close();
  });

  it('reminds of a drill due within a week, and warns once it is overdue', () => {
    const now = new Date('2026-01-05T09:00:00Z');
    const drill = {
      host: 'db-2',
      rtoTargetMs: 1_800_000,
      everyMs: 90 * 24 * HOUR,
      last: null,
      dueAt: '2026-01-09T09:00:00.000Z',
      overdue: false,
      running: null,
    };
    const fine = status({ ageMs: HOUR, drill });
    expect(alertsFor(ref, fine, now).map((a) => [a.kind, a.severity])).toEqual([['drill-due-soon', 'info']]);
    const overdue = status({ ageMs: HOUR, drill: { ...drill, overdue: true } });
    expect(alertsFor(ref, overdue, now).map((a) => [a.kind, a.episode, a.severity])).toEqual([
      ['drill-overdue', 'never', 'warning'],
    ]);
  });
});
