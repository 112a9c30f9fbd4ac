/**
 * How alerts will be sent, as the Health screen shows it: desktop on or off, the Slack webhook's reference and
 * whether it can be resolved now (never its value), quiet hours (the app's own or the workspace's) and whether
 * they are on right now, and which keychain entries the workspace needs and has. A webhook that cannot be
 * resolved is said in words ("environment variable COCKPIT_SLACK_WEBHOOK is not set") before an alert ever
 * needs it.
 */
import { type AlertSettings } from '../../shared/model/health';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { type FlapPolicy } from '../health/check-state';
import { NO_CIPHER } from './keychain-store';
import { type AlertOverrides, effectiveQuietHours, noOverrides } from './overrides';
import { isQuiet, parseQuietHours } from './quiet-hours';
import { type SecretSources, resolveSecret } from './secrets';
import { type Keychain } from './types';

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

function keychainStatus(config: AlertsConfig | undefined, keychain: Keychain | undefined): AlertSettings['keychain'] {
  const names = [config?.slack?.webhook]
    .map((ref) => /^keychain:(.+)$/.exec(ref ?? '')?.[1])
    .filter((name): name is string => name !== undefined);
  if (!keychain) {
    return { available: false, problem: NO_CIPHER, entries: names.map((name) => ({ name, stored: false })) };
  }
  let problem = keychain.unavailable();
  const entries = names.map((name) => {
    try {
      return { name, stored: keychain.has(name) };
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      return { name, stored: false };
    }
  });
  return { available: keychain.unavailable() === null, problem, entries };
}

export async function alertSettings(
  config: AlertsConfig | undefined,
  sources: SecretSources & { keychain?: Keychain },
  flap: FlapPolicy,
  now: number,
  overrides: AlertOverrides = noOverrides,
): Promise<AlertSettings> {
  const { quietHours, source } = effectiveQuietHours(config, overrides);
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
  return {
    desktop: config?.desktop ?? true,
    slack,
    quietHours,
    quietHoursSource: source,
    workspaceQuietHours: config?.quietHours ?? null,
    quietNow,
    keychain: keychainStatus(config, sources.keychain),
    flap: { ...flap },
  };
}
