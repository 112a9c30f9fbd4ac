/**
 * Backups: every declared backup, worst first, against its promises — the newest copy's age against the RPO, a
 * size sparkline with shrunk copies marked, copies against the minimum, the last verification's checks (what each
 * proves and does not), the last restore drill against its targets and when the next is due. Verify now (one or
 * all) and Run restore drill are here; live through `backups.changed` and `backups.drillRun`.
 */
import { worstBackupsFirst } from '../../../shared/model/backups';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { plural } from '../../lib/format';
import { BACKUP_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { loadBackups, verifyBackups } from './actions';
import { BackupCard } from './BackupCard';
import { healthLabel, healthTone } from './backup-format';
import { backupRows } from './backup-rows';
import { DrillDialog } from './DrillDialog';
import { useBackups } from './store';

export function BackupsScreen() {
  const { status, data } = useWorkspaceRows(backupRows);
  const overview = useBackups((s) => s.overview);
  const error = useBackups((s) => s.error);
  const verifyingAll = useBackups((s) => s.verifying.includes('*'));
  const declared = data?.length ?? 0;
  const verifyAll =
    declared > 0 ? (
      <button
        type="button"
        className="btn"
        onClick={() => void verifyBackups()}
        disabled={verifyingAll}
        aria-busy={verifyingAll}
      >
        {verifyingAll ? (
          <>
            <span className="spinner" aria-hidden="true" /> Verifying all…
          </>
        ) : (
          'Verify all now'
        )}
      </button>
    ) : null;
  return (
    <>
      <ScreenHeader
        title="Backups"
        lead="Each backup against its promises: fresh enough, the right size, enough copies, intact, and restorable."
        actions={verifyAll}
      />
      <WorkspaceGate status={status}>
        {declared === 0 ? (
          <EmptyState title="No backups declared" snippet={BACKUP_SNIPPET}>
            Add a <code>backups:</code> list under a service in <code>cockpit.yaml</code>: where the copies land (
            <code>dir</code>, <code>s3</code>, <code>restic</code>, <code>pgbackrest</code> or <code>command</code>),
            the RPO, a verify command and a restore drill.
          </EmptyState>
        ) : !overview ? (
          error ? (
            <div className="card-body">
              <p className="text-warn" role="alert">
                Could not read the backups: {error}
              </p>
              <button type="button" className="btn btn-sm" onClick={() => void loadBackups()}>
                Try again
              </button>
            </div>
          ) : (
            <Skeleton lines={6} label="Reading the backups…" />
          )
        ) : (
          <Card
            title="Declared backups"
            meta={plural(overview.backups.length, 'backup')}
            actions={
              <StatusPill tone={healthTone[overview.worst]} title={overview.verdict}>
                {healthLabel[overview.worst]}
              </StatusPill>
            }
            flush
          >
            <p className="backups-verdict">{overview.verdict}</p>
            {error ? <p className="text-warn backups-verdict">Showing the last answer: {error}</p> : null}
            <div className="backup-list">
              {[...overview.backups].sort(worstBackupsFirst).map((b) => (
                <BackupCard key={b.key} backup={b} />
              ))}
            </div>
          </Card>
        )}
      </WorkspaceGate>
      <DrillDialog />
    </>
  );
}

export default BackupsScreen;
