/**
 * One `keychain:NAME` entry the workspace refers to: whether it is stored, and a password field to store or
 * replace it, or forget it. The value goes to the backend once and is never shown or sent back. Where no OS
 * keychain can be used (serve mode, a desktop without one) the controls are disabled and say why.
 */
import { useId, useState } from 'react';
import { type KeychainEntry } from '../../../shared/model/health';
import { StatusPill } from '../../components/StatusPill';
import { forgetKeychainSecret, saveKeychainSecret } from './actions';

interface Props {
  entry: KeychainEntry;
  available: boolean;
  problem: string | null;
}

export function KeychainEntryControl({ entry, available, problem }: Props) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const reference = `keychain:${entry.name}`;
  const save = async () => {
    setBusy(true);
    // Emptied once stored: a secret should not sit in the page longer than it must.
    const saved = await saveKeychainSecret(entry.name, value);
    if (saved) setValue('');
    setBusy(false);
  };
  const forget = async () => {
    setBusy(true);
    await forgetKeychainSecret(entry.name);
    setBusy(false);
  };
  return (
    <form
      className="keychain-entry"
      aria-label={`Keychain entry ${reference}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (value) void save();
      }}
    >
      <div className="keychain-head">
        <span className="mono">{reference}</span>{' '}
        {entry.stored ? <StatusPill tone="ok">stored</StatusPill> : <StatusPill tone="warn">not stored</StatusPill>}
      </div>
      <label className="sr-only" htmlFor={inputId}>
        Secret for {reference}
      </label>
      <div className="field-row">
        <input
          id={inputId}
          type="password"
          className="input"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          disabled={!available || busy}
          placeholder={entry.stored ? 'Paste a new webhook URL to replace it' : 'Paste the Slack webhook URL'}
          aria-describedby={hintId}
          maxLength={4_096}
        />
        <button
          type="submit"
          className="btn btn-sm btn-primary"
          disabled={!available || busy || !value}
          aria-label={`Save ${reference}`}
        >
          Save
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!available || busy || !entry.stored}
          aria-label={`Forget ${reference}`}
          onClick={() => void forget()}
        >
          Forget
        </button>
      </div>
      <p className={available ? 'field-hint' : 'field-hint text-warn'} id={hintId}>
        {available
          ? 'Encrypted with the OS keychain and kept in the data folder; it is never shown again.'
          : `Not available here: ${problem ?? 'no OS keychain'}.`}
      </p>
    </form>
  );
}
