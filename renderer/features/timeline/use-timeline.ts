/**
 * Reads one timeline (the screen's, the Overview strip's, an incident's) and keeps it current while it is shown:
 * events that add entries reload it once per burst, a reconnect reads it again (events were missed meanwhile),
 * and a range that follows now slides along every minute. Each user holds its own answer: the three views ask
 * for different ranges, and nothing else in the app reads them.
 */
import { useEffect, useState } from 'react';
import { type Timeline, type TimelineQuery } from '../../../shared/model/timeline';
import { api, errorMessage, onAnyOf } from '../../bridge';
import { coalesced } from '../../lib/coalesce';
import { useStore } from '../../store';
import { selectConnection } from '../../store/selectors';

export interface TimelineAnswer {
  timeline: Timeline | null;
  /** Why it could not be read: shown as such, never as an empty range. */
  error: string | null;
  loading: boolean;
}

const FOLLOW_NOW_MS = 60_000;

/** The events after which the timeline may have new entries (health samples are not: transitions are). */
function onEntriesChanged(reload: () => void): () => void {
  return onAnyOf(
    [
      'journal.action',
      'health.status',
      'health.alert',
      'incidents.changed',
      'deploys.changed',
      'runbooks.changed',
      'drills.changed',
      'backups.changed',
      'cost.updated',
    ],
    reload,
  );
}

/** `query` is compared by value, so callers may build it on every render. */
export function useTimeline(query: TimelineQuery, followNow: boolean): TimelineAnswer {
  const [answer, setAnswer] = useState<TimelineAnswer>({ timeline: null, error: null, loading: true });
  const connection = useStore(selectConnection);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    let ticket = 0;
    const read = async () => {
      const mine = ++ticket;
      setAnswer((a) => ({ ...a, loading: true }));
      try {
        const timeline = await api.timeline.list(JSON.parse(key) as TimelineQuery);
        if (live && mine === ticket) setAnswer({ timeline, error: null, loading: false });
      } catch (error) {
        if (live && mine === ticket) setAnswer({ timeline: null, error: errorMessage(error), loading: false });
      }
    };
    const reload = coalesced(() => void read(), 400);
    void read();
    const off = onEntriesChanged(() => reload.soon());
    const timer = followNow ? setInterval(() => reload.soon(), FOLLOW_NOW_MS) : undefined;
    return () => {
      live = false;
      reload.cancel();
      off();
      clearInterval(timer);
    };
  }, [key, followNow, connection]);
  return answer;
}
