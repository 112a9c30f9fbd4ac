/**
 * The guided rollback drill's start: each service with a `drill:` declared — where it runs, how it breaks, its last
 * drill, when the next is due — with "Practise rollback", which opens the preflight below. A drill going on now is
 * shown first, with a link to follow it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { type DrillableService } from '../../../shared/model/drills';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { getNow, subscribeNow } from '../../components/now';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { formatElapsed, plural } from '../../lib/format';
import { checkPreflight, loadRollbackDrills } from './rollback-actions';
import { drillStatusTone, drillStatusWords, dueText, measureMs, rollbackDrillHref } from './rollback-format';
import { useRollbackDrills } from './rollback-store';
import { RollbackPreflight } from './RollbackPreflight';

const DRILL_SNIPPET = `services:
  checkout:
    drill:
      environment: staging
      breakRelease: v1.6.0      # a release known to fail its checks
      targets: { detect: 2m, recover: 5m }
      every: 90d`;

export function RollbackDrills() {
  useEffect(() => {
    void loadRollbackDrills();
  }, []);
  const overview = useRollbackDrills((s) => s.overview);
  const error = useRollbackDrills((s) => s.error);
  const preflight = useRollbackDrills((s) => s.preflight);
  const running = useRollbackDrills((s) =>
    s.overview?.running ? (s.drills[s.overview.running.id] ?? s.overview.running) : null,
  );
  const count = overview?.services.length;
  return (
    <Card
      title="Guided rollback drill"
      meta={count === undefined ? 'Break, detect, recover: measured' : plural(count, 'service')}
      className="rollback-drills"
    >
      {running && running.status === 'running' ? (
        <p className="drill-running-banner" role="status">
          <StatusPill tone="running">running</StatusPill>
          <span>
            A drill of <strong>{running.service}</strong> on <strong>{running.environment}</strong> is going on (
            {running.phases.find((p) => p.id === running.phase)?.title ?? running.phase}).
          </span>
          <a href={rollbackDrillHref(running.id)}>Follow it →</a>
        </p>
      ) : null}
      {!overview ? (
        error ? (
          <p className="text-warn">Could not read the rollback drills: {error}</p>
        ) : (
          <Skeleton lines={3} />
        )
      ) : overview.services.length === 0 ? (
        <EmptyState title="No service declares a rollback drill" snippet={DRILL_SNIPPET}>
          Add a <code>drill:</code> block to a service in <code>cockpit.yaml</code>: where to practise (never a
          protected environment unless you type its name), a release known to be broken (or a <code>break:</code>{' '}
          command with its <code>heal:</code>), and the targets to meet.
        </EmptyState>
      ) : (
        <>
          <div className="plans">
            {overview.services.map((s) => (
              <ServicePlan
                key={`${s.service}/${s.environment ?? ''}`}
                service={s}
                busy={running?.status === 'running'}
                open={preflight?.service === s.service}
              />
            ))}
          </div>
          {preflight ? <RollbackPreflight preflight={preflight} /> : null}
        </>
      )}
    </Card>
  );
}

function ServicePlan({ service: s, busy, open }: { service: DrillableService; busy: boolean; open: boolean }) {
  const now = useSyncExternalStore(subscribeNow, getNow);
  const where = `${s.service}${s.environment ? ` on ${s.environment}` : ''}`;
  const headingId = `rollback-plan-${s.service}`;
  const last = s.lastDrill;
  const detect = last ? measureMs(last.measures, 'detect') : null;
  const recover = last ? measureMs(last.measures, 'recover') : null;
  return (
    <article className={`plan drill-service${open ? ' is-open' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="plan-title">
        {s.service}
        {s.environment ? <span className="muted"> on {s.environment}</span> : null}
      </h3>
      <dl className="facts facts-compact">
        <dt>Breaks by</dt>
        <dd>{s.how}</dd>
        <dt>Last drill</dt>
        <dd>
          {last ? (
            <>
              <StatusPill tone={drillStatusTone[last.status]}>{drillStatusWords[last.status]}</StatusPill>{' '}
              <a href={rollbackDrillHref(last.id)}>
                <RelativeTime iso={last.startedAt} />
              </a>
              <span className="cell-sub">
                detect {formatElapsed(detect)} · recover {formatElapsed(recover)}
              </span>
            </>
          ) : (
            <span className="muted">never</span>
          )}
        </dd>
        <dt>Next</dt>
        <dd className={s.overdue ? 'text-warn' : undefined}>{dueText(s, now)}</dd>
      </dl>
      {s.problem ? (
        <p className="text-warn">{s.problem}</p>
      ) : (
        <div className="drill-service-actions">
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={busy}
            aria-expanded={open}
            onClick={() => void checkPreflight(s.service, s.environment)}
            aria-label={`Practise rollback of ${where}`}
          >
            Practise rollback
          </button>
          {busy ? <span className="muted">One drill at a time: another is going on.</span> : null}
        </div>
      )}
    </article>
  );
}
