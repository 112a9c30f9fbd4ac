/**
 * The Deploys screen: every service × environment with what runs now, the last deploy and one-click Deploy and
 * Rollback; the DORA figures; the runs of this cockpit (running ones first, watchable live); the history of the
 * chosen service × environment; and, last, what each service's `deploy:` block declares.
 */
import { useEffect } from 'react';
import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { RelativeTime } from '../../components/RelativeTime';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { plural } from '../../lib/format';
import { useStore } from '../../store';
import { DEPLOY_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { loadDeploys, openDeploysDialog } from './actions';
import { type DeployRow, deployRows, servicesWithoutDeploy } from './deploy-rows';
import { resultLabel, resultTone, runStatus } from './deploy-format';
import { OpenDeploysDialog } from './OpenDeploysDialog';
import { DoraStats } from './DoraStats';
import { HistoryTimeline } from './HistoryTimeline';
import { selectDeploysError, selectDeploysOverview, selectDeploysSelected, selectRuns } from './selectors';
import { TargetsTable } from './TargetsTable';

const setupColumns: Column<DeployRow>[] = [
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
  { key: 'batch', header: 'Batch', kind: 'num', render: (r) => r.batch },
];

function derive(ws: Parameters<typeof deployRows>[0]) {
  return { rows: deployRows(ws), missing: servicesWithoutDeploy(ws) };
}

function RunsCard() {
  const runs = useStore(selectRuns) ?? [];
  if (runs.length === 0) return null;
  return (
    <Card title="Runs of this cockpit" meta={plural(runs.length, 'run')}>
      <ul className="runs">
        {runs.slice(0, 8).map((r) => {
          const status = runStatus(r);
          return (
            <li key={r.runId} className="run-item">
              <StatusPill tone={resultTone[status] ?? 'idle'}>{resultLabel[status] ?? status}</StatusPill>
              <span className="run-item-title">{r.title}</span>
              <span className="muted">
                {r.actor} · <RelativeTime iso={r.startedAt} />
              </span>
              <button
                type="button"
                className="btn btn-xs"
                onClick={() => openDeploysDialog({ kind: 'run', runId: r.runId })}
                aria-label={`${r.status === 'running' ? 'Watch' : 'Open the log of'} ${r.title}`}
              >
                {r.status === 'running' ? 'Watch live' : 'Log'}
              </button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export function DeploysScreen() {
  const { status, data } = useWorkspaceRows(derive);
  const overview = useStore(selectDeploysOverview);
  const error = useStore(selectDeploysError);
  const selected = useStore(selectDeploysSelected);
  useEffect(() => {
    void loadDeploys();
  }, []);
  const hasDeploys = data !== null && data.rows.length > 0;
  return (
    <>
      <ScreenHeader
        title="Deploys"
        lead="Deploy and roll back every service, watch it live, and see what ran where."
        actions={
          hasDeploys ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => openDeploysDialog({ kind: 'deploy', service: null, environment: null })}
            >
              Deploy…
            </button>
          ) : null
        }
      />
      <WorkspaceGate status={status}>
        {hasDeploys ? (
          <div className="stack deploys">
            {error ? (
              <p className="text-bad" role="alert">
                {error}
              </p>
            ) : null}
            {overview ? (
              <>
                <DoraStats />
                <Card title="Services" meta={`checked ${new Date(overview.checkedAt).toLocaleTimeString()}`} flush>
                  <TargetsTable />
                </Card>
                <RunsCard />
                {selected ? (
                  <Card title={`History · ${selected.service} in ${selected.environment}`}>
                    <HistoryTimeline service={selected.service} environment={selected.environment} />
                  </Card>
                ) : null}
              </>
            ) : (
              <Skeleton lines={6} label="Reading every host…" />
            )}
            <Card title="Deploy setup" meta={plural(data.rows.length, 'service')} flush>
              <DataTable
                caption="Deploy setup per service"
                columns={setupColumns}
                rows={data.rows}
                rowKey={(r) => r.service}
              />
              {data.missing.length > 0 ? (
                <p className="card-note">
                  No <code>deploy:</code> block: {data.missing.join(', ')}.
                </p>
              ) : null}
            </Card>
          </div>
        ) : (
          <EmptyState title="No service declares how it is deployed" snippet={DEPLOY_SNIPPET}>
            Add a <code>deploy:</code> key under a service in <code>cockpit.yaml</code> (strategy <code>releases</code>{' '}
            or <code>script</code>).
          </EmptyState>
        )}
      </WorkspaceGate>
      <OpenDeploysDialog />
    </>
  );
}

export default DeploysScreen;
