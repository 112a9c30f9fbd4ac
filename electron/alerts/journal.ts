/**
 * Alerts in the journal: each one sent becomes a `health.alert` action (so Activity shows it, with who was told
 * and what failed to send), and the Health screen's "Recent alerts" survives a restart by reading them back.
 */
import { type Alert, alertSchema } from '../../shared/model/health';
import { type Journal } from '../journal/types';
import { type DeliveryOutcome } from './rules';

export const ALERT_KIND = 'health.alert';

const names: Record<string, string> = { desktop: 'desktop', slack: 'Slack' };

/** Writes one delivered alert: the alert itself as the intent's data, the outcome as the result. */
export function journalAlert(journal: Pick<Journal, 'begin'>, alert: Alert, outcome: DeliveryOutcome): void {
  const action = journal.begin({
    kind: ALERT_KIND,
    title: alert.title,
    target: `${alert.service}@${alert.environment}`,
    data: { alert },
  });
  const told = outcome.told.map((n) => names[n] ?? n);
  const held = alert.delayed ? ' (held by quiet hours until now)' : '';
  const what = alert.body.split('\n').join(' · ');
  const summary = `${what}${held}. Told: ${told.length > 0 ? told.join(', ') : 'nobody (no desktop or Slack alerts configured)'}.`;
  if (outcome.failed.length > 0) {
    const failures = outcome.failed.map((f) => `${names[f.notifier] ?? f.notifier}: ${f.message}`).join('; ');
    action.fail(`${summary} Not sent: ${failures}`);
  } else {
    action.succeed(summary);
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
