/** The one open dialog of the deploys feature (deploy, rollback, a run's live log, a lock), wherever it was asked. */
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { closeDeploysDialog } from './actions';
import { DeployDialogBody } from './DeployDialog';
import { LockDialogBody } from './LockDialog';
import { RollbackDialogBody } from './RollbackDialog';
import { RunLogPanel } from './RunLogPanel';
import { selectDeploysDialog, selectRunLog } from './selectors';

function RunDialog({ runId }: { runId: string }) {
  const title = useStore((s) => selectRunLog(runId)(s)?.run?.title ?? 'Run');
  return (
    <Dialog open title={title} onClose={closeDeploysDialog} size="lg">
      <RunLogPanel runId={runId} />
    </Dialog>
  );
}

export function DeploysDialogs() {
  const dialog = useStore(selectDeploysDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'deploy':
      return (
        <Dialog open title="Deploy" onClose={closeDeploysDialog} size="lg">
          <DeployDialogBody service={dialog.service} environment={dialog.environment} />
        </Dialog>
      );
    case 'rollback':
      return (
        <Dialog
          open
          title={`Roll back ${dialog.service} in ${dialog.environment}`}
          description="Switches every host back to a release that was healthy, restarts, and checks health again."
          onClose={closeDeploysDialog}
          size="lg"
        >
          <RollbackDialogBody service={dialog.service} environment={dialog.environment} to={dialog.to} />
        </Dialog>
      );
    case 'run':
      return <RunDialog key={dialog.runId} runId={dialog.runId} />;
    case 'lock':
      return (
        <Dialog
          open
          title={`Deploy lock · ${dialog.service} in ${dialog.environment}`}
          onClose={closeDeploysDialog}
          size="lg"
        >
          <LockDialogBody service={dialog.service} environment={dialog.environment} />
        </Dialog>
      );
  }
}
