import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ComingLine, ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { BACKUP_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { type BackupRow, backupRows } from './backup-rows';

const columns: Column<BackupRow>[] = [
  {
    key: 'id',
    header: 'Backup',
    render: (r) => (
      <>
        <span className="cell-strong mono nowrap">{r.id}</span>
        <span className="cell-sub">{r.description ?? r.service}</span>
      </>
    ),
  },
  {
    key: 'source',
    header: 'Source',
    kind: 'mono',
    render: (r) => (
      <>
        <span className="badge">{r.sourceKind}</span> {r.source}
      </>
    ),
  },
  { key: 'rpo', header: 'RPO', kind: 'num', render: (r) => r.rpo },
  {
    key: 'verify',
    header: 'Verify command',
    kind: 'mono',
    render: (r) => r.verify ?? <span className="muted">none (age and size only)</span>,
  },
  {
    key: 'drill',
    header: 'Drill target',
    render: (r) =>
      r.drillHost ? (
        <>
          <span className="mono">{r.drillHost}</span>
          <span className="cell-sub">every {r.drillEvery}</span>
        </>
      ) : (
        <span className="muted">no drill</span>
      ),
  },
  { key: 'rto', header: 'RTO', kind: 'num', render: (r) => r.rto ?? '—' },
];

/** Each declared backup and what will prove it; live checks and drill evidence come with the backups feature. */
export function BackupsScreen() {
  const { status, data } = useWorkspaceRows(backupRows);
  return (
    <>
      <ScreenHeader title="Backups" />
      <ComingLine>
        Backup age against RPO, size trends, integrity checks and restore-drill evidence arrive with the backups
        feature.
      </ComingLine>
      <WorkspaceGate status={status}>
        {data && data.length > 0 ? (
          <Card title="Declared backups" meta={plural(data.length, 'backup')} flush>
            <DataTable
              caption="Backups declared in the workspace"
              columns={columns}
              rows={data}
              rowKey={(r) => `${r.service}/${r.id}`}
            />
          </Card>
        ) : (
          <EmptyState title="No backups declared" snippet={BACKUP_SNIPPET}>
            Add a <code>backups:</code> list under a service in <code>cockpit.yaml</code>: where the copies land (
            <code>s3</code>, <code>dir</code> or <code>command</code>), the RPO, and a verify command.
          </EmptyState>
        )}
      </WorkspaceGate>
    </>
  );
}

export default BackupsScreen;
