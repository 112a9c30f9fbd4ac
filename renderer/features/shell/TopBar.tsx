import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { reloadWorkspace } from '../../store/actions';
import { selectConnectionDetails, selectWorkspaceLabel } from '../../store/selectors';
import { connectionLabel } from './connection-words';
import { useConnectionAttribute } from './hooks';

/**
 * The workspace in view (or "Loading workspace…" until the backend's first answer: never "No workspace" before it
 * said so), the state of the link to the backend ("Stale since 22:14 — reconnecting…"), and the workspace buttons.
 */
export function TopBar() {
  const { name, source, isPath } = useStore(useShallow(selectWorkspaceLabel));
  const details = useStore(selectConnectionDetails);
  const openDialog = useStore((s) => s.openDialog);
  const { label, tone } = connectionLabel(details);
  // Here because the top bar is on screen whenever the app is: the faded look follows the link from one place.
  useConnectionAttribute(details.state);
  return (
    <header className="topbar">
      <div className="topbar-workspace">
        <span className="topbar-name">{name}</span>
        <span className={isPath ? 'topbar-source mono' : 'topbar-source'} title={source || undefined}>
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
