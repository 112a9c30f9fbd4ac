import { Card } from '../../components/Card';
import { BreakableText } from '../../components/BreakableText';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ComingLine, ScreenHeader } from '../../components/ScreenHeader';
import { StatusPill } from '../../components/StatusPill';
import { plural } from '../../lib/format';
import { HEALTH_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { type HealthRow, healthRows } from './health-rows';

const columns: Column<HealthRow>[] = [
  {
    key: 'check',
    header: 'Check',
    render: (r) => (
      <>
        <span className="cell-strong mono nowrap">{r.id}</span>
        <span className="cell-sub">{r.service}</span>
      </>
    ),
  },
  { key: 'kind', header: 'Kind', render: (r) => <span className="badge">{r.kind}</span> },
  {
    key: 'target',
    header: 'Target',
    kind: 'mono',
    render: (r) => (
      <>
        <span>
          <BreakableText text={r.target} />
        </span>
        <span className="cell-sub">{r.expects}</span>
      </>
    ),
  },
  {
    key: 'every',
    header: 'Interval',
    kind: 'nowrap',
    render: (r) => (
      <>
        every {r.every}
        {r.everyFailing ? <span className="cell-sub">{r.everyFailing} when failing</span> : null}
      </>
    ),
  },
  { key: 'timeout', header: 'Timeout', kind: 'num', render: (r) => r.timeout },
  { key: 'retries', header: 'Retries', kind: 'num', render: (r) => r.retries },
  {
    key: 'critical',
    header: 'Critical',
    render: (r) =>
      r.critical ? (
        <span className="badge badge-strong" title="Failing makes the service down">
          critical
        </span>
      ) : (
        <span className="muted" title="Failing makes the service degraded, not down">
          degrades only
        </span>
      ),
  },
  { key: 'env', header: 'Environments', render: (r) => r.environments.join(', ') || '—' },
  {
    key: 'status',
    header: 'Status',
    render: () => <StatusPill tone="idle">not watched yet</StatusPill>,
  },
];

/** Every declared health check; live status, latency and alerts come with the health feature. */
export function HealthScreen() {
  const { status, data } = useWorkspaceRows(healthRows);
  return (
    <>
      <ScreenHeader title="Health" />
      <ComingLine>
        Live status, latency charts with deploy markers and alerts arrive with the health feature.
      </ComingLine>
      <WorkspaceGate status={status}>
        {data && data.length > 0 ? (
          <Card title="Declared checks" meta={plural(data.length, 'check')} flush>
            <DataTable
              caption="Health checks declared in the workspace"
              columns={columns}
              rows={data}
              rowKey={(r) => `${r.service}/${r.id}`}
            />
          </Card>
        ) : (
          <EmptyState title="No health checks declared" snippet={HEALTH_SNIPPET}>
            Add a <code>health:</code> list under a service in <code>cockpit.yaml</code>: each entry is one check of
            kind <code>http</code>, <code>tcp</code>, <code>tls</code>, <code>ssh</code> or <code>prometheus</code>.
          </EmptyState>
        )}
      </WorkspaceGate>
    </>
  );
}

export default HealthScreen;
