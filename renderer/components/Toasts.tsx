import { useEffect, useState } from 'react';
import { useStore } from '../store';
import { selectToasts } from '../store/selectors';
import { type Toast } from '../store/slices';

const INFO_MS = 5000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast);
  // A notice being read (pointer over it) or reached by keyboard (focus inside) does not fade under the reader.
  const [held, setHeld] = useState(false);
  useEffect(() => {
    // Errors and notices asking for an action stay until dismissed so none goes unread; other notices fade.
    if (toast.tone !== 'info' || toast.action || held) return;
    const timer = setTimeout(() => dismiss(toast.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss, held]);
  const hold = () => setHeld(true);
  const release = () => setHeld(false);
  // The live role sits inside the <li>: a list may hold only list items, and each toast stays one item of it.
  return (
    <li
      className="toast-item"
      onMouseEnter={hold}
      onMouseLeave={release}
      onFocus={hold}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) release();
      }}
    >
      <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
        <div className="toast-text">
          <p className="toast-title">{toast.title}</p>
          <p className="toast-message">{toast.message}</p>
          {toast.action ? (
            <button
              type="button"
              className="btn btn-primary btn-sm toast-action"
              onClick={() => {
                toast.action?.run();
                dismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={() => dismiss(toast.id)}
          aria-label={`Dismiss: ${toast.title}`}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </li>
  );
}

/**
 * Errors from failed calls (with the backend's message) and short notices, bottom right. They sit in their own
 * landmark, so a screen-reader user can jump to them like to the navigation or the main content.
 */
export function Toasts() {
  const toasts = useStore(selectToasts);
  return (
    <section className="toasts-region" aria-label="Notifications">
      <ol className="toasts" aria-label="Notifications">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </ol>
    </section>
  );
}
