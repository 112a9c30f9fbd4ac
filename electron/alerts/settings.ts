/**
 * How alerts will be sent, as the Health screen shows it: desktop on or off, the Slack webhook's reference and
 * whether it can be resolved now (never its value), quiet hours and whether they are on right now. A webhook that
 * cannot be resolved is said in words ("environment variable COCKPIT_SLACK_WEBHOOK is not set") before an alert
 * ever needs it.
 */
import { type AlertSettings } from '../../shared/model/health';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { type FlapPolicy } from '../health/check-state';
import { isQuiet, parseQuietHours } from './quiet-hours';
import { type SecretSources, resolveSecret } from './secrets';

async function slackReadiness(
  webhook: string,
  sources: SecretSources,
): Promise<{ ready: boolean; problem: string | null }> {
  let value: string;
  try {
    value = await resolveSecret(webhook, sources);
  } catch (error) {
    return { ready: false, problem: error instanceof Error ? error.message : String(error) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ready: false, problem: `the value of ${webhook} is not a URL` };
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ready: false, problem: `the webhook in ${webhook} must be an https:// URL` };
  }
  return { ready: true, problem: null };
}

export async function alertSettings(
  config: AlertsConfig | undefined,
  sources: SecretSources,
  flap: FlapPolicy,
  now: number,
): Promise<AlertSettings> {
  const quietHours = config?.quietHours ?? null;
  let quietNow = false;
  if (quietHours) {
    try {
      quietNow = isQuiet(parseQuietHours(quietHours), now);
    } catch {
      quietNow = false;
    }
  }
  const slack = config?.slack
    ? {
        reference: config.slack.webhook,
        channel: config.slack.channel ?? null,
        ...(await slackReadiness(config.slack.webhook, sources)),
      }
    : null;
  return { desktop: config?.desktop ?? true, slack, quietHours, quietNow, flap: { ...flap } };
}
