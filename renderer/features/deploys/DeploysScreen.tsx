import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ComingLine, ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { DEPLOY_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { type DeployRow, deployRows, servicesWithoutDeploy } from './deploy-rows';

const columns: Column<DeployRow>[] = [
  { key: 'service', header: 'Service', render: (r) => <span className="cell-strong">{r.service}</span> },
  { key: 'strategy', header: 'Strategy', render: (r) => <span className="badge">{r.strategy}</span> },
  {
    key: 'where',
    header: 'Path / command',
    kind: 'mono',
    render: (r) => (
      <>
        <span>{r.where}</span>
        {r.commands
          .filter((c) => !(r.strategy === 'script' && c.label === 'deploy'))
          .map((c) => (
            <span key={c.label} className="cell-sub">
              {c.label}: {c.command}
            </span>
          ))}
      </>
    ),
  },
  { key: 'keep', header: 'Keep', kind: 'num', render: (r) => r.keep },
  {
    key: 'gate',
    header: 'Gate checks',
    render: (r) =>
      r.gate.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <>
          <span className="chips">
            {r.gate.map((g) => (
              <span key={g} className="mono nowrap">
                {g}
              </span>
            ))}
          </span>
          <span className="cell-sub">within {r.gateTimeout}</span>
        </>
      ),
  },
  {
    key: 'environments',
    header: 'Environments · hosts',
    render: (r) => (
      <ul className="plain-list">
        {r.environments.map((e) => (
          <li key={e.name} className="env-line">
            <span className="cell-strong">{e.name}</span>
            {e.protected ? <span className="badge badge-protected">protected</span> : null}
            <span className="host-chips muted mono">
              {e.hosts.length > 0
                ? e.hosts.map((h) => (
                    <span key={h} className="nowrap">
                      {h}
                    </span>
                  ))
                : 'no hosts'}
            </span>
          </li>
        ))}
      </ul>
    ),
  },
  { key: 'batch', header: 'Batch', kind: 'num', render: (r) => r.batch },
];

function derive(ws: Parameters<typeof deployRows>[0]) {
  return { rows: deployRows(ws), missing: servicesWithoutDeploy(ws) };
}

/** What each service's `deploy:` block declares; history, live logs and rollback come with the deploy feature. */
export function DeploysScreen() {
  const { status, data } = useWorkspaceRows(derive);
  return (
    <>
      <ScreenHeader title="Deploys" />
      <ComingLine>Deploy history, live deploy logs and one-click rollback arrive with the deploy feature.</ComingLine>
      <WorkspaceGate status={status}>
        {data && data.rows.length > 0 ? (
          <Card title="Deploy setup" meta={plural(data.rows.length, 'service')} flush>
            <DataTable
              caption="Deploy setup per service"
              columns={columns}
              rows={data.rows}
              rowKey={(r) => r.service}
            />
            {data.missing.length > 0 ? (
              <p className="card-note">
                No <code>deploy:</code> block: {data.missing.join(', ')}.
              </p>
            ) : null}
          </Card>
        ) : (
          <EmptyState title="No service declares how it is deployed" snippet={DEPLOY_SNIPPET}>
            Add a <code>deploy:</code> key under a service in <code>cockpit.yaml</code> (strategy <code>releases</code>{' '}
            or <code>script</code>).
          </EmptyState>
        )}
      </WorkspaceGate>
    </>
  );
}

export default DeploysScreen;
