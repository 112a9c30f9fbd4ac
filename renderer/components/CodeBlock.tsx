import { CopyButton } from './CopyButton';

/** Monospace text (a snippet, command output) with a copy button. */
export function CodeBlock({ code, label, copy = true }: { code: string; label?: string; copy?: boolean }) {
  return (
    <figure className="code">
      {label || copy ? (
        <figcaption className="code-head">
          <span>{label ?? ''}</span>
          {copy ? <CopyButton text={code} label={`Copy ${label ?? 'code'}`} /> : null}
        </figcaption>
      ) : null}
      <pre className="code-body">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
