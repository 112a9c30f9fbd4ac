/**
 * The Overview's backups card, worst first: each backup's health, the newest copy's age against the RPO and the
 * last restore drill; the Backups screen one click away. Hidden when the workspace declares no backups.
 */
import { worstBackupsFirst } from '../../../shared/model/backups';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor } from '../../lib/routes';
import { AgeMeter } from './AgeMeter';
import { drillTone, healthLabel, healthTone } from './backup-format';
import { drillHref } from './drill-links';
import { useBackups } from './store';

const SHOWN = 5;

export function OverviewBackupsCard() {
  const overview = useBackups((s) => s.overview);
  const error = useBackups((s) => s.error);
  if (overview && overview.backups.length === 0) return null;
  const link = (
    <a href={hrefFor('backups')} className="deploys-card-link">
      Open Backups →
    </a>
  );
  return (
    <Card title="Backups" actions={link} className="backups-card">
      {!overview ? (
        error ? (
          <p className="text-warn">{error}</p>
        ) : (
          <Skeleton lines={3} label="Reading backups…" />
        )
      ) : (
        <>
          <p className="muted backups-card-verdict">{overview.verdict}</p>
          <ul className="deploys-card-list">
            {[...overview.backups]
              .sort(worstBackupsFirst)
              .slice(0, SHOWN)
              .map((b) => {
                const last = b.drill?.last ?? null;
                return (
                  <li key={b.key} className="backups-card-row">
                    <StatusPill tone={healthTone[b.health]} title={b.reason}>
                      {healthLabel[b.health]}
                    </StatusPill>
                    <span className="backups-card-name" title={b.reason}>
                      <span className="cell-strong mono">{b.id}</span> <span className="muted">{b.service}</span>
                    </span>
                    <AgeMeter ageMs={b.ageMs} rpoMs={b.rpoMs} />
                    <span className="backups-card-drill">
                      {last ? (
                        <a href={drillHref(last.runId)}>
                          drill <StatusPill tone={drillTone[last.status]}>{last.status}</StatusPill>{' '}
                          <RelativeTime iso={last.startedAt} />
                        </a>
                      ) : b.drill ? (
                        <span className={b.drill.overdue ? 'text-bad' : 'muted'}>never drilled</span>
                      ) : (
                        <span className="muted">no drill</span>
                      )}
                    </span>
                  </li>
                );
              })}
          </ul>
          {overview.backups.length > SHOWN ? (
            <p className="muted">and {overview.backups.length - SHOWN} more on the Backups screen</p>
          ) : null}
        </>
      )}
    </Card>
  );
}
