import { useId } from 'react';

/** The typed confirmation a protected environment asks for: its name, exactly. */
export function ConfirmName(props: {
  environment: string;
  value: string;
  onChange: (value: string) => void;
  action: string;
}) {
  const id = useId();
  const ok = props.value === props.environment;
  return (
    <div className="confirm-name">
      <label htmlFor={id}>
        <strong>{props.environment}</strong> is protected. Type its name to {props.action}:
      </label>
      <input
        id={id}
        className={ok ? 'input mono is-ok' : 'input mono'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.environment}
        autoComplete="off"
        spellCheck={false}
        aria-label={`Type ${props.environment} to confirm`}
      />
    </div>
  );
}
