/**
 * Drills: the guided rollback drill (each service's drill with "Practise rollback", the wizard, past drills and
 * their trend; a drill's page at `#/drills/rollback/<id>`), then the history of restore drills (each opening its
 * evidence at `#/drills/<runId>`) and the restore drills the workspace declares with a Run button each.
 */
import { useSyncExternalStore } from 'react';
import { type RestoreDrill } from '../../../shared/model/backups';
import { type Workspace } from '../../../shared/workspace';
import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { formatAbsolute, plural } from '../../lib/format';
import { openDrillDialog } from '../backups/actions';
import { againstTarget, checksPassed, drillTone } from '../backups/backup-format';
import { drillHref, drillRunFromHash } from '../backups/drill-links';
import { DrillDialog } from '../backups/DrillDialog';
import { useBackups } from '../backups/store';
import { DRILL_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { DrillEvidence } from './DrillEvidence';
import { type RestoreDrillRow, restoreDrillRows } from './drill-rows';
import { rollbackDrillFromHash } from './rollback-format';
import { RollbackDrillPage } from './RollbackDrillPage';
import { RollbackDrills } from './RollbackDrills';
import { RollbackHistory } from './RollbackHistory';

function Target({ achieved, target }: { achieved: number | null; target: number }) {
  const t = againstTarget(achieved, target);
  return <span className={t.met === false ? 'text-bad' : undefined}>{t.text}</span>;
}

const historyColumns: Column<RestoreDrill>[] = [
  {
    key: 'backup',
    header: 'Backup',
    render: (d) => (
      <>
        <span className="cell-strong mono nowrap">{d.backup}</span>
        <span className="cell-sub">{d.service}</span>
      </>
    ),
  },
  { key: 'when', header: 'When', kind: 'nowrap', render: (d) => <RelativeTime iso={d.startedAt} /> },
  { key: 'who', header: 'Who', render: (d) => d.actor },
  { key: 'copy', header: 'Copy', kind: 'mono', render: (d) => d.copy?.id ?? '—' },
  {
    key: 'rto',
    header: 'RTO achieved',
    kind: 'num',
    render: (d) => <Target achieved={d.rtoMs} target={d.rtoTargetMs} />,
  },
  {
    key: 'rpo',
    header: 'RPO achieved',
    kind: 'num',
    render: (d) => <Target achieved={d.rpoMs} target={d.rpoTargetMs} />,
  },
  { key: 'checks', header: 'Checks', kind: 'nowrap', render: (d) => checksPassed(d) },
  {
    key: 'status',
    header: 'Status',
    render: (d) => <StatusPill tone={drillTone[d.status]}>{d.status}</StatusPill>,
  },
  {
    key: 'evidence',
    header: 'Evidence',
    render: (d) => (
      <a href={drillHref(d.runId)} aria-label={`Evidence of the drill of ${d.backup}, ${formatAbsolute(d.startedAt)}`}>
        Evidence
      </a>
    ),
  },
];

const declaredColumns: Column<RestoreDrillRow>[] = [
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
  {
    key: 'run',
    header: 'Run',
    render: (r) => (
      <button
        type="button"
        className="btn btn-xs"
        onClick={() => openDrillDialog({ service: r.service, backup: r.backup })}
        aria-label={`Run the restore drill of ${r.backup}`}
      >
        Run
      </button>
    ),
  },
];

function derive(ws: Workspace) {
  return { restores: restoreDrillRows(ws) };
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useDrillRunInHash(): string | null {
  return useSyncExternalStore(subscribeHash, () => drillRunFromHash(window.location.hash));
}

function useRollbackDrillInHash(): string | null {
  return useSyncExternalStore(subscribeHash, () => rollbackDrillFromHash(window.location.hash));
}

function DrillHistory() {
  const drills = useBackups((s) => s.drills);
  const error = useBackups((s) => s.drillsError);
  if (!drills) return error ? <p className="text-warn">Could not read the drills: {error}</p> : <Skeleton lines={3} />;
  if (drills.length === 0)
    return <p className="muted drills-none">No restore drill has run yet. Run one below, or from Backups.</p>;
  return (
    <DataTable
      caption="Restore drills that ran, newest first"
      columns={historyColumns}
      rows={drills}
      rowKey={(d) => d.runId}
    />
  );
}

export function DrillsScreen() {
  const { status, data } = useWorkspaceRows(derive);
  const runId = useDrillRunInHash();
  const rollbackId = useRollbackDrillInHash();
  const count = useBackups((s) => s.drills?.length ?? null);
  return (
    <>
      <ScreenHeader title="Drills" />
      <WorkspaceGate status={status}>
        {rollbackId ? (
          <RollbackDrillPage drillId={rollbackId} />
        ) : runId ? (
          <DrillEvidence runId={runId} />
        ) : data ? (
          <div className="stack">
            <RollbackDrills />
            <RollbackHistory />
            {data.restores.length > 0 ? (
              <>
                <Card title="Restore drills" meta={count === null ? undefined : plural(count, 'run')} flush>
                  <DrillHistory />
                </Card>
                <Card title="Declared restore drills" meta={plural(data.restores.length, 'drill')} flush>
                  <DataTable
                    caption="Restore drills declared on backups"
                    columns={declaredColumns}
                    rows={data.restores}
                    rowKey={(r) => `${r.service}/${r.backup}`}
                  />
                </Card>
              </>
            ) : (
              <EmptyState title="No restore drills declared" snippet={DRILL_SNIPPET}>
                Add a <code>drill:</code> block to a backup in <code>cockpit.yaml</code>: where to restore, what to
                check, how to clean up, and the RTO to meet.
              </EmptyState>
            )}
          </div>
        ) : null}
      </WorkspaceGate>
      <DrillDialog />
    </>
  );
}

export default DrillsScreen;
