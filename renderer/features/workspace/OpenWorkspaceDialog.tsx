import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { RelativeTime } from '../../components/RelativeTime';
import { useStore } from '../../store';
import { browseForWorkspace, openDemo, openWorkspace } from '../../store/actions';
import { selectCanBrowse, selectDialog, selectRecent } from '../../store/selectors';

/** The form inside the dialog; mounted only while open, so it starts empty every time. */
function OpenWorkspaceForm({ onDone }: { onDone: () => void }) {
  const canBrowse = useStore(selectCanBrowse);
  const recent = useStore(selectRecent);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();

  const run = async (open: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await open();
    setBusy(false);
    // A broken file still opens (the problems panel shows it); only a failed call keeps the dialog up.
    if (ok) onDone();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed) void run(() => openWorkspace(trimmed));
  };
  const browse = async () => {
    const picked = await browseForWorkspace();
    if (picked) {
      setPath(picked);
      void run(() => openWorkspace(picked));
    }
  };

  return (
    <div className="open-ws">
      <form onSubmit={submit} className="open-ws-form">
        <label htmlFor={inputId} className="field-label">
          Workspace file path
        </label>
        <div className="field-row">
          <input
            id={inputId}
            className="input mono"
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/infra/cockpit.yaml"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            data-autofocus
          />
          {canBrowse ? (
            <button type="button" className="btn" onClick={() => void browse()} disabled={busy}>
              Browse…
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={busy || path.trim() === ''}>
            Open
          </button>
        </div>
        <p id={hintId} className="field-hint">
          The absolute path to a <code>cockpit.yaml</code>. The cockpit watches it and reloads on save.
        </p>
      </form>

      <section className="open-ws-recent" aria-labelledby={`${inputId}-recent`}>
        <h3 id={`${inputId}-recent`} className="section-label">
          Recent
        </h3>
        {recent.length === 0 ? (
          <p className="muted">No workspace opened yet. Files you open appear here.</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="recent-item"
                  onClick={() => void run(() => openWorkspace(r.path))}
                  disabled={busy}
                >
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path mono">{r.path}</span>
                  <span className="recent-when">
                    <RelativeTime iso={r.openedAt} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <footer className="open-ws-foot">
        <button type="button" className="btn" onClick={() => void run(openDemo)} disabled={busy}>
          Open the built-in demo
        </button>
      </footer>
    </div>
  );
}

/** File → Open workspace (Ctrl/Cmd+O): a path, the native picker where there is one, recent files, the demo. */
export function OpenWorkspaceDialog() {
  const open = useStore(selectDialog) === 'open-workspace';
  const close = useStore((s) => s.closeDialog);
  return (
    <Dialog open={open} title="Open workspace" onClose={close} size="lg">
      <OpenWorkspaceForm onDone={close} />
    </Dialog>
  );
}
