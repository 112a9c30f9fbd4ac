/**
 * "Run Restart the worker in production?": the steps it will take, and for a protected environment its name typed
 * (the same ConfirmName as deploys; the backend checks it again). Opened from an alert's Run or the screen's
 * button on a protected environment.
 */
import { useEffect, useRef, useState } from 'react';
import { type RunbookDetail } from '../../../shared/model/runbooks';
import { ConfirmName } from '../../components/ConfirmName';
import { Dialog } from '../../components/Dialog';

export function RunDialog({
  detail,
  busy,
  onRun,
  onClose,
}: {
  detail: RunbookDetail;
  busy: boolean;
  onRun: (confirmation: string | undefined) => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const form = useRef<HTMLFormElement>(null);
  // The dialog has opened (its effect runs first): the name to type is where the keyboard should be.
  useEffect(() => {
    if (detail.protected) form.current?.querySelector<HTMLInputElement>('.confirm-name input')?.focus();
  }, [detail.protected]);
  const confirmed = !detail.protected || typed === detail.environment;
  const label = `Run ${detail.title} in ${detail.environment}`;
  return (
    <Dialog open title={`${label}?`} onClose={onClose}>
      <form
        ref={form}
        className="runbook-run-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirmed && !busy) onRun(detail.protected ? typed : undefined);
        }}
      >
        <p>
          {detail.stepViews.length === 0
            ? 'This runbook has no steps: it is a document to read.'
            : `${detail.stepViews.length} ${detail.stepViews.length === 1 ? 'step' : 'steps'} on ${detail.service}’s hosts in ${detail.environment}: ${detail.stepViews.map((s) => s.title).join(' → ')}.`}
        </p>
        {detail.protected ? (
          <ConfirmName environment={detail.environment} value={typed} onChange={setTyped} action="run this runbook" />
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!confirmed || busy}
            data-autofocus={detail.protected ? undefined : true}
          >
            {busy ? 'Starting…' : label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
