/**
 * How alerts reach people, as the workspace's `alerts:` section says — desktop, Slack (its reference, never the
 * URL, and whether it resolves now), quiet hours — and the rules they follow, so nobody has to guess why an alert
 * did or did not arrive. Two things are set here rather than in the file: the keychain entries the file refers
 * to, and quiet hours of one's own.
 */
import { Card } from '../../components/Card';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { formatSpan } from './health-format';
import { KeychainEntryControl } from './KeychainEntryControl';
import { QuietHoursControl } from './QuietHoursControl';
import { selectHealthSettings } from './selectors';

export function AlertSettingsCard() {
  const settings = useStore(selectHealthSettings);
  if (!settings) return null;
  const { slack, flap, keychain } = settings;
  return (
    <Card title="How alerts are sent" className="health-settings">
      <dl className="facts">
        <dt>Desktop</dt>
        <dd>
          {settings.desktop ? (
            <StatusPill tone="ok">on</StatusPill>
          ) : (
            <StatusPill tone="idle" title="alerts.desktop: false in cockpit.yaml">
              off
            </StatusPill>
          )}
        </dd>
        <dt>Slack</dt>
        <dd>
          {slack ? (
            <>
              <span className="mono">{slack.reference}</span>
              {slack.channel ? <span className="muted"> → {slack.channel}</span> : null}{' '}
              {slack.ready ? (
                <StatusPill tone="ok">ready</StatusPill>
              ) : (
                <StatusPill tone="warn" title={slack.problem ?? undefined}>
                  not ready
                </StatusPill>
              )}
              {slack.problem ? <span className="cell-sub text-warn">{slack.problem}</span> : null}
              {keychain.entries.map((entry) => (
                <KeychainEntryControl
                  key={entry.name}
                  entry={entry}
                  available={keychain.available}
                  problem={keychain.problem}
                />
              ))}
            </>
          ) : (
            <span className="muted">
              not set — add <code>slack: {'{ webhook: env:COCKPIT_SLACK_WEBHOOK }'}</code> under <code>alerts:</code>
            </span>
          )}
        </dd>
        <dt>Quiet hours</dt>
        <dd>
          {/* Remounted when the setting changes, so the fields start from what alerts now follow. */}
          <QuietHoursControl key={settings.quietHours ?? ''} settings={settings} />
        </dd>
        <dt>Rules</dt>
        <dd className="health-rules">
          Sent when a service goes down (critical) or degraded (warning), after the check’s retries; once when it
          recovers. A service changing {flap.transitions} times within {formatSpan(flap.windowMs)} is flapping: one
          notice; until it is stable for {formatSpan(flap.stableMs)}, a status that outlasts its checks’ detection time
          is still sent, once (“down (after flapping)”).
        </dd>
      </dl>
    </Card>
  );
}
