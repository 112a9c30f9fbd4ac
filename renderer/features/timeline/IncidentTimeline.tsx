/**
 * The one timeline around an incident, on its page: its service in its environment from an hour before it
 * started to its end (or now), the incident shaded, so "did it break after the deploy?" is answered by looking.
 */
import { type Incident } from '../../../shared/model/incidents';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { useClock } from '../../components/now';
import { TimelineChart } from './TimelineChart';
import { incidentWindow } from './timeline-view';
import { useTimeline } from './use-timeline';

type IncidentFields = Pick<Incident, 'service' | 'environment' | 'startedAt' | 'resolvedAt' | 'title'>;

export function IncidentTimeline({ incident }: { incident: IncidentFields }) {
  const clock = useClock(false);
  const range = incidentWindow(incident, clock);
  const { timeline, error } = useTimeline(range.query, incident.resolvedAt === null);
  const open = <a href={range.href}>Open on the Timeline</a>;
  return (
    <Card
      title="What happened around it"
      meta={`${incident.service} in ${incident.environment}, from an hour before it started`}
      actions={open}
    >
      {error ? (
        <p className="text-warn" role="alert">
          Could not read the timeline around the incident: {error}. What happened before it is unknown, not empty.
        </p>
      ) : !timeline ? (
        <Skeleton lines={3} label="Reading the timeline…" />
      ) : (
        <TimelineChart
          entries={timeline.entries}
          from={Date.parse(timeline.from)}
          to={Date.parse(timeline.to)}
          now={clock}
          kinds={null}
          highlight={{
            from: Date.parse(incident.startedAt),
            to: incident.resolvedAt ? Date.parse(incident.resolvedAt) : Date.parse(timeline.to),
            label: incident.title,
          }}
          label={`Timeline of ${incident.service} in ${incident.environment} around the incident`}
        />
      )}
    </Card>
  );
}
