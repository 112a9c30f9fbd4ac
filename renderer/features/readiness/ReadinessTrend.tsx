/**
 * The score's trend: one point per day with the team's bar as a dashed line, drawn as a small SVG (no chart library:
 * the screen needs a line and a bar, and recharts would be a chunk to load for that). Its words are its label.
 */
import { type Scorecard } from '../../../shared/model/readiness';
import { dayLabel, trendGeometry, trendSummary } from './readiness-model';

const size = { width: 480, height: 120, pad: 12 };

export function ReadinessTrend({ trend, threshold }: { trend: Scorecard['trend']; threshold: number }) {
  const { points, barY } = trendGeometry(trend, threshold, size);
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <figure className="readiness-trend">
      <div className="readiness-trend-plot">
        <span className="readiness-trend-scale" aria-hidden="true">
          <span>100</span>
          <span>0</span>
        </span>
        <svg
          viewBox={`0 0 ${size.width} ${size.height}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={trendSummary(trend, threshold)}
        >
          <title>{trendSummary(trend, threshold)}</title>
          <line className="readiness-trend-grid" x1={0} x2={size.width} y1={size.pad} y2={size.pad} />
          <line
            className="readiness-trend-grid"
            x1={0}
            x2={size.width}
            y1={size.height - size.pad}
            y2={size.height - size.pad}
          />
          <line className="readiness-trend-bar" x1={0} x2={size.width} y1={barY} y2={barY} />
          {points.length > 1 ? (
            <polyline className="readiness-trend-line" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
          ) : null}
          {points.map((p) => (
            // A zero-length line with round caps: a dot that stays round while the chart stretches to its width.
            <line
              key={p.day}
              className={p.score >= threshold ? 'readiness-trend-dot is-ok' : 'readiness-trend-dot is-below'}
              x1={p.x}
              x2={p.x}
              y1={p.y}
              y2={p.y}
            >
              <title>{`${dayLabel(p.day)}: ${p.score}`}</title>
            </line>
          ))}
        </svg>
      </div>
      <figcaption className="readiness-trend-axis">
        <span>{first ? dayLabel(first.day) : ''}</span>
        <span className="readiness-trend-legend">
          <span className="readiness-trend-key" aria-hidden="true" /> your bar {threshold}
        </span>
        <span>{last && last !== first ? dayLabel(last.day) : ''}</span>
      </figcaption>
    </figure>
  );
}
