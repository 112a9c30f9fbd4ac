/**
 * Pieces the incident page, the list and the Overview card share: the running clock, "I'm on it" (or who is on
 * it), the practice badge, and the link a timeline entry leads to.
 */
import { type IncidentSummary } from '../../../shared/model/incidents';
import { Kbd } from '../../components/Kbd';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { navigate, selectAction } from '../../store/actions';
import { acknowledgeIncident } from './actions';
import { useClock } from '../../components/now';
import { type EventLink, clockText } from './incident-format';
import { useIncidents } from './store';

type ClockFields = Pick<IncidentSummary, 'startedAt' | 'resolvedAt' | 'status'>;

/** "open 4 min 05 s", ticking every second while open; "lasted 12 min 30 s" once resolved. */
export function IncidentClock({ incident }: { incident: ClockFields }) {
  const now = useClock(incident.status === 'open');
  return (
    <span
      className={incident.status === 'open' ? 'incident-clock incident-clock-open' : 'incident-clock'}
      // A timer's text changes every second: screen readers should not announce each tick.
      role="timer"
      aria-live="off"
      title="Since the first failing sample"
    >
      {clockText(incident, now)}
    </span>
  );
}

export function IncidentStatus({ incident }: { incident: Pick<IncidentSummary, 'status'> }) {
  return incident.status === 'open' ? (
    <StatusPill tone="bad">open</StatusPill>
  ) : (
    <StatusPill tone="ok">resolved</StatusPill>
  );
}

export function PracticeBadge() {
  return (
    <span className="badge incident-practice-badge" title="Caused by a rollback drill: never in the real figures">
      practice
    </span>
  );
}

interface AckProps {
  incident: Pick<IncidentSummary, 'id' | 'status' | 'acknowledgedAt'> & { acknowledgedBy?: string | null };
  /** Shows the A shortcut on the button (the incident page binds it). */
  shortcut?: boolean;
  /** A practice incident asks more quietly: a plain button, not the primary one. */
  calm?: boolean;
}

/** "I'm on it" while nobody has said so; afterwards who (when known) and when. */
export function Acknowledge({ incident, shortcut, calm }: AckProps) {
  const busy = useIncidents((s) => s.acknowledging.includes(incident.id));
  if (incident.acknowledgedAt) {
    return (
      <span className="incident-ack">
        <StatusPill tone="ok">acknowledged</StatusPill>{' '}
        <span className="muted">
          {incident.acknowledgedBy ? `by ${incident.acknowledgedBy} ` : ''}
          <RelativeTime iso={incident.acknowledgedAt} />
        </span>
      </span>
    );
  }
  if (incident.status !== 'open') return <span className="muted">Nobody acknowledged it</span>;
  return (
    <button
      type="button"
      className={calm ? 'btn' : 'btn btn-primary'}
      disabled={busy}
      onClick={() => void acknowledgeIncident(incident.id)}
      aria-keyshortcuts={shortcut ? 'A' : undefined}
    >
      {busy ? 'Saying so…' : 'I’m on it'}
      {shortcut ? <Kbd>A</Kbd> : null}
    </button>
  );
}

/** A drill opens its page; a run or action opens its journal entry in Activity. */
export function EventLinkTo({ link }: { link: EventLink }) {
  if (link.kind === 'href') return <a href={link.href}>{link.label}</a>;
  return (
    <a
      href="#/activity"
      onClick={(event) => {
        event.preventDefault();
        navigate('activity');
        void selectAction(link.id);
      }}
    >
      {link.label}
    </a>
  );
}
