import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ComingLine, ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { type Workspace } from '../../../shared/workspace';
import { DEPLOY_SNIPPET, DRILL_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { type RestoreDrillRow, restoreDrillRows, rollbackDrillPlans } from './drill-rows';

const columns: Column<RestoreDrillRow>[] = [
  {
    key: 'backup',
    header: 'Backup',
    render: (r) => (
      <>
        <span className="cell-strong mono nowrap">{r.backup}</span>
        <span className="cell-sub">{r.service}</span>
      </>
    ),
  },
  { key: 'host', header: 'Restores on', kind: 'mono', render: (r) => r.host },
  {
    key: 'restore',
    header: 'Restore · checks · teardown',
    kind: 'mono',
    render: (r) => (
      <>
        <span>{r.restore}</span>
        {r.checks.map((c) => (
          <span key={c} className="cell-sub">
            check: {c}
          </span>
        ))}
        {r.teardown ? <span className="cell-sub">teardown: {r.teardown}</span> : null}
      </>
    ),
  },
  { key: 'rto', header: 'RTO target', kind: 'num', render: (r) => r.rto },
  { key: 'every', header: 'Every', kind: 'num', render: (r) => r.every },
];

function derive(ws: Workspace) {
  return { restores: restoreDrillRows(ws), rollbacks: rollbackDrillPlans(ws) };
}

/** Restore drills declared on backups and the plan of the guided rollback drill for each deployable service. */
export function DrillsScreen() {
  const { status, data } = useWorkspaceRows(derive);
  return (
    <>
      <ScreenHeader title="Drills" />
      <ComingLine>
        Drill runs, measured time to detect and recover, RTO/RPO evidence and the readiness scorecard arrive with the
        drills feature.
      </ComingLine>
      <WorkspaceGate status={status}>
        {data ? (
          <div className="stack">
            {data.restores.length > 0 ? (
              <Card title="Restore drills" meta={plural(data.restores.length, 'drill')} flush>
                <DataTable
                  caption="Restore drills declared on backups"
                  columns={columns}
                  rows={data.restores}
                  rowKey={(r) => `${r.service}/${r.backup}`}
                />
              </Card>
            ) : (
              <EmptyState title="No restore drills declared" snippet={DRILL_SNIPPET}>
                Add a <code>drill:</code> block to a backup in <code>cockpit.yaml</code>: where to restore, what to
                check, how to clean up, and the RTO to meet.
              </EmptyState>
            )}
            {data.rollbacks.length > 0 ? (
              <Card title="Guided rollback drill" meta="What the drill will do, per service">
                <div className="plans">
                  {data.rollbacks.map((plan) => (
                    <article key={plan.service} className="plan" aria-labelledby={`plan-${plan.service}`}>
                      <h3 id={`plan-${plan.service}`} className="plan-title">
                        {plan.service}
                        {plan.environment ? <span className="muted"> on {plan.environment}</span> : null}
                      </h3>
                      {plan.blocker ? (
                        <p className="text-warn">{plan.blocker}</p>
                      ) : (
                        <ol className="plan-steps">
                          {plan.steps.map((step) => (
                            <li key={step}>{step}</li>
                          ))}
                        </ol>
                      )}
                    </article>
                  ))}
                </div>
              </Card>
            ) : (
              <EmptyState title="No deployable service for a rollback drill" snippet={DEPLOY_SNIPPET}>
                The rollback drill breaks and recovers a service on an unprotected environment; add a{' '}
                <code>deploy:</code> block to a service in <code>cockpit.yaml</code>.
              </EmptyState>
            )}
          </div>
        ) : null}
      </WorkspaceGate>
    </>
  );
}

export default DrillsScreen;
