import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { selectLoaded, selectWorkspace } from '../../store/selectors';
import { OverviewCostCard } from '../cost/OverviewCostCard';
import { OverviewDeploysCard } from '../deploys/OverviewDeploysCard';
import { NoWorkspace } from '../workspace/NoWorkspace';
import { CountsStrip } from './CountsStrip';
import { EnvironmentCards } from './EnvironmentCards';
import { serviceMatrix } from './overview-model';
import { RecentActivity } from './RecentActivity';
import { SERVICE_SNIPPET } from './snippets';

function ServiceMatrix() {
  const workspace = useStore(selectWorkspace);
  const matrix = useMemo(() => (workspace ? serviceMatrix(workspace) : null), [workspace]);
  if (!matrix) return null;
  return (
    <Card
      title="Services × environments"
      meta="Status: not watched yet — live status arrives with the health feature."
      flush
    >
      {matrix.rows.length === 0 ? (
        <EmptyState title="No services declared" snippet={SERVICE_SNIPPET}>
          Add a <code>services:</code> key to <code>cockpit.yaml</code> to see each service per environment.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table matrix">
            <caption className="sr-only">Status of each service in each environment</caption>
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
                    cell.runs ? (
                      <td key={cell.environment}>
                        <StatusPill tone="idle" title="Health checks are not running yet">
                          not watched yet
                        </StatusPill>
                      </td>
                    ) : (
                      <td
                        key={cell.environment}
                        className="muted"
                        title={`${row.service} does not run in ${cell.environment}`}
                      >
                        not deployed here
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

/** The workspace at a glance: counts, environments, where each service runs, and the latest actions. */
export function OverviewScreen() {
  const { hasWorkspace, name, description } = useStore(
    useShallow((s) => ({
      hasWorkspace: selectWorkspace(s) !== null,
      name: selectWorkspace(s)?.name,
      description: selectWorkspace(s)?.description,
    })),
  );
  const loaded = useStore(selectLoaded);
  return (
    <>
      <ScreenHeader
        title="Overview"
        lead={hasWorkspace ? (description ?? `Everything ${name} declares, at a glance.`) : undefined}
      />
      {!hasWorkspace ? (
        loaded ? (
          <NoWorkspace />
        ) : (
          <Skeleton lines={6} label="Loading the workspace…" />
        )
      ) : (
        <div className="stack">
          <CountsStrip />
          <EnvironmentCards />
          <div className="grid-2-1">
            <ServiceMatrix />
            <RecentActivity />
          </div>
          <div className="grid-2">
            <OverviewDeploysCard />
            <OverviewCostCard />
          </div>
        </div>
      )}
      <p className="footnote">
        Declared in <code>cockpit.yaml</code>; see <a href={hrefFor('settings')}>Settings</a> for the file in use.
      </p>
    </>
  );
}
