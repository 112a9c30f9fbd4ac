/**
 * The backend's questions, on whatever screen is open: an SSH key's passphrase (the connection waits for it) and a
 * runbook's confirm step (the run waits). Mounted once at the app shell; shows the oldest open question, and goes
 * away by itself when another window answered it or it timed out. Escape or Cancel cancels; a click beside it
 * does not, since the work waiting on it would fail.
 */
import { type FormEvent, useId, useState } from 'react';
import { type PromptRequest } from '../../../shared/api/prompts';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { answerPrompt } from './actions';
import { selectCurrentPrompt } from './selectors';

type Of<K extends PromptRequest['kind']> = Extract<PromptRequest, { kind: K }>;

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function PassphraseDialog({ request }: { request: Of<'passphrase'> }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  const send = async (answer: { passphrase: string } | { cancel: true }) => {
    setBusy(true);
    // The field is emptied as soon as the passphrase is on its way: it is not kept in the page.
    setValue('');
    const failed = await answerPrompt({ id: request.id, ...answer });
    setBusy(false);
    setProblem(failed);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== '' && !busy) void send({ passphrase: value });
  };
  const cancel = () => void send({ cancel: true });

  return (
    <Dialog
      open
      title="SSH key passphrase"
      description={`Connecting to ${request.host} needs the passphrase of this key.`}
      onClose={cancel}
      closeOnBackdrop={false}
    >
      <form className="deploy-form" onSubmit={submit}>
        <p className="mono">{request.keyFile}</p>
        {request.attempt > 1 ? (
          <p className="text-bad" role="alert">
            That passphrase did not unlock the key. Try again (try {request.attempt} of {request.maxAttempts}).
          </p>
        ) : null}
        <div>
          <label htmlFor={inputId} className="field-label">
            Passphrase
          </label>
          <div className="field-row">
            <input
              id={inputId}
              className="input mono"
              type="password"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={hintId}
              maxLength={4096}
              data-autofocus
            />
          </div>
          <p id={hintId} className="field-hint">
            It unlocks the key in memory for as long as the cockpit stays connected, and is never saved, logged or
            journaled. Asked until {clock(request.expiresAt)}. To skip this next time, load the key into ssh-agent:{' '}
            <code>ssh-add {request.keyFile}</code>
          </p>
        </div>
        {problem ? (
          <p className="text-bad" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={cancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || value === ''}>
            Unlock
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ConfirmDialog({ request }: { request: Of<'confirm'> }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (answer: { confirmed: boolean } | { cancel: true }) => {
    setBusy(true);
    const failed = await answerPrompt({ id: request.id, ...answer });
    setBusy(false);
    setProblem(failed);
  };
  return (
    <Dialog
      open
      title="Confirm to continue"
      description={
        request.runId
          ? `A run waits for your answer until ${clock(request.expiresAt)}; Stop ends it.`
          : `Waits for your answer until ${clock(request.expiresAt)}.`
      }
      onClose={() => void send({ cancel: true })}
      closeOnBackdrop={false}
    >
      <div className="deploy-form">
        <p>{request.prompt}</p>
        {problem ? (
          <p className="text-bad" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => void send({ confirmed: false })} disabled={busy}>
            Stop
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void send({ confirmed: true })}
            disabled={busy}
          >
            Continue
          </button>
        </div>
      </div>
    </Dialog>
  );
}

export function PromptDialog() {
  const request = useStore(selectCurrentPrompt);
  if (!request) return null;
  // Keyed by question: a new question (or the next try after a wrong passphrase) starts with an empty form.
  return request.kind === 'passphrase' ? (
    <PassphraseDialog key={request.id} request={request} />
  ) : (
    <ConfirmDialog key={request.id} request={request} />
  );
}
