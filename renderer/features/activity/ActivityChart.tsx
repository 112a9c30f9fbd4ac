/**
 * "Actions per day, last 14 days": one column per day, stacked by how the actions went (failed or bad news at the
 * bottom, in red), every day shown with its date even when nothing happened. Plain HTML bars rather than a chart
 * library: 14 columns need no axes to compute, and an empty day can be drawn as one. Screen readers get the same
 * numbers as a table; the bars are hidden from them.
 */
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { plural } from '../../lib/format';
import { type ChartDay, CHART_DAYS, dayInWords, dayTones, toneWords, useActivityDays } from './activity-days';

function DayColumn({ day, max }: { day: ChartDay; max: number }) {
  const words = `${day.longLabel}: ${dayInWords(day)}`;
  return (
    <li className={`day-col${day.today ? ' is-today' : ''}`} title={words}>
      <div className="day-bar-area">
        {day.total === 0 ? (
          <div className="day-bar day-bar-empty" />
        ) : (
          <div className="day-bar" style={{ height: `${Math.max(4, (day.total / max) * 100)}%` }}>
            {dayTones.map((tone) =>
              day[tone] > 0 ? (
                <div key={tone} className={`day-seg day-seg-${tone}`} style={{ flexGrow: day[tone] }} />
              ) : null,
            )}
          </div>
        )}
      </div>
      <span className="day-count">{day.total > 0 ? day.total : ''}</span>
      <span className="day-label">{day.today ? 'Today' : day.label}</span>
    </li>
  );
}

function DaysTable({ days }: { days: readonly ChartDay[] }) {
  return (
    <table className="sr-only">
      <caption>Actions per day, last {CHART_DAYS} days, by how they went</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Actions</th>
          {dayTones.map((tone) => (
            <th key={tone} scope="col">
              {toneWords[tone]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day.start}>
            <th scope="row">{day.longLabel}</th>
            <td>{day.total}</td>
            {dayTones.map((tone) => (
              <td key={tone}>{day[tone]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ActivityChart() {
  const { days, error } = useActivityDays();
  const total = days?.reduce((n, d) => n + d.total, 0) ?? 0;
  const most = Math.max(0, ...(days ?? []).map((d) => d.total));
  return (
    <Card
      title={`Actions per day, last ${CHART_DAYS} days`}
      meta={days === null ? undefined : `${plural(total, 'action')}${most > 0 ? ` · most in a day: ${most}` : ''}`}
    >
      {days === null ? (
        error ? (
          <p className="card-note">
            Could not count the journal’s actions by day: {error}. It tries again as actions come in.
          </p>
        ) : (
          <Skeleton height={150} label="Loading chart…" />
        )
      ) : (
        <figure
          className="day-chart"
          aria-label={`Actions per day over the last ${CHART_DAYS} days: ${plural(total, 'action')}`}
        >
          <ol className="day-cols" aria-hidden="true">
            {days.map((day) => (
              <DayColumn key={day.start} day={day} max={Math.max(1, most)} />
            ))}
          </ol>
          <figcaption className="day-legend">
            {dayTones.map((tone) => (
              <span key={tone} className="day-legend-item">
                <span className={`day-swatch day-seg-${tone}`} aria-hidden="true" />
                {toneWords[tone]}
              </span>
            ))}
          </figcaption>
          <DaysTable days={days} />
        </figure>
      )}
    </Card>
  );
}
