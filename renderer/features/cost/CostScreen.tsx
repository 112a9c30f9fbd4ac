import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ComingLine, ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { type Workspace } from '../../../shared/workspace';
import { COST_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { type BudgetRow, budgetRows, costSource } from './cost-rows';

const columns: Column<BudgetRow>[] = [
  { key: 'name', header: 'Budget', render: (r) => <span className="cell-strong">{r.name}</span> },
  { key: 'amount', header: 'Monthly', kind: 'num', render: (r) => r.amount },
  { key: 'scope', header: 'Scope', render: (r) => <span className="mono">{r.scope}</span> },
  {
    key: 'thresholds',
    header: 'Alert thresholds',
    render: (r) => (
      <span className="chips">
        {r.thresholds.map((t) => (
          <span key={t} className="chip">
            {t}
          </span>
        ))}
      </span>
    ),
  },
];

function derive(ws: Workspace) {
  return { source: costSource(ws), budgets: budgetRows(ws), tags: ws.cost?.tags ?? [], declared: Boolean(ws.cost) };
}

/** Where spend is read from and the budgets; charts, forecasts and alerts come with the cost feature. */
export function CostScreen() {
  const { status, data } = useWorkspaceRows(derive);
  return (
    <>
      <ScreenHeader title="Cost" />
      <ComingLine>
        Daily spend by service and tag, forecasts, budget alerts and the monthly review arrive with the cost feature.
      </ComingLine>
      <WorkspaceGate status={status}>
        {data && data.declared ? (
          <div className="stack">
            <Card title="Source">
              {data.source ? (
                <dl className="facts">
                  <dt>Reads from</dt>
                  <dd>{data.source.label}</dd>
                  <dt>AWS profile</dt>
                  <dd className="mono">{data.source.profile ?? 'default credential chain'}</dd>
                  <dt>Region</dt>
                  <dd className="mono">{data.source.region}</dd>
                  {data.source.replay ? (
                    <>
                      <dt>Replay</dt>
                      <dd className="mono">{data.source.replay}</dd>
                    </>
                  ) : null}
                  <dt>Tag keys</dt>
                  <dd className="mono">{data.tags.length > 0 ? data.tags.join(', ') : 'none'}</dd>
                </dl>
              ) : (
                <p className="muted">
                  No <code>cost.aws</code> block: add <code>aws: {'{ profile: … }'}</code> under <code>cost:</code>.
                </p>
              )}
            </Card>
            {data.budgets.length > 0 ? (
              <Card title="Budgets" meta={plural(data.budgets.length, 'budget')} flush>
                <DataTable caption="Budgets" columns={columns} rows={data.budgets} rowKey={(r) => r.name} />
              </Card>
            ) : (
              <EmptyState title="No budgets declared" snippet={COST_SNIPPET}>
                Add a <code>budgets:</code> list under <code>cost:</code> in <code>cockpit.yaml</code>.
              </EmptyState>
            )}
          </div>
        ) : (
          <EmptyState title="No cloud cost source declared" snippet={COST_SNIPPET}>
            Add a <code>cost:</code> key to <code>cockpit.yaml</code>: an AWS profile (credentials stay in{' '}
            <code>~/.aws</code>) and the budgets to hold spend to.
          </EmptyState>
        )}
      </WorkspaceGate>
    </>
  );
}

export default CostScreen;
