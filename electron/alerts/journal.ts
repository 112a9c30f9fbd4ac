/**
 * Alerts in the journal: each one sent becomes a `health.alert` action (so Activity shows it, with who was told
 * and what failed to send), and the Health screen's "Recent alerts" survives a restart by reading them back.
 * Its outcome is what the alert said — "down", "recovered" — not whether it was delivered, which the status and
 * summary already tell: a delivered outage is not a green "succeeded".
 */
import { type Alert, alertSchema } from '../../shared/model/health';
import { type ActionOutcome } from '../../shared/model/journal';
import { type Journal } from '../journal/types';
import { type DeliveryOutcome } from './rules';

export const ALERT_KIND = 'health.alert';

const names: Record<string, string> = { desktop: 'desktop', slack: 'Slack' };

const words: Record<Alert['kind'], ActionOutcome> = {
  down: { word: 'down', tone: 'bad' },
  degraded: { word: 'degraded', tone: 'warn' },
  recovered: { word: 'recovered', tone: 'ok' },
  flapping: { word: 'flapping', tone: 'warn' },
};

/** What the alert said, in Activity's words; a practice alert is information, never an outage. */
export function alertOutcome(alert: Alert): ActionOutcome {
  const said = words[alert.kind];
  const word = alert.afterFlapping ? `${said.word} (after flapping)` : said.word;
  return alert.practice ? { word: `practice: ${word}`, tone: 'info' } : { word, tone: said.tone };
}

/**
 * Writes one alert once every notifier answered: the alert itself as the intent's data, what it said as the
 * outcome, and who was told (or why nobody was) as the summary. A delivery failure fails the action.
 */
export function journalAlert(journal: Pick<Journal, 'begin'>, alert: Alert, delivery: DeliveryOutcome): void {
  const action = journal.begin({
    kind: ALERT_KIND,
    title: alert.title,
    target: `${alert.service}@${alert.environment}`,
    data: { alert },
  });
  const result = { outcome: alertOutcome(alert) };
  const what = alert.body.split('\n').join(' · ');
  // A practice alert the drill kept quiet says so, rather than "no alerts configured".
  if (alert.practice && !alert.practice.delivered) {
    action.succeed(`${what}. Recorded, not sent: practice during rollback drill ${alert.practice.drillId}.`, result);
    return;
  }
  const told = delivery.told.map((n) => names[n] ?? n);
  const held = alert.delayed ? ' (held by quiet hours until now)' : '';
  const summary = `${what}${held}. Told: ${told.length > 0 ? told.join(', ') : 'nobody (no desktop or Slack alerts configured)'}.`;
  if (delivery.failed.length > 0) {
    const failures = delivery.failed.map((f) => `${names[f.notifier] ?? f.notifier}: ${f.message}`).join('; ');
    action.fail(`${summary} Not sent: ${failures}`, result);
  } else {
    action.succeed(summary, result);
  }
}

export const ALERT_SETTING_KIND = 'health.alertSetting';

/**
 * A change to how alerts are sent, made in the app (quiet hours, a keychain entry), so "why was nobody told?" has
 * an answer in Activity. The title names what changed, never a secret's value.
 */
export function journalAlertSetting(journal: Pick<Journal, 'begin'>, title: string, target: string): void {
  journal.begin({ kind: ALERT_SETTING_KIND, title, target }).succeed(title);
}

/** The latest alerts from the journal, newest first. */
export function alertsFromJournal(journal: Pick<Journal, 'list' | 'get'>, limit: number): Alert[] {
  const alerts: Alert[] = [];
  for (const action of journal.list({ kind: ALERT_KIND, limit }).actions) {
    const intent = journal.get(action.id)?.entries.find((e) => e.phase === 'intent');
    const parsed = alertSchema.safeParse(intent?.data?.alert);
    if (parsed.success) alerts.push(parsed.data);
  }
  // Actions begun in the same millisecond come back in either order: the alert's own time decides.
  return alerts.sort((a, b) => b.at - a.at);
}
