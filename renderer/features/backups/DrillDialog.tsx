/**
 * Run restore drill: which copy (the drill's own choice by default, or any copy the last check listed), the typed
 * environment name when the drill host is protected; then the live log with Cancel (teardown still runs), and at
 * the end the evidence in short with a link to all of it.
 */
import { useId, useState } from 'react';
import { type BackupStatus } from '../../../shared/model/backups';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { ConfirmName } from '../../components/ConfirmName';
import { protectedEnvironmentOf } from '../drills/drill-rows';
import { closeDrillDialog, startDrill } from './actions';
import { formatBytes } from './backup-format';
import { DrillRunPanel } from './DrillRunPanel';
import { type DrillDialogState, keyOf, useBackups } from './store';

export function DrillDialog() {
  const dialog = useBackups((s) => s.dialog);
  const backup = useBackups((s) => {
    const open = s.dialog;
    return open ? s.overview?.backups.find((b) => b.key === keyOf(open)) : undefined;
  });
  if (!dialog) return null;
  return (
    <Dialog
      open
      title={`Restore drill of ${dialog.backup}`}
      description={backup?.drill ? `Restores on ${backup.drill.host}, checks it, then tears it down.` : undefined}
      onClose={closeDrillDialog}
      size="lg"
      // A click beside the dialog must not lose the live log; Esc and Close still close it (the drill goes on).
      closeOnBackdrop={false}
    >
      {dialog.runId ? <DrillRunPanel runId={dialog.runId} /> : <DrillChoice dialog={dialog} backup={backup} />}
    </Dialog>
  );
}

function DrillChoice({ dialog, backup }: { dialog: DrillDialogState; backup: BackupStatus | undefined }) {
  const workspace = useStore(selectWorkspace);
  const history = useBackups((s) => s.histories[keyOf(dialog)]);
  const [copy, setCopy] = useState('');
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  const selectId = useId();
  const config = workspace?.services[dialog.service]?.backups.find((b) => b.id === dialog.backup)?.drill;
  const host = backup?.drill?.host ?? config?.host ?? null;
  const environment = workspace && host ? protectedEnvironmentOf(workspace, host) : null;
  const confirmed = environment === null || typed === environment;
  const copies = history && 'copies' in history ? history.copies : [];
  const choice = config?.copy ?? 'newest';
  const canStart = confirmed && !starting && host !== null;

  async function submit() {
    setStarting(true);
    const started = await startDrill(dialog, copy || null, environment ? typed : null);
    if (!started) setStarting(false);
  }

  return (
    <form
      className="deploy-form drill-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) void submit();
      }}
    >
      <div className="drill-field">
        <label htmlFor={selectId} className="field-label">
          Copy to restore
        </label>
        <select id={selectId} className="select" value={copy} onChange={(e) => setCopy(e.target.value)} data-autofocus>
          <option value="">Default: {choiceWords(choice)}</option>
          {copies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} · {new Date(c.time).toLocaleString()} · {formatBytes(c.size)}
            </option>
          ))}
        </select>
        {history && 'error' in history ? (
          <p className="text-warn">Could not list the copies ({history.error}); the default choice still works.</p>
        ) : null}
      </div>
      {config ? (
        <ol className="plan-list drill-plan">
          <li>
            Preflight: reach {config.host}
            {config.preflight ? ', check the scratch target is free' : ''}.
          </li>
          <li>
            Restore into <code>{config.scratch}</code>: <code>{config.restore}</code>
          </li>
          <li>
            {config.checks.length === 0
              ? 'No smoke checks declared: only the restore itself is proved.'
              : `Run ${config.checks.length} smoke ${config.checks.length === 1 ? 'check' : 'checks'}.`}
          </li>
          <li>
            {config.teardown ? (
              <>
                Tear down: <code>{config.teardown}</code> (always, after failure or cancel too).
              </>
            ) : (
              'No teardown declared.'
            )}
          </li>
        </ol>
      ) : null}
      {environment ? (
        <ConfirmName environment={environment} value={typed} onChange={setTyped} action="run a restore drill there" />
      ) : null}
      <div className="dialog-actions">
        <button type="submit" className="btn btn-primary" disabled={!canStart}>
          {starting ? 'Starting…' : 'Start the drill'}
        </button>
      </div>
    </form>
  );
}

function choiceWords(choice: string): string {
  const last = /^random-of-last-(\d+)$/.exec(choice);
  return last ? `a random one of the last ${last[1]}` : 'the newest copy';
}
