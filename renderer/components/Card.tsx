import { type ReactNode, useId } from 'react';

interface Props {
  title?: string;
  /** Small text next to the title: a count, a hint. */
  meta?: ReactNode;
  /** Buttons or links at the right of the header. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Removes the body padding, for tables that run edge to edge. */
  flush?: boolean;
}

/** A bordered surface with an optional header; a titled card is a labelled region. */
export function Card({ title, meta, actions, children, className, flush }: Props) {
  const id = useId();
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={title ? id : undefined}>
      {title || actions ? (
        <header className="card-header">
          {title ? (
            <h2 id={id} className="card-title">
              {title}
            </h2>
          ) : null}
          {meta ? <span className="card-meta">{meta}</span> : null}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className={flush ? 'card-body card-body-flush' : 'card-body'}>{children}</div>
    </section>
  );
}
