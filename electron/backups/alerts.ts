/**
 * Backup alerts through the existing pipeline: a desktop notification (route `backups`), Slack where `alerts.slack`
 * is set, quiet hours (warnings and reminders wait until the window ends; critical ones never wait), and a
 * `backups.alert` journal action saying who was told. Each fires once per episode: past the RPO for newest copy X
 * fires once, and a new copy that is late again is a new episode. The episode is claimed in the journal's table at
 * the moment of telling, so the app and the CLI on the same journal never tell twice, and a warning held by quiet
 * hours in a CLI run (which cannot wait) is left for the app to tell later.
 */
import { type BackupStatus } from '../../shared/model/backups';
import { type Alert } from '../../shared/model/health';
import { type ActionOutcome } from '../../shared/model/journal';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { isQuiet, parseQuietHours, quietEnds } from '../alerts/quiet-hours';
import { createSlackNotifier } from '../alerts/slack';
import { type Notifier, type SecretStore } from '../alerts/types';
import { type AlertNotice } from '../features/types';
import { type Clock, type TimerHandle } from '../health/clock';
import { type Journal } from '../journal/types';
import { log } from '../log';
import { type BackupHistory, type BackupRef } from './history';
import { DRILL_REMINDER_MS } from './status';
import { humanAge } from './words';

export const backupAlertKinds = [
  'past-rpo',
  'too-few-copies',
  'integrity-failed',
  'drill-failed',
  'shrink',
  'drill-overdue',
  'drill-due-soon',
] as const;
export type BackupAlertKind = (typeof backupAlertKinds)[number];

/** What each alert means in Activity: a broken promise is not a green "succeeded" because it was delivered. */
const alertOutcomes: Record<BackupAlertKind, ActionOutcome> = {
  'past-rpo': { word: 'past its RPO', tone: 'bad' },
  'too-few-copies': { word: 'too few copies', tone: 'warn' },
  'integrity-failed': { word: 'integrity failed', tone: 'bad' },
  'drill-failed': { word: 'drill failed', tone: 'bad' },
  shrink: { word: 'shrank', tone: 'warn' },
  'drill-overdue': { word: 'drill overdue', tone: 'warn' },
  'drill-due-soon': { word: 'drill due soon', tone: 'info' },
};

export interface BackupAlert {
  ref: BackupRef;
  kind: BackupAlertKind;
  /** What makes this occurrence one episode: the newest copy's id, a drill's run id, a due date. */
  episode: string;
  severity: AlertNotice['severity'];
  title: string;
  body: string;
}

/** The alerts a backup's status calls for now (each still to be claimed once per episode). */
export function alertsFor(ref: BackupRef, status: BackupStatus, now: Date): BackupAlert[] {
  const alerts: BackupAlert[] = [];
  const copy = status.newest?.id ?? 'no-copies';
  const add = (kind: BackupAlertKind, episode: string, severity: BackupAlert['severity'], what: string, body: string) =>
    alerts.push({ ref, kind, episode, severity, title: `Backup ${status.key}: ${what}`, body });
  const checks = status.lastVerification?.checks ?? [];
  if (status.ageMs !== null && status.ageMs > status.rpoMs) {
    add(
      'past-rpo',
      copy,
      'critical',
      'past its RPO',
      `The newest copy (${copy}) is ${humanAge(status.ageMs)} old, past the RPO of ${humanAge(status.rpoMs)}. Check that the backup job still runs and writes to ${status.source}.`,
    );
  }
  const count = checks.find((c) => c.kind === 'count' && c.status === 'failed');
  if (count) {
    add('too-few-copies', copy, 'critical', 'too few copies', `${count.summary} in ${status.source}. Check retention.`);
  }
  const integrity = checks.find((c) => (c.kind === 'integrity' || c.kind === 'native') && c.status === 'failed');
  if (integrity) {
    add(
      'integrity-failed',
      copy,
      'critical',
      'integrity check failed',
      `${integrity.summary}${integrity.command ? `\nCommand: ${integrity.command}` : ''}\nThis copy may not restore: take a new backup and find out what damaged it.`,
    );
  }
  const shrink = checks.find((c) => c.kind === 'size' && c.status === 'warning');
  if (shrink) {
    add(
      'shrink',
      copy,
      'warning',
      'newest copy shrank',
      `${shrink.summary}. A sudden shrink often means a backup that stopped early or left data out.`,
    );
  }
  const drill = status.drill;
  if (drill?.last?.status === 'failed') {
    add(
      'drill-failed',
      drill.last.runId,
      'critical',
      'restore drill failed',
      `${drill.last.summary ?? 'The restore drill failed.'} Open the drill's evidence in the Drills screen.`,
    );
  }
  if (drill && !drill.running) {
    const untilDue = Date.parse(drill.dueAt) - now.getTime();
    if (drill.overdue) {
      add(
        'drill-overdue',
        drill.last?.runId ?? 'never',
        'warning',
        'restore drill overdue',
        drill.last
          ? `The last restore drill was ${drill.last.startedAt.slice(0, 10)}; one is due every ${humanAge(drill.everyMs)}. Run a restore drill.`
          : 'This backup has never been restored in a drill. Run a restore drill to prove it restores.',
      );
    } else if (untilDue <= DRILL_REMINDER_MS) {
      add(
        'drill-due-soon',
        drill.dueAt,
        'info',
        'restore drill due soon',
        `The next restore drill is due ${drill.dueAt.slice(0, 10)} (in ${humanAge(untilDue)}).`,
      );
    }
  }
  return alerts;
}

export interface BackupAlerterDeps {
  history: Pick<BackupHistory, 'claimAlert'>;
  journal: Pick<Journal, 'begin'>;
  notify: (notice: AlertNotice) => void;
  /** The open workspace's `alerts:` section, read when an alert goes out (it may have changed since). */
  alertsConfig: () => AlertsConfig | undefined;
  clock: Clock;
  /** The app and serve mode can hold a warning until quiet hours end; the CLI cannot (it leaves it untold). */
  canWait: boolean;
  keychain?: SecretStore;
  env?: Record<string, string | undefined>;
  /** Tests replace the Slack notifier. */
  slack?: (config: NonNullable<AlertsConfig['slack']>) => Notifier;
}

/** The Slack notifier speaks the health feature's Alert: a backup alert fills what its message shows. */
function toSlackAlert(alert: BackupAlert, at: number, delayed: boolean): Alert {
  return {
    id: `backup:${alert.ref.service}/${alert.ref.backup}:${alert.kind}:${alert.episode}`,
    at,
    service: alert.ref.service,
    environment: `backup ${alert.ref.backup}`,
    kind: alert.severity === 'critical' ? 'down' : 'degraded',
    severity: alert.severity,
    status: alert.severity === 'critical' ? 'down' : 'degraded',
    title: alert.title,
    body: alert.body,
    reason: alert.body,
    recentChange: null,
    delayed,
  };
}

export class BackupAlerter {
  #held = new Map<string, BackupAlert>();
  #timer: TimerHandle | undefined;
  #closed = false;

  constructor(private readonly deps: BackupAlerterDeps) {}

  /** Tells each alert not told before (held by quiet hours when it may wait). Never throws. */
  async raise(alerts: readonly BackupAlert[]): Promise<void> {
    for (const alert of alerts) {
      if (this.#closed) return;
      const quiet = this.#quietHours();
      const now = this.deps.clock.now();
      if (quiet && alert.severity !== 'critical' && isQuiet(quiet, now)) {
        if (this.deps.canWait) this.#hold(alert, quietEnds(quiet, now) - now);
        continue;
      }
      await this.#tell(alert, false);
    }
  }

  /** Warnings held by quiet hours, waiting. */
  get held(): number {
    return this.#held.size;
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#held.clear();
  }

  #quietHours() {
    const text = this.deps.alertsConfig()?.quietHours;
    if (!text) return undefined;
    try {
      return parseQuietHours(text);
    } catch {
      return undefined;
    }
  }

  #hold(alert: BackupAlert, waitMs: number): void {
    this.#held.set(
      `${alert.ref.workspace}|${alert.ref.service}/${alert.ref.backup}|${alert.kind}|${alert.episode}`,
      alert,
    );
    if (this.#timer) return;
    this.#timer = this.deps.clock.setTimeout(() => {
      this.#timer = undefined;
      const due = [...this.#held.values()];
      this.#held.clear();
      void (async () => {
        for (const held of due) await this.#tell(held, true);
      })();
    }, waitMs);
  }

  async #tell(alert: BackupAlert, delayed: boolean): Promise<void> {
    const at = this.deps.clock.now();
    if (this.#closed || !this.deps.history.claimAlert(alert.ref, alert.kind, alert.episode, new Date(at))) return;
    const config = this.deps.alertsConfig();
    const action = this.deps.journal.begin({
      kind: 'backups.alert',
      title: alert.title,
      target: `${alert.ref.service}/${alert.ref.backup}`,
      data: { kind: alert.kind, episode: alert.episode, severity: alert.severity, delayed },
    });
    const told: string[] = [];
    const failures: string[] = [];
    if (config?.desktop !== false) {
      this.deps.notify({ title: alert.title, body: alert.body, severity: alert.severity, route: 'backups' });
      told.push('desktop');
    }
    if (config?.slack) {
      try {
        const slack = (this.deps.slack ?? this.#defaultSlack)(config.slack);
        await slack.send(toSlackAlert(alert, at, delayed));
        told.push('Slack');
      } catch (error) {
        // SlackError messages never contain the webhook URL.
        const message = error instanceof Error ? error.message : String(error);
        failures.push(message);
        log.error(`[cockpit] backup alert not sent to Slack: ${message}`);
      }
    }
    const summary = `${alert.body} Told: ${told.length ? told.join(', ') : 'nobody (alerts.desktop is off)'}${delayed ? ' (held by quiet hours)' : ''}.`;
    const result = { outcome: alertOutcomes[alert.kind] };
    if (failures.length) action.fail(`${summary} Slack failed: ${failures.join('; ')}`, result);
    else action.succeed(summary, result);
  }

  #defaultSlack = (config: NonNullable<AlertsConfig['slack']>): Notifier =>
    createSlackNotifier({
      webhook: config.webhook,
      ...(config.channel ? { channel: config.channel } : {}),
      env: this.deps.env ?? process.env,
      ...(this.deps.keychain ? { keychain: this.deps.keychain } : {}),
    });
}
