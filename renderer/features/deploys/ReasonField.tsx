/**
 * "Why": the one-line reason a deploy, rollback, lock release or cleared mark carries into the journal, the lock
 * and the hosts' audit logs. One field so every dialog asks the same way, with the same limit.
 */
import { useId } from 'react';

export function ReasonField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="form-grid">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        maxLength={500}
        autoFocus={props.autoFocus}
        {...(props.required ? { 'aria-required': true } : {})}
      />
    </div>
  );
}
