/**
 * "Advanced: hosts" in the Deploy and Rollback dialogs: leave out a host that is down (a checkbox per host) and
 * choose how many hosts switch at once. Closed by default: a normal run acts on every host with the configured
 * batch. Leaving a host out needs a reason (the dialog's "Why"), journaled with the skipped hosts; a protected
 * environment still needs its name typed.
 */
import { useId } from 'react';

export interface HostChoiceValue {
  /** Hosts left out of the run. */
  skip: readonly string[];
  /** Hosts switched at once; null keeps the deploy config's batch. */
  batch: number | null;
}

export const everyHost: HostChoiceValue = { skip: [], batch: null };

/** What the run is asked to do, for the hosts of the chosen environment (a choice made for another one is dropped). */
export function hostChoiceInput(
  value: HostChoiceValue,
  hosts: readonly string[],
): { skipHosts?: string[]; batch?: number } {
  const skip = value.skip.filter((h) => hosts.includes(h));
  return {
    ...(skip.length > 0 ? { skipHosts: skip } : {}),
    ...(value.batch !== null ? { batch: value.batch } : {}),
  };
}

/** Why the choice cannot be run as it is, in words; null when it can. */
export function hostChoiceProblem(value: HostChoiceValue, hosts: readonly string[], reason: string): string | null {
  const skip = value.skip.filter((h) => hosts.includes(h));
  if (hosts.length > 0 && skip.length === hosts.length) return 'Every host is left out: keep at least one.';
  if (skip.length > 0 && !reason.trim())
    return `Say why ${skip.join(', ')} ${skip.length === 1 ? 'is' : 'are'} left out (Why).`;
  return null;
}

interface Props {
  hosts: readonly string[];
  value: HostChoiceValue;
  onChange: (value: HostChoiceValue) => void;
  reason: string;
}

export function HostChoice({ hosts, value, onChange, reason }: Props) {
  const batchId = useId();
  const problem = hostChoiceProblem(value, hosts, reason);
  const changed = value.skip.some((h) => hosts.includes(h)) || value.batch !== null;
  return (
    <details className="host-choice" open={changed || undefined}>
      <summary className="field-label">Advanced: hosts</summary>
      <fieldset className="host-choice-hosts">
        <legend className="muted">Act on these hosts (untick one that is down)</legend>
        {hosts.map((host) => (
          <label key={host} className="check-row">
            <input
              type="checkbox"
              checked={!value.skip.includes(host)}
              onChange={(e) =>
                onChange({
                  ...value,
                  skip: e.target.checked ? value.skip.filter((h) => h !== host) : [...value.skip, host],
                })
              }
            />
            <span className="mono">{host}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <label className="field-label" htmlFor={batchId}>
          Batch size
        </label>
        <input
          id={batchId}
          className="input"
          type="number"
          min={1}
          max={Math.max(1, hosts.length)}
          value={value.batch ?? ''}
          placeholder="as configured"
          onChange={(e) => {
            const n = Number.parseInt(e.target.value, 10);
            onChange({ ...value, batch: Number.isInteger(n) && n >= 1 ? n : null });
          }}
        />
      </div>
      {problem ? (
        <p className="text-warn" role="status">
          {problem}
        </p>
      ) : null}
    </details>
  );
}
