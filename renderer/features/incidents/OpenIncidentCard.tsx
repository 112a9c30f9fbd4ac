/**
 * The Overview's first card while an incident is open: "checkout down in production · open 3 min 05 s" with the
 * clock running, who is on it (or "I'm on it"), and the way to the incident page. A drill's practice incident is
 * labelled so and drawn calmer. Nothing shows when no incident is open.
 */
import { type IncidentSummary } from '../../../shared/model/incidents';
import { Acknowledge, IncidentClock } from './IncidentBits';
import { incidentHref, openIncidentToShow } from './incident-format';
import { useIncidents } from './store';

export function OpenIncidentCard() {
  const incidents = useIncidents((s) => s.list?.incidents ?? null);
  return incidents ? <OpenIncidentNotice incidents={incidents} /> : null;
}

/** The card for a list of incidents (none shown when none is open). */
export function OpenIncidentNotice({ incidents }: { incidents: readonly IncidentSummary[] }) {
  const open = openIncidentToShow(incidents);
  if (!open) return null;
  const { shown, others } = open;
  const practice = shown.drillId !== null;
  return (
    <section
      className={practice ? 'open-incident is-practice' : 'open-incident'}
      aria-label={practice ? 'Practice incident (drill)' : 'Open incident'}
    >
      <div className="open-incident-main">
        <p className="open-incident-kicker">{practice ? 'Practice (drill)' : 'Open incident'}</p>
        <p className="open-incident-title">
          <span>{shown.title}</span> <span aria-hidden="true">·</span> <IncidentClock incident={shown} />
        </p>
        <p className="open-incident-cause">
          {shown.cause ?? 'The cause is not known yet.'}
          {others > 0 ? ` And ${others} more open.` : ''}
        </p>
      </div>
      <div className="open-incident-actions">
        <Acknowledge incident={shown} calm={practice} />
        <a href={incidentHref(shown.id)} className="btn">
          Open the incident
        </a>
      </div>
    </section>
  );
}
