/**
 * The Timeline screen keeps its view in the address (`#/timeline?service=checkout&since=7d`): the address is the
 * state, so a reload or a shared link shows the same view. Changes replace the address (zooming does not fill the
 * back button's history) and tell the screen, since replaceState fires no hashchange.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { type TimelineView, formatTimelineHash, parseTimelineHash } from './timeline-view';

const CHANGED = 'cockpit:timeline-view';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export function useTimelineView(): TimelineView {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseTimelineHash(hash), [hash]);
}

export function showView(view: TimelineView): void {
  const hash = formatTimelineHash(view);
  if (window.location.hash === hash) return;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new Event(CHANGED));
}
