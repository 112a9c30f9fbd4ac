/**
 * Tells people about budget thresholds crossed for the first time this month (the alert log already made sure each
 * fires once): a desktop notification through the backend (Electron shows a native one, the UI a toast) unless the
 * workspace turned them off with `alerts.desktop: false`, a Slack message where `alerts.slack` is configured, and a
 * journal entry saying who was told. A Slack failure is journalled and logged without the webhook (the URL is the
 * secret); it never stops the desktop notification.
 */
import { type BudgetAlert, type CostAnomaly } from '../../shared/model/cost';
import { type ActionOutcome } from '../../shared/model/journal';
import { type Alert } from '../../shared/model/health';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { createSlackNotifier } from '../alerts/slack';
import { type Notifier } from '../alerts/types';
import { type AlertNotice } from '../features/types';
import { type Journal } from '../journal/types';
import { dec } from './money';
import { log } from '../log';

export interface BudgetNotifyDeps {
  journal: Pick<Journal, 'begin'>;
  notify: (notice: AlertNotice) => void;
  /** The open workspace's `alerts:` section, read when an alert fires (it may have changed since start). */
  alertsConfig: () => AlertsConfig | undefined;
  /** Tests replace the Slack notifier; the default posts to the configured webhook. */
  slack?: (config: NonNullable<AlertsConfig['slack']>) => Notifier;
}

export function budgetAlertTitle(alert: BudgetAlert): string {
  return `Budget "${alert.budget}": ${alert.label} crossed`;
}

/** An ACTUAL threshold at the whole budget (or beyond) is critical; early warnings (80 %, forecasts) are warnings. */
export function budgetAlertSeverity(alert: BudgetAlert): AlertNotice['severity'] {
  return alert.kind === 'actual' && dec(alert.limit).gte(dec(alert.budgetAmount)) ? 'critical' : 'warning';
}

/**
 * The Slack notifier speaks the health feature's Alert; a budget alert fills the fields its message shows (title,
 * body, severity, and "AWS cost · <budget>" in the context line). `kind` and `status` are health states Slack's
 * payload does not show; `degraded` is the nearest meaning.
 */
export function toSlackAlert(alert: BudgetAlert): Alert {
  return {
    id: `budget:${alert.budget}:${alert.month}:${alert.label}`,
    at: Date.parse(alert.firedAt),
    service: 'AWS cost',
    environment: alert.budget,
    kind: 'degraded',
    severity: budgetAlertSeverity(alert),
    status: 'degraded',
    title: budgetAlertTitle(alert),
    body: alert.message,
    reason: alert.message,
    recentChange: null,
    delayed: false,
  };
}

export async function notifyBudgetAlerts(alerts: readonly BudgetAlert[], deps: BudgetNotifyDeps): Promise<void> {
  for (const alert of alerts) {
    const config = deps.alertsConfig();
    const title = budgetAlertTitle(alert);
    const action = deps.journal.begin({
      kind: 'cost.alert',
      title,
      target: alert.budget,
      data: {
        month: alert.month,
        kind: alert.kind,
        threshold: alert.label,
        amount: alert.amount,
        limit: alert.limit,
        budget: alert.budgetAmount,
        currency: alert.currency,
      },
    });
    const told: string[] = [];
    const failures: string[] = [];
    if (config?.desktop !== false) {
      deps.notify({ title, body: alert.message, severity: budgetAlertSeverity(alert), route: 'cost' });
      told.push('desktop');
    }
    if (config?.slack) {
      try {
        const slack = (deps.slack ?? defaultSlack)(config.slack);
        await slack.send(toSlackAlert(alert));
        told.push('Slack');
      } catch (error) {
        // SlackError messages never contain the webhook URL.
        const message = error instanceof Error ? error.message : String(error);
        failures.push(message);
        log.error(`[cockpit] budget alert not sent to Slack: ${message}`);
      }
    }
    const summary = `${alert.message} Told: ${told.length ? told.join(', ') : 'nobody (alerts.desktop is off)'}.`;
    const outcome = { outcome: budgetAlertOutcome(alert) };
    if (failures.length) action.fail(`${summary} Slack failed: ${failures.join('; ')}`, outcome);
    else action.succeed(summary, outcome);
  }
}

/** What a budget alert means to the reader of Activity: "over budget", "at 80 %", "forecast over" … */
export function budgetAlertOutcome(alert: BudgetAlert): ActionOutcome {
  const share = dec(alert.limit).div(dec(alert.budgetAmount)).times(100).toDecimalPlaces(0).toNumber();
  if (alert.kind === 'forecast') {
    return share >= 100
      ? { word: 'forecast over budget', tone: 'warn' }
      : { word: `forecast at ${share} %`, tone: 'warn' };
  }
  return share >= 100 ? { word: 'over budget', tone: 'bad' } : { word: `at ${share} %`, tone: 'warn' };
}

export function anomalyTitle(anomaly: CostAnomaly): string {
  return `Cost spike: ${anomaly.key === '' ? 'untagged spend' : anomaly.key}`;
}

/** Slack speaks the health feature's Alert: a cost spike fills the fields its message shows (see toSlackAlert). */
export function anomalyToSlackAlert(anomaly: CostAnomaly, firedAt: Date): Alert {
  return {
    id: `cost-anomaly:${anomaly.id}`,
    at: firedAt.getTime(),
    service: 'AWS cost',
    environment: anomaly.key,
    kind: 'degraded',
    severity: 'warning',
    status: 'degraded',
    title: anomalyTitle(anomaly),
    body: anomaly.message,
    reason: anomaly.message,
    recentChange: null,
    delayed: false,
  };
}

/**
 * Tells people about cost anomalies seen for the first time (the anomaly log made sure of it), through the same
 * channels as budget alerts, and journals each as `cost.anomaly` with the outcome "cost spike".
 */
export async function notifyCostAnomalies(
  anomalies: readonly CostAnomaly[],
  deps: BudgetNotifyDeps & { now: () => Date },
): Promise<void> {
  for (const anomaly of anomalies) {
    const config = deps.alertsConfig();
    const title = anomalyTitle(anomaly);
    const action = deps.journal.begin({
      kind: 'cost.anomaly',
      title,
      target: anomaly.key,
      data: {
        id: anomaly.id,
        from: anomaly.from,
        to: anomaly.to,
        amount: anomaly.amount,
        expected: anomaly.expected,
        excess: anomaly.excess,
        ratio: anomaly.ratio,
        currency: anomaly.currency,
      },
    });
    const told: string[] = [];
    const failures: string[] = [];
    if (config?.desktop !== false) {
      deps.notify({ title, body: anomaly.message, severity: 'warning', route: 'cost' });
      told.push('desktop');
    }
    if (config?.slack) {
      try {
        await (deps.slack ?? defaultSlack)(config.slack).send(anomalyToSlackAlert(anomaly, deps.now()));
        told.push('Slack');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(message);
        log.error(`[cockpit] cost spike alert not sent to Slack: ${message}`);
      }
    }
    const summary = `${anomaly.message} Told: ${told.length ? told.join(', ') : 'nobody (alerts.desktop is off)'}.`;
    const outcome = { outcome: { word: 'cost spike', tone: 'warn' } satisfies ActionOutcome };
    if (failures.length) action.fail(`${summary} Slack failed: ${failures.join('; ')}`, outcome);
    else action.succeed(summary, outcome);
  }
}

function defaultSlack(config: NonNullable<AlertsConfig['slack']>): Notifier {
  return createSlackNotifier({ webhook: config.webhook, ...(config.channel ? { channel: config.channel } : {}) });
}
