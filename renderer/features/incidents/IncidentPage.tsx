/**
 * One incident: its header (status, service in environment, the clock running while open, "I'm on it" — key A —
 * or who is on it), the three figures, the timeline that filled itself, the post-mortem and its action items.
 */
import { useEffect } from 'react';
import { type Incident } from '../../../shared/model/incidents';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { formatAbsolute } from '../../lib/format';
import { useStore } from '../../store';
import { ActionItemsEditor } from './ActionItemsEditor';
import { acknowledgeIncident, loadIncident } from './actions';
import { Acknowledge, EventLinkTo, IncidentClock, IncidentStatus, PracticeBadge } from './IncidentBits';
import { eventIcons, eventKindLabels, eventLink, figureText, timeOfDay } from './incident-format';
import { PostmortemEditor } from './PostmortemEditor';
import { IncidentTimeline } from '../timeline/IncidentTimeline';
import { useIncidents } from './store';

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A binds "I'm on it" while the incident is open and nobody has acknowledged it, except while typing. */
function useAcknowledgeKey(incident: Incident | undefined): void {
  const armed = incident !== undefined && incident.status === 'open' && incident.acknowledgedAt === null;
  const id = incident?.id;
  useEffect(() => {
    if (!armed || !id) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'a' || inTextField(event.target)) return;
      // A dialog on top owns the keyboard.
      if (useStore.getState().dialog) return;
      event.preventDefault();
      void acknowledgeIncident(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [armed, id]);
}

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="incident-figure">
      <span className="incident-figure-label">{label}</span>
      <span className="incident-figure-value">{value}</span>
      <span className="incident-figure-hint">{hint}</span>
    </div>
  );
}

function Figures({ incident }: { incident: Incident }) {
  const open = incident.status === 'open';
  const f = incident.figures;
  return (
    <div className="incident-figures" role="group" aria-label="Figures">
      <Figure
        label="Time to detect"
        value={figureText(f.detectMs, open ? 'no alert yet' : '—')}
        hint="first failing sample → alert"
      />
      <Figure
        label="Time to acknowledge"
        value={figureText(f.acknowledgeMs, open ? 'waiting' : '—')}
        hint="alert → “I’m on it”"
      />
      <Figure
        label="Time to recover"
        value={figureText(f.recoverMs, open ? 'still down' : '—')}
        hint="first failing sample → healthy"
      />
    </div>
  );
}

function Timeline({ incident }: { incident: Incident }) {
  const events = [...incident.timeline].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="incident-timeline" aria-label="Timeline">
      {events.map((event, index) => {
        const link = eventLink(event);
        return (
          <li key={`${event.at}-${index}`} className={`incident-event incident-event-${event.kind}`}>
            <time className="incident-event-time mono" dateTime={event.at} title={formatAbsolute(event.at)}>
              {timeOfDay(event.at)}
            </time>
            <span className="incident-event-icon" aria-hidden="true">
              {eventIcons[event.kind]}
            </span>
            <span className="incident-event-body">
              <span className="incident-event-title">
                <span className="sr-only">{eventKindLabels[event.kind]}: </span>
                {event.title}
              </span>
              {event.detail ? <span className="incident-event-detail">{event.detail}</span> : null}
              {link ? (
                <span className="incident-event-link">
                  <EventLinkTo link={link} />
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Header({ incident }: { incident: Incident }) {
  return (
    <section
      className={`incident-header ${incident.status === 'open' ? 'is-open' : ''} ${incident.drillId ? 'is-practice' : ''}`}
      aria-label="Incident"
    >
      <div className="incident-header-main">
        <h2 className="incident-title">{incident.title}</h2>
        <div className="incident-header-meta">
          <IncidentStatus incident={incident} />
          {incident.drillId ? <PracticeBadge /> : null}
          <span className="mono">
            {incident.service}@{incident.environment}
          </span>
          <IncidentClock incident={incident} />
        </div>
        {incident.cause ? <p className="incident-cause">{incident.cause}</p> : null}
        {incident.drillId ? (
          <p className="muted">
            Caused on purpose by a{' '}
            <a href={`#/drills/rollback/${encodeURIComponent(incident.drillId)}`}>rollback drill</a>: shown apart, never
            in the real figures.
          </p>
        ) : null}
      </div>
      <div className="incident-header-ack">
        <Acknowledge incident={incident} shortcut calm={incident.drillId !== null} />
      </div>
    </section>
  );
}

export function IncidentPage({ id }: { id: string }) {
  const incident = useIncidents((s) => s.incidents[id]);
  const error = useIncidents((s) => s.errors[id]);
  useEffect(() => {
    void loadIncident(id);
  }, [id]);
  useAcknowledgeKey(incident);
  const back = (
    <p className="incident-back">
      <a href="#/incidents">← All incidents</a>
    </p>
  );
  if (!incident)
    return (
      <>
        {back}
        {error ? (
          <p className="text-warn">
            Could not read incident {id}: {error}. It may have been removed; go back to the list.
          </p>
        ) : (
          <Skeleton lines={8} label="Reading the incident…" />
        )}
      </>
    );
  return (
    <div className="stack incident-page">
      {back}
      <Header incident={incident} />
      <Figures incident={incident} />
      <IncidentTimeline incident={incident} />
      <div className="grid-2-1">
        <Card title="Timeline" meta="Filled in by the cockpit">
          <Timeline incident={incident} />
        </Card>
        <Card title="Action items" meta="At most three: the ones that matter">
          <ActionItemsEditor incident={incident} />
        </Card>
      </div>
      <Card title="Post-mortem" meta={postmortemMeta(incident)}>
        <PostmortemEditor incident={incident} />
      </Card>
    </div>
  );
}

function postmortemMeta(incident: Incident): string {
  const p = incident.postmortem;
  if (!p.editedAt) return 'A draft from the timeline';
  return `Edited${p.editedBy ? ` by ${p.editedBy}` : ''} ${formatAbsolute(p.editedAt)}`;
}
