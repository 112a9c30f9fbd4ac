import { EmptyState } from '../../components/EmptyState';
import { useStore } from '../../store';
import { openDemo } from '../../store/actions';
import { WORKSPACE_SNIPPET } from '../overview/snippets';

/** Shown where a screen needs a workspace and none was ever loaded. */
export function NoWorkspace() {
  const openDialog = useStore((s) => s.openDialog);
  return (
    <EmptyState
      title="No workspace loaded yet"
      snippet={WORKSPACE_SNIPPET}
      snippetLabel="A minimal cockpit.yaml"
      action={
        <>
          <button type="button" className="btn btn-primary" onClick={() => openDialog('open-workspace')}>
            Choose a workspace file…
          </button>{' '}
          <button type="button" className="btn" onClick={() => void openDemo()}>
            Start with the demo
          </button>
        </>
      }
    >
      Open your team&apos;s <code>cockpit.yaml</code>, or start with the built-in demo, which runs a small sandbox
      service on this machine.
    </EmptyState>
  );
}
