import { type ReactNode, useEffect, useId, useRef } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Optional line under the title. */
  description?: string;
  size?: 'md' | 'lg';
  /** A click on the backdrop closes it (default). Off where closing has consequences (a question the backend waits on). */
  closeOnBackdrop?: boolean;
}

/**
 * A modal built on the native <dialog>: showModal() makes the rest of the page inert (focus is trapped), Esc
 * closes it, and focus returns to whatever had it before the dialog opened.
 */
export function Dialog({ open, title, onClose, children, description, size = 'md', closeOnBackdrop = true }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first control (the close button); a field marked data-autofocus is a better start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Esc fires `cancel`; let the store decide (it owns whether the dialog is open).
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      returnTo?.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (closeOnBackdrop && e.target === e.currentTarget) onClose();
      }}
    >
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label="Close">
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {description ? (
          <p id={descId} className="dialog-description">
            {description}
          </p>
        ) : null}
        <div className="dialog-body">{children}</div>
      </div>
    </dialog>
  );
}
