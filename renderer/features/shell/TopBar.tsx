import { useShallow } from 'zustand/react/shallow';
import { type ConnectionState } from '../../bridge/connection';
import { useStore } from '../../store';
import { reloadWorkspace } from '../../store/actions';
import { selectConnection, selectWorkspaceLabel } from '../../store/selectors';

const connectionText: Record<ConnectionState, { label: string; tone: string }> = {
  connecting: { label: 'Connecting…', tone: 'running' },
  open: { label: 'Connected', tone: 'ok' },
  reconnecting: { label: 'Reconnecting…', tone: 'warn' },
  refused: { label: 'Token refused', tone: 'bad' },
  'bridge-missing': { label: 'No bridge to the backend', tone: 'bad' },
};

/** The workspace in view, the state of the link to the backend, and the two workspace buttons. */
export function TopBar() {
  const { name, source, isPath } = useStore(useShallow(selectWorkspaceLabel));
  const connection = useStore(selectConnection);
  const openDialog = useStore((s) => s.openDialog);
  const { label, tone } = connectionText[connection];
  return (
    <header className="topbar">
      <div className="topbar-workspace">
        <span className="topbar-name">{name}</span>
        <span className={isPath ? 'topbar-source mono' : 'topbar-source'} title={source}>
          {/* The box is right-to-left so a long path loses its start, not its file name; <bdi> keeps the path's own
              left-to-right order (otherwise the leading "/" jumps to the end). */}
          <bdi>{source}</bdi>
        </span>
      </div>
      <div className="topbar-right">
        <span className={`conn conn-${tone}`} role="status" aria-label={`Backend connection: ${label}`}>
          <span className="conn-dot" aria-hidden="true" />
          {label}
        </span>
        <button type="button" className="btn" onClick={() => void reloadWorkspace()}>
          Reload
        </button>
        <button type="button" className="btn btn-primary" onClick={() => openDialog('open-workspace')}>
          Open workspace…
        </button>
      </div>
    </header>
  );
}
