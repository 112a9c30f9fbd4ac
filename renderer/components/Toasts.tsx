import { useEffect } from 'react';
import { useStore } from '../store';
import { selectToasts } from '../store/selectors';
import { type Toast } from '../store/slices';

const INFO_MS = 5000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast);
  useEffect(() => {
    // Errors and notices asking for an action stay until dismissed so none goes unread; other notices fade.
    if (toast.tone !== 'info' || toast.action) return;
    const timer = setTimeout(() => dismiss(toast.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <li className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
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
    </li>
  );
}

/** Errors from failed calls (with the backend's message) and short notices, bottom right. */
export function Toasts() {
  const toasts = useStore(selectToasts);
  return (
    <ol className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </ol>
  );
}
