/**
 * The one timeline: everything that happened — deploys, rollbacks, health changes, alerts, incidents, budget
 * crossings, backup checks, drills, runbook runs — on one time axis, filtered by service, environment and kind,
 * zoomed from an hour to 30 days (`+`/`-`) and moved back and forth (`[`/`]`). The view lives in the address.
 */
import { useEffect, useId } from 'react';
import { type TimelineKind, timelineKindTitles, timelineKinds } from '../../../shared/model/timeline';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Keys } from '../../components/Kbd';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { useClock } from '../../components/now';
import { plural } from '../../lib/format';
import { useStore } from '../../store';
import { TimelineChart } from './TimelineChart';
import { TimelineList } from './TimelineList';
import { kindCounts } from './timeline-chart-model';
import {
  type TimelineView,
  panBy,
  queryFor,
  rangeTitle,
  toggleKind,
  zoomBy,
  zoomLabels,
  zoomLevels,
} from './timeline-view';
import { type TimelineAnswer, useTimeline } from './use-timeline';
import { showView, useTimelineView } from './view-address';

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `+`/`-` zoom, `[`/`]` move back and forward, while nobody types and no dialog is open. */
function useTimelineKeys(view: TimelineView): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || inTextField(event.target)) return;
      if (useStore.getState().dialog) return;
      const next =
        event.key === '+' || event.key === '='
          ? zoomBy(view, 1)
          : event.key === '-' || event.key === '_'
            ? zoomBy(view, -1)
            : event.key === '['
              ? panBy(view, -1, Date.now())
              : event.key === ']'
                ? panBy(view, 1, Date.now())
                : null;
      if (!next) return;
      event.preventDefault();
      showView(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view]);
}

function Select({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string;
  all: string;
  value: string | null;
  options: string[];
  onChange: (value: string | null) => void;
}) {
  const id = useId();
  // A value from a link that the workspace no longer has stays selectable, so the filter never lies.
  const list = value && !options.includes(value) ? [...options, value] : options;
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        {label}
      </label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{all}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function Controls({ view, answer }: { view: TimelineView; answer: TimelineAnswer }) {
  const services = answer.timeline?.services ?? [];
  const environments = answer.timeline?.environments ?? [];
  return (
    <div className="tl-controls">
      <Select
        label="Service"
        all="All services"
        value={view.service}
        options={services}
        onChange={(service) => showView({ ...view, service })}
      />
      <Select
        label="Environment"
        all="All environments"
        value={view.environment}
        options={environments}
        onChange={(environment) => showView({ ...view, environment })}
      />
      <div className="segmented" role="group" aria-label="Zoom">
        {zoomLevels.map((zoom) => (
          <button
            key={zoom}
            type="button"
            className={zoom === view.zoom ? 'segment is-active' : 'segment'}
            aria-pressed={zoom === view.zoom}
            onClick={() => showView({ ...view, zoom })}
          >
            {zoomLabels[zoom]}
          </button>
        ))}
      </div>
      <div className="tl-move" role="group" aria-label="Move in time">
        <button type="button" className="btn btn-sm" onClick={() => showView(panBy(view, -1, Date.now()))}>
          ← Earlier
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!view.until}
          onClick={() => showView(panBy(view, 1, Date.now()))}
        >
          Later →
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={!view.until}
          onClick={() => showView({ ...view, until: null })}
        >
          Now
        </button>
      </div>
      <p className="tl-keys muted">
        <Keys keys={['+']} /> <Keys keys={['-']} /> zoom · <Keys keys={['[']} /> <Keys keys={[']']} /> move
      </p>
    </div>
  );
}

function KindChips({ view, counts }: { view: TimelineView; counts: Record<TimelineKind, number> }) {
  return (
    <div className="tl-chips" role="group" aria-label="Kinds">
      {timelineKinds.map((kind) => {
        const pressed = view.kinds?.includes(kind) ?? false;
        return (
          <button
            key={kind}
            type="button"
            className={pressed ? 'tl-chip is-on' : 'tl-chip'}
            aria-pressed={pressed}
            onClick={() => showView(toggleKind(view, kind))}
          >
            {timelineKindTitles[kind]} <span className="tl-chip-count">{counts[kind]}</span>
          </button>
        );
      })}
      {view.kinds ? (
        <button type="button" className="btn btn-xs btn-ghost" onClick={() => showView({ ...view, kinds: null })}>
          Show every kind
        </button>
      ) : null}
    </div>
  );
}

function filterWords(view: TimelineView): string {
  const parts = [
    view.service ? `for ${view.service}` : '',
    view.environment ? `in ${view.environment}` : '',
    view.kinds ? `among ${view.kinds.map((k) => timelineKindTitles[k].toLowerCase()).join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

export default function TimelineScreen() {
  const view = useTimelineView();
  const clock = useClock(false);
  const answer = useTimeline(queryFor(view, clock), view.until === null);
  useTimelineKeys(view);
  const { timeline, error } = answer;
  const shown = timeline ? timeline.entries.filter((e) => !view.kinds || view.kinds.includes(e.kind)) : [];
  const counts = kindCounts(timeline?.entries ?? []);
  const title = rangeTitle(view);
  const from = timeline ? Date.parse(timeline.from) : 0;
  const to = timeline ? Date.parse(timeline.to) : 0;
  const now = Math.max(clock, to);
  let meta = answer.loading && timeline ? 'Updating…' : plural(shown.length, 'entry', 'entries');
  if (timeline?.truncated) meta += ` · the newest ${timeline.entries.length} shown: zoom in for the rest`;
  return (
    <>
      <ScreenHeader
        title="Timeline"
        lead="Deploys, rollbacks, health changes, alerts, incidents, budget crossings, backup checks, drills and runbook runs on one time axis."
      />
      <div className="stack">
        <Controls view={view} answer={answer} />
        <KindChips view={view} counts={counts} />
        <Card title={title} meta={meta}>
          {error ? (
            <div className="tl-error" role="alert">
              <p>
                <strong>Could not read the timeline:</strong> {error}
              </p>
              <p className="muted">
                This is not an empty range: what happened is unknown until it can be read. It is read again on the next
                change, or check the connection and reload.
              </p>
            </div>
          ) : !timeline ? (
            <Skeleton lines={5} label="Reading the timeline…" />
          ) : shown.length === 0 ? (
            <EmptyState title={`Nothing happened${filterWords(view)} in this range`}>
              No deploy, health change, alert, incident, budget crossing, backup check, drill or runbook run between{' '}
              {new Date(from).toLocaleString()} and {new Date(to).toLocaleString()}. Zoom out (<Keys keys={['-']} />) or
              move back (<Keys keys={['[']} />) to look further.
            </EmptyState>
          ) : (
            <TimelineChart
              entries={shown}
              from={from}
              to={to}
              now={now}
              kinds={view.kinds}
              label={`Timeline: ${title.toLowerCase()}`}
            />
          )}
        </Card>
        {timeline && !error && shown.length > 0 ? (
          <Card title="Entries" meta="Newest first">
            <TimelineList entries={shown} now={now} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
