/**
 * The Overview's deploy card: the last deploy of every service × environment with its result, and Rollback one
 * click away (or, when there is nothing to go back to, why and what to do instead); a run going on is watchable
 * live from here.
 */
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill, type Tone } from '../../components/StatusPill';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { RollbackButton, RollbackWhy, rollbackWhyId } from './RollbackButton';
import { openDeploysDialog } from './actions';
import { OpenDeploysDialog } from './OpenDeploysDialog';
import { knownTime, recordRelease, releaseName, resultLabel, resultTone } from './deploy-format';
import { selectDeploysError, selectDeployTargets } from './selectors';

/** The pill of a last deploy: never "healthy" about a service × environment that is down or degraded right now. */
function lastDeployPill(result: string, now: string | undefined): { tone: Tone; label: string } {
  if ((now === 'down' || now === 'degraded') && (result === 'healthy' || result === 'succeeded')) {
    return { tone: now === 'down' ? 'bad' : 'warn', label: `${now} now` };
  }
  return { tone: resultTone[result] ?? 'idle', label: resultLabel[result] ?? result };
}

export function OverviewDeploysCard() {
  const targets = useStore(selectDeployTargets);
  const statusNow = useStore((s) => s.healthOverview?.services);
  const error = useStore(selectDeploysError);
  const link = (
    <a href={hrefFor('deploys')} className="deploys-card-link">
      Open Deploys →
    </a>
  );
  if (targets && targets.length === 0) return null;
  return (
    <Card title="Deploys" actions={link} className="deploys-card">
      {!targets ? (
        error ? (
          <p className="text-warn">{error}</p>
        ) : (
          <Skeleton lines={4} label="Reading deploys…" />
        )
      ) : (
        <ul className="deploys-card-list">
          {targets.map((t) => {
            const last = t.lastDeploy;
            const name = `${t.service} in ${t.environment}`;
            const now = statusNow?.find((h) => h.service === t.service && h.environment === t.environment)?.status;
            const pill = last ? lastDeployPill(last.result, now) : null;
            const whyId = rollbackWhyId(t, 'card');
            return (
              <li key={`${t.service}@${t.environment}`} className="deploys-card-row">
                <span className="deploys-card-name">
                  <span className="cell-strong">{t.service}</span> <span className="muted">{t.environment}</span>
                </span>
                <span className="mono">{releaseName(t.current)}</span>
                <span className="deploys-card-last">
                  {last && pill ? (
                    <>
                      <StatusPill tone={pill.tone}>{pill.label}</StatusPill>
                      <span className="muted">
                        {last.kind === 'rollback' ? 'rollback to ' : ''}
                        {recordRelease(last)} ·{' '}
                        {knownTime(last.startedAt) ? <RelativeTime iso={last.startedAt} /> : 'time unknown'}
                      </span>
                    </>
                  ) : (
                    <span className="muted">no deploys yet</span>
                  )}
                </span>
                {t.runningRunId ? (
                  <button
                    type="button"
                    className="btn btn-xs btn-running"
                    onClick={() => openDeploysDialog({ kind: 'run', runId: t.runningRunId as string })}
                    aria-label={`Watch the run on ${name}`}
                  >
                    Watch
                  </button>
                ) : (
                  <RollbackButton target={t} name={name} size="xs" whyId={whyId} />
                )}
                {t.runningRunId ? null : <RollbackWhy target={t} name={name} id={whyId} brief />}
              </li>
            );
          })}
        </ul>
      )}
      <OpenDeploysDialog />
    </Card>
  );
}
