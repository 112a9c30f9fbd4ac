/**
 * Services × environments, live: each cell a status pill with the reason in words ("/health/ready 503 for 3
 * min") and when it last changed, linking to that service's checks on the Health screen. Broken services come
 * first. Where nothing is watched the cell says why (no checks there, not deployed there).
 */
import { useMemo } from 'react';
import { type ServiceRow } from '../../../shared/model/health';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { statusWord, toneOf } from '../health/health-format';
import { selectHealthOverview } from '../health/selectors';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { cellReason, liveMatrix } from './overview-model';
import { SERVICE_SNIPPET } from './snippets';

function healthHref(service: string, environment: string): string {
  return `#/health?service=${encodeURIComponent(service)}&environment=${encodeURIComponent(environment)}`;
}

function HealthCell({ row, watching }: { row: ServiceRow; watching: boolean }) {
  const reason = cellReason(row);
  const failing = row.status === 'down' || row.status === 'degraded';
  return (
    <td className={`matrix-cell matrix-${row.status}`}>
      <a className="matrix-link" href={healthHref(row.service, row.environment)}>
        {/* The name is the cell's own words with the place before and the destination after, unseen: a label
            that replaced them would not contain what a speech-input user reads on screen. */}
        <span className="sr-only">{`${row.service} in ${row.environment}:`}</span>
        <StatusPill tone={toneOf(row.status)}>{statusWord(row.status, watching)}</StatusPill>
        <span className={failing ? 'matrix-reason matrix-reason-strong' : 'matrix-reason'}>{reason}</span>
        {row.since !== null ? (
          <span className="matrix-since">
            <RelativeTime iso={new Date(row.since).toISOString()} prefix="changed" />
          </span>
        ) : null}
        <span className="sr-only">. Open its checks</span>
      </a>
    </td>
  );
}

export function ServiceMatrix() {
  const workspace = useStore(selectWorkspace);
  const overview = useStore(selectHealthOverview);
  const matrix = useMemo(
    () => (workspace ? liveMatrix(workspace, overview?.services ?? null) : null),
    [workspace, overview],
  );
  if (!matrix) return null;
  const watching = overview?.watching ?? true;
  return (
    <Card
      title="Services × environments"
      meta={overview ? 'live status from the health checks' : 'loading status…'}
      flush
    >
      {matrix.rows.length === 0 ? (
        <EmptyState title="No services declared" snippet={SERVICE_SNIPPET}>
          Add a <code>services:</code> key to <code>cockpit.yaml</code> to see each service per environment.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table matrix">
            <caption className="sr-only">Health of each service in each environment</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                {matrix.environments.map((env) => (
                  <th scope="col" key={env}>
                    {env}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.service}>
                  <th scope="row">
                    <span className="cell-strong">{row.service}</span>
                    {row.description ? <span className="cell-sub">{row.description}</span> : null}
                  </th>
                  {row.cells.map((cell) =>
                    !cell.runs ? (
                      <td
                        key={cell.environment}
                        className="muted matrix-none"
                        title={`${row.service} does not run in ${cell.environment}`}
                      >
                        not deployed here
                      </td>
                    ) : cell.health ? (
                      <HealthCell key={cell.environment} row={cell.health} watching={watching} />
                    ) : (
                      <td key={cell.environment} className="muted matrix-none">
                        {overview ? (
                          <span title={`${row.service} declares no health check for ${cell.environment}`}>
                            no checks
                          </span>
                        ) : (
                          '…'
                        )}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
