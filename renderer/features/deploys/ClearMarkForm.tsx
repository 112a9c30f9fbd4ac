/**
 * Clearing a BAD_RELEASE mark a person judged wrong: asks why (journaled, and written to each host's audit log),
 * then removes the mark on every host that has it.
 */
import { useState } from 'react';
import { ReasonField } from './ReasonField';
import { clearReleaseMark } from './actions';
import { releaseName } from './deploy-format';

interface Props {
  service: string;
  environment: string;
  release: string;
  onDone: (cleared: boolean) => void;
}

export function ClearMarkForm({ service, environment, release, onDone }: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = releaseName(release);

  async function clear() {
    setBusy(true);
    setProblem(null);
    const result = await clearReleaseMark({ service, environment, release, reason: reason.trim() });
    setBusy(false);
    if (result === true) onDone(true);
    else setProblem(result.error);
  }

  return (
    <section className="plan-box clear-mark" aria-label={`Clear the bad mark of ${shown}`}>
      <h3 className="section-label">Clear the bad mark of {shown}</h3>
      <ReasonField
        label="Why"
        value={reason}
        onChange={setReason}
        placeholder="e.g. the outage was the database, not this release"
        autoFocus
      />
      {problem ? (
        <p className="text-bad" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={() => onDone(false)} disabled={busy}>
          Keep the mark
        </button>
        <button type="button" className="btn" onClick={() => void clear()} disabled={busy || !reason.trim()}>
          {busy ? 'Clearing…' : 'Clear mark'}
        </button>
      </div>
    </section>
  );
}
