/**
 * Every service × environment with a deploy: what runs now, what was good last, the last deploy and its result,
 * a run or a lock on it, and the buttons — Deploy, Rollback, History — one click away. A Rollback that cannot
 * be pressed says why under the buttons, with what to do instead.
 */
import { type DeployTarget } from '../../../shared/api/deploys';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { RollbackButton, RollbackWhy, rollbackWhyId } from './RollbackButton';
import { openDeploysDialog, selectDeployTarget } from './actions';
import { knownTime, recordRelease, releaseName, resultLabel, resultTone } from './deploy-format';
import { selectDeploysSelected, selectDeployTargets } from './selectors';

function LastDeploy({ t }: { t: DeployTarget }) {
  const last = t.lastDeploy;
  if (!last) return <span className="muted">none yet</span>;
  return (
    <span className="last-deploy">
      <StatusPill tone={resultTone[last.result] ?? 'idle'}>{resultLabel[last.result] ?? last.result}</StatusPill>
      <span className="mono">{recordRelease(last)}</span>
      <span className="cell-sub">
        {last.kind === 'rollback' ? 'rollback · ' : ''}
        {last.external ? 'outside the app · ' : last.actor ? `${last.actor} · ` : ''}
        {knownTime(last.startedAt) ? <RelativeTime iso={last.startedAt} /> : 'time unknown'}
      </span>
    </span>
  );
}

export function TargetsTable() {
  const targets = useStore(selectDeployTargets) ?? [];
  const selected = useStore(selectDeploysSelected);
  return (
    <div className="table-wrap">
      <table className="table targets">
        <caption className="sr-only">Deploys per service and environment</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Environment</th>
            <th scope="col">Running now</th>
            <th scope="col">Last known good</th>
            <th scope="col">Last deploy</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => {
            const isSelected = selected?.service === t.service && selected.environment === t.environment;
            const name = `${t.service} in ${t.environment}`;
            const whyId = rollbackWhyId(t, 'table');
            return (
              <tr key={`${t.service}@${t.environment}`} className={isSelected ? 'is-selected' : undefined}>
                <td className="cell-strong">{t.service}</td>
                <td>
                  {t.environment}
                  {t.protected ? <span className="badge badge-protected">protected</span> : null}
                </td>
                <td>
                  <span className="mono">
                    {t.current
                      ? releaseName(t.current)
                      : t.currentByHost.some((h) => h.release)
                        ? 'differs per host'
                        : '—'}
                  </span>
                  {t.problem ? <span className="cell-sub text-warn">{t.problem}</span> : null}
                  {t.unreachable.length > 0 ? (
                    <span className="cell-sub text-warn">
                      unreachable: {t.unreachable.map((u) => u.host).join(', ')}
                    </span>
                  ) : null}
                </td>
                <td className="mono">{releaseName(t.lastGood)}</td>
                <td>
                  <LastDeploy t={t} />
                </td>
                <td className="target-actions">
                  {t.runningRunId ? (
                    <button
                      type="button"
                      className="btn btn-sm btn-running"
                      onClick={() => openDeploysDialog({ kind: 'run', runId: t.runningRunId as string })}
                      aria-label={`Watch the run on ${name}`}
                    >
                      Watch live
                    </button>
                  ) : null}
                  {t.lockedBy && !t.runningRunId ? (
                    <button
                      type="button"
                      className="btn btn-sm btn-warn"
                      title={t.lockedBy}
                      onClick={() =>
                        openDeploysDialog({ kind: 'lock', service: t.service, environment: t.environment })
                      }
                      aria-label={`Deploy lock of ${name}`}
                    >
                      Locked
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() =>
                      openDeploysDialog({ kind: 'deploy', service: t.service, environment: t.environment })
                    }
                    aria-label={`Deploy ${name}`}
                  >
                    Deploy
                  </button>
                  <RollbackButton target={t} name={name} size="sm" whyId={whyId} />
                  <button
                    type="button"
                    className={isSelected ? 'btn btn-sm btn-ghost is-on' : 'btn btn-sm btn-ghost'}
                    aria-pressed={isSelected}
                    onClick={() => selectDeployTarget(t.service, t.environment)}
                    aria-label={`History of ${name}`}
                  >
                    History
                  </button>
                  <RollbackWhy target={t} name={name} id={whyId} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
