/**
 * The one timeline drawn in SVG (no chart library: this ships with the Overview's strip, so it stays small): a
 * time axis on round local times, one lane per kind (or per service), a bar for what lasted and a dot for a
 * moment, in the theme's tone colours. Every mark is a link (or, without one, a focusable image) named in words,
 * with a tooltip on hover and focus.
 */
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { type TimelineEntry, type TimelineKind } from '../../../shared/model/timeline';
import {
  type Lane,
  type Placed,
  hrefForEntry,
  lanesFor,
  markName,
  outcomeOf,
  place,
  ticksFor,
  timeOfDay,
  dayLabel,
} from './timeline-chart-model';

export interface TimelineChartProps {
  entries: TimelineEntry[];
  from: number;
  to: number;
  now: number;
  /** The kinds shown (one kind → one lane per service). */
  kinds: TimelineKind[] | null;
  compact?: boolean;
  /** A stretch to shade, e.g. an incident from start to end. */
  highlight?: { from: number; to: number; label: string } | null;
  /** Names the chart for screen readers: "Timeline of the last 24 hours". */
  label: string;
}

const toneFill: Record<TimelineEntry['tone'], string> = {
  ok: 'var(--chart-ok)',
  warn: 'var(--chart-warn)',
  bad: 'var(--chart-bad)',
  info: 'var(--chart-running)',
};

const AXIS_HEIGHT = 20;

function dimensions(laneCount: number, compact: boolean) {
  const labelWidth = compact ? 76 : 104;
  const laneHeight = compact ? 18 : 28;
  return { labelWidth, laneHeight, height: Math.max(laneCount, 1) * laneHeight + AXIS_HEIGHT };
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

interface Hovered {
  placed: Placed;
  lane: number;
}

function Mark({
  placed,
  y,
  height,
  onShow,
  onHide,
}: {
  placed: Placed;
  y: number;
  height: number;
  onShow: () => void;
  onHide: () => void;
}) {
  const { entry } = placed;
  const href = hrefForEntry(entry);
  const className = `tl-mark tl-tone-${entry.tone}${entry.practice ? ' is-practice' : ''}`;
  const shape =
    placed.width === null ? (
      <circle
        className="tl-shape"
        cx={placed.x}
        cy={y + height / 2}
        r={Math.max(3, height / 4)}
        fill={toneFill[entry.tone]}
      />
    ) : (
      <rect
        className="tl-shape"
        x={placed.x}
        y={y + height * 0.22}
        width={placed.width}
        height={height * 0.56}
        rx={2}
        fill={toneFill[entry.tone]}
      />
    );
  const events = { onMouseEnter: onShow, onMouseLeave: onHide, onFocus: onShow, onBlur: onHide };
  const name = markName(entry);
  if (href)
    return (
      <a href={href} className={className} aria-label={name} {...events}>
        {shape}
      </a>
    );
  return (
    <g className={className} role="img" aria-label={name} tabIndex={0} {...events}>
      {shape}
    </g>
  );
}

function Tooltip({ hovered, left, top }: { hovered: Hovered; left: number; top: number }) {
  const { entry } = hovered.placed;
  const start = Date.parse(entry.at);
  const end = entry.endAt ? Date.parse(entry.endAt) : null;
  const outcome = outcomeOf(entry);
  return (
    <div className="tl-tooltip" style={{ left, top }} aria-hidden="true">
      <strong>{entry.title}</strong>
      <span className="tl-tooltip-when">
        {dayLabel(start)} {timeOfDay(start)}
        {end !== null ? ` – ${timeOfDay(end)}` : ''}
        {outcome ? ` · ${outcome}` : ''}
        {entry.practice ? ' · practice' : ''}
      </span>
      {entry.detail ? <span className="tl-tooltip-detail">{entry.detail}</span> : null}
    </div>
  );
}

/** The chart at a known width (the wrapper measures it); exported so it renders to markup in tests. */
export function TimelinePlot({
  width,
  entries,
  from,
  to,
  now,
  kinds,
  compact = false,
  highlight,
  label,
}: TimelineChartProps & { width: number }) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const lanes: Lane[] = lanesFor(entries, kinds);
  const { labelWidth, laneHeight, height } = dimensions(lanes.length, compact);
  const plotWidth = Math.max(width - labelWidth - 12, 0);
  const plotHeight = height - AXIS_HEIGHT;
  const ticks = ticksFor(from, to, plotWidth, compact ? 64 : 84);
  const x = (t: number) => ((t - from) / (to - from)) * plotWidth;
  return (
    <>
      <svg className="tl-svg" width={width} height={height} role="group" aria-label={label}>
        <g transform={`translate(${labelWidth},0)`}>
          {highlight ? (
            <rect
              className="tl-highlight"
              x={x(Math.max(highlight.from, from))}
              y={0}
              width={Math.max(x(Math.min(highlight.to, to)) - x(Math.max(highlight.from, from)), 2)}
              height={plotHeight}
            >
              <title>{highlight.label}</title>
            </rect>
          ) : null}
          {ticks.map((tick) => (
            <g key={tick.t} aria-hidden="true">
              <line
                className={tick.major ? 'tl-grid is-major' : 'tl-grid'}
                x1={x(tick.t)}
                x2={x(tick.t)}
                y1={0}
                y2={plotHeight + 4}
              />
              <text className="tl-tick" x={x(tick.t)} y={plotHeight + 15} textAnchor="middle">
                {tick.label}
              </text>
            </g>
          ))}
          {now > from && now < to ? (
            <line className="tl-now" x1={x(now)} x2={x(now)} y1={0} y2={plotHeight} aria-hidden="true" />
          ) : null}
        </g>
        {lanes.map((lane, index) => (
          <g key={lane.key} role="list" aria-label={lane.label}>
            <line
              className="tl-lane-line"
              x1={labelWidth}
              x2={labelWidth + plotWidth}
              y1={(index + 1) * laneHeight}
              y2={(index + 1) * laneHeight}
              aria-hidden="true"
            />
            <text className="tl-lane-label" x={0} y={index * laneHeight + laneHeight / 2 + 4} aria-hidden="true">
              {lane.label}
            </text>
            <g transform={`translate(${labelWidth},0)`}>
              {place(lane.entries, from, to, plotWidth, now).map((placed) => (
                <g key={placed.entry.id} role="listitem">
                  <Mark
                    placed={placed}
                    y={index * laneHeight}
                    height={laneHeight}
                    onShow={() => setHovered({ placed, lane: index })}
                    onHide={() => setHovered((h) => (h?.placed.entry.id === placed.entry.id ? null : h))}
                  />
                </g>
              ))}
            </g>
          </g>
        ))}
      </svg>
      {hovered ? (
        <Tooltip
          hovered={hovered}
          left={Math.min(labelWidth + hovered.placed.x, Math.max(width - 260, 0))}
          top={(hovered.lane + 1) * laneHeight + 2}
        />
      ) : null}
    </>
  );
}

/** Measures the width it is given and draws the chart at it; the height is reserved before the first measure. */
export function TimelineChart(props: TimelineChartProps) {
  const [ref, width] = useWidth();
  const { height } = dimensions(lanesFor(props.entries, props.kinds).length, props.compact ?? false);
  return (
    <div ref={ref} className={props.compact ? 'tl-chart is-compact' : 'tl-chart'} style={{ minHeight: height }}>
      {width > 0 ? <TimelinePlot {...props} width={width} /> : null}
    </div>
  );
}
