/** Who an alert goes to, from the workspace's `alerts:` section: the desktop (when on) and Slack (when set). */
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { createDesktopNotifier } from './desktop';
import { createSlackNotifier } from './slack';
import { type DesktopNotify, type Notifier, type SecretStore } from './types';

export interface NotifierSources {
  desktopNotify?: DesktopNotify;
  env?: Record<string, string | undefined>;
  keychain?: SecretStore;
  /** Always added (tests). */
  extra?: Notifier[];
}

export function notifiersFor(config: AlertsConfig | undefined, sources: NotifierSources): Notifier[] {
  const notifiers: Notifier[] = [...(sources.extra ?? [])];
  if (config?.desktop && sources.desktopNotify) notifiers.push(createDesktopNotifier(sources.desktopNotify));
  if (config?.slack) {
    notifiers.push(
      createSlackNotifier({
        webhook: config.slack.webhook,
        channel: config.slack.channel,
        env: sources.env,
        keychain: sources.keychain,
      }),
    );
  }
  return notifiers;
}
