import { type ReactNode } from 'react';
import { CodeBlock } from './CodeBlock';

interface Props {
  title: string;
  children?: ReactNode;
  /** A `cockpit.yaml` excerpt that would fill this screen. */
  snippet?: string;
  snippetLabel?: string;
  action?: ReactNode;
}

/** Says why a place is empty and exactly what to add to fill it. */
export function EmptyState({ title, children, snippet, snippetLabel, action }: Props) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-text">{children}</div> : null}
      {snippet ? <CodeBlock code={snippet} label={snippetLabel ?? 'Example for cockpit.yaml'} /> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
