import { type ReactNode } from 'react';

interface Props {
  title: string;
  /** One line saying what the screen shows (or will show live once its feature is built). */
  lead?: ReactNode;
  actions?: ReactNode;
}

/** The screen's h1, its one-line lead and screen-level actions. */
export function ScreenHeader({ title, lead, actions }: Props) {
  return (
    <header className="screen-header">
      <div className="screen-heading">
        <h1 className="screen-title">{title}</h1>
        {lead ? <p className="screen-lead">{lead}</p> : null}
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </header>
  );
}

/** The "arrives with the … feature" line on screens whose live part is not built yet. */
export function ComingLine({ children }: { children: ReactNode }) {
  return (
    <p className="coming">
      <span className="coming-badge">Planned</span>
      {children}
    </p>
  );
}
