/**
 * The alerts sent lately, newest first: what changed, how bad, when, and what changed recently (the last deploy).
 * Each also arrived as a notification; this list is where to look when one was missed.
 */
import { type Alert } from '../../../shared/model/health';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill, type Tone } from '../../components/StatusPill';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { RunbookOffer } from '../runbooks/RunbookOffer';
import { runbooksForAlert } from '../runbooks/runbook-view';
import { useRunbooks } from '../runbooks/store';
import { selectHealthAlerts, selectHealthChecks } from './selectors';

const tones: Record<Alert['severity'], Tone> = { critical: 'bad', warning: 'warn', info: 'ok' };
const words: Record<Alert['kind'], string> = {
  down: 'down',
  degraded: 'degraded',
  recovered: 'recovered',
  flapping: 'flapping',
};

export function RecentAlerts({ limit = 8, compact = false }: { limit?: number; compact?: boolean }) {
  const alerts = useStore(selectHealthAlerts);
  const checks = useStore(selectHealthChecks);
  const runbooks = useRunbooks((s) => s.list);
  const shown = alerts.slice(0, limit);
  return (
    <Card
      title="Recent alerts"
      meta={alerts.length > 0 ? `${alerts.length} lately` : undefined}
      actions={compact ? <a href={hrefFor('health')}>Open Health</a> : undefined}
      className="health-alerts"
    >
      {shown.length === 0 ? (
        <p className="muted">
          No alerts. One is sent when a service goes down or degraded (after its retries), and once when it recovers.
        </p>
      ) : (
        <ul className="alert-list" aria-label="Recent alerts">
          {shown.map((a) => (
            <li key={a.id} className="alert-item">
              <StatusPill tone={a.kind === 'flapping' ? 'warn' : tones[a.severity]} title={`${a.severity} alert`}>
                {words[a.kind]}
              </StatusPill>
              <div className="alert-text">
                <p className="alert-title">
                  {a.title}
                  {a.delayed ? <span className="badge alert-held">held by quiet hours</span> : null}
                </p>
                {!compact ? (
                  <p className="alert-body">
                    {a.body.split('\n').map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                  </p>
                ) : null}
                <RunbookOffer runbooks={runbooksForAlert(runbooks, a, checks, alerts)} environment={a.environment} />
              </div>
              <span className="alert-when">
                <RelativeTime iso={new Date(a.at).toISOString()} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
