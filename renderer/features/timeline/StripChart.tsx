/** The Overview strip's body: the last 24 hours of every kind, compact, following now. Loaded lazily. */
import { useClock } from '../../components/now';
import { TimelineChart } from './TimelineChart';
import { useTimeline } from './use-timeline';

const LAST_DAY = { since: '24h' };

export default function StripChart() {
  const clock = useClock(false);
  const { timeline, error } = useTimeline(LAST_DAY, true);
  if (error)
    return <p className="text-warn">Could not read the last 24 hours: {error}. Open the timeline to try again.</p>;
  if (!timeline) return <div className="tl-strip-wait" aria-hidden="true" />;
  if (timeline.entries.length === 0)
    return <p className="muted">Nothing happened in the last 24 hours: no deploy, health change, alert or incident.</p>;
  const to = Date.parse(timeline.to);
  return (
    <TimelineChart
      entries={timeline.entries}
      from={Date.parse(timeline.from)}
      to={to}
      now={Math.max(clock, to)}
      kinds={null}
      compact
      label="Timeline: last 24 hours"
    />
  );
}
