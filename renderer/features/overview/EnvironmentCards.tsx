import { useMemo } from 'react';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { environmentCards } from './overview-model';

/** One card per environment: its hosts (and how they are reached), whether it is protected, its variables. */
export function EnvironmentCards() {
  const workspace = useStore(selectWorkspace);
  const cards = useMemo(() => (workspace ? environmentCards(workspace) : []), [workspace]);
  return (
    <section aria-label="Environments" className="env-grid">
      {cards.map((env) => (
        <article key={env.name} className="card env-card" aria-labelledby={`env-${env.name}`}>
          <header className="env-head">
            <h2 id={`env-${env.name}`} className="env-name">
              {env.name}
            </h2>
            {env.protected ? (
              <span className="badge badge-protected" title="Deploy, rollback and restore ask for the name to be typed">
                protected
              </span>
            ) : null}
          </header>
          {env.description ? <p className="env-desc">{env.description}</p> : null}
          <dl className="env-facts">
            <dt>Hosts</dt>
            <dd>
              {env.hosts.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="host-list">
                  {env.hosts.map((h) => (
                    <li key={h.name}>
                      <span className="mono">{h.name}</span>
                      <span className={h.declared ? 'muted mono' : 'text-warn'}> {h.via}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Services</dt>
            <dd>{env.services.length === 0 ? <span className="muted">none</span> : env.services.join(', ')}</dd>
            <dt>Variables</dt>
            <dd>
              {env.vars.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="var-list">
                  {env.vars.map(([k, v]) => (
                    <li key={k} className="mono">
                      <span className="var-key">{k}</span>=<span className="var-value">{v}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </article>
      ))}
    </section>
  );
}
