/**
 * The banner's next action: the one thing most likely to help now, as the primary button (key N, except while
 * typing or with a dialog open), with why it was chosen under it. Pressing it only opens the safe way in: the
 * rollback dialog with the target preselected (a protected environment asks for its name there), the runbook on
 * the Runbooks screen, a backup's verification, or the live log of the run already going.
 */
import { useEffect } from 'react';
import { type NextAction } from '../../../shared/model/next-action';
import { Kbd } from '../../components/Kbd';
import { useStore } from '../../store';
import { verifyBackups } from '../backups/actions';
import { useBackups } from '../backups/store';
import { openDeploysDialog } from '../deploys/actions';
import { useNextAction } from './next-action-evidence';

const buttonLabel: Record<NextAction['kind'], (action: NextAction) => string> = {
  'finish-rollback': (a) => a.title,
  rollback: (a) => a.title,
  runbook: (a) => a.title,
  verify: (a) => a.title,
  running: (a) => (a.title.startsWith('A rollback') ? 'Watch the rollback' : 'Watch the deploy'),
};

function perform(action: NextAction): void {
  switch (action.kind) {
    case 'rollback':
    case 'finish-rollback':
      openDeploysDialog({ kind: 'rollback', service: action.service, environment: action.environment, to: action.to });
      return;
    case 'running':
      openDeploysDialog({ kind: 'run', runId: action.runId });
      return;
    case 'runbook': {
      const query = new URLSearchParams({ id: action.runbookId, env: action.environment });
      window.location.hash = `#/runbooks?${query.toString()}`;
      return;
    }
    case 'verify':
      void verifyBackups({ service: action.service, backup: action.backup });
      return;
  }
}

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** N does what the button does, unless the person is typing or a dialog has the keyboard. */
function useNextActionKey(action: NextAction | null, busy: boolean): void {
  useEffect(() => {
    if (!action || busy) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'n' || inTextField(event.target)) return;
      const s = useStore.getState();
      if (s.dialog || s.deploysDialog || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [action, busy]);
}

export function NextActionButton() {
  const action = useNextAction();
  const verifying = useBackups((s) => s.verifying);
  const busy = action?.kind === 'verify' && verifying.includes(`${action.service}/${action.backup}`);
  useNextActionKey(action, busy);
  if (!action) return null;
  const label = buttonLabel[action.kind](action);
  return (
    <div className="next-action" aria-label="Next action" role="group">
      {action.kind === 'running' ? <p className="next-action-running">{action.title}</p> : null}
      <button
        type="button"
        className={`btn ${action.kind === 'running' ? '' : 'btn-primary '}next-action-button`}
        onClick={() => perform(action)}
        disabled={busy}
        aria-keyshortcuts="N"
      >
        {busy ? `Verifying ${action.kind === 'verify' ? action.backup : ''}…` : label}
        <span className="next-action-key" aria-hidden="true">
          <Kbd>N</Kbd>
        </span>
      </button>
      <p className="next-action-why">Why: {action.why}.</p>
    </div>
  );
}
