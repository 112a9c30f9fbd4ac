/** The entries under the chart as a dense list: newest first, one group per day, each row leading where it links. */
import { type TimelineEntry, timelineKindTitles } from '../../../shared/model/timeline';
import { StatusPill, type Tone } from '../../components/StatusPill';
import { formatAbsolute } from '../../lib/format';
import { groupByDay, hrefForEntry, outcomeOf, timeOfDay } from './timeline-chart-model';

const tones: Record<TimelineEntry['tone'], Tone> = { ok: 'ok', warn: 'warn', bad: 'bad', info: 'idle' };

function Row({ entry }: { entry: TimelineEntry }) {
  const href = hrefForEntry(entry);
  const outcome = outcomeOf(entry);
  const where = [entry.service, entry.environment].filter(Boolean).join(' in ');
  return (
    <li className="tl-row">
      <time className="tl-row-time mono" dateTime={entry.at} title={formatAbsolute(entry.at)}>
        {timeOfDay(Date.parse(entry.at))}
      </time>
      <span className="tl-row-kind">
        <StatusPill tone={tones[entry.tone]}>{timelineKindTitles[entry.kind]}</StatusPill>
      </span>
      <span className="tl-row-body">
        {href ? (
          <a href={href} className="cell-strong">
            {entry.title}
          </a>
        ) : (
          <span className="cell-strong">{entry.title}</span>
        )}
        {entry.practice ? <span className="badge tl-row-practice">practice</span> : null}
        <span className="cell-sub">{[where, outcome, entry.detail].filter(Boolean).join(' · ')}</span>
      </span>
    </li>
  );
}

export function TimelineList({ entries, now }: { entries: TimelineEntry[]; now: number }) {
  return (
    <div className="tl-list">
      {groupByDay(entries, now).map((group) => (
        <section key={group.day} className="tl-day" aria-label={group.label}>
          <h3 className="tl-day-title">{group.label}</h3>
          <ol className="tl-rows">
            {group.entries.map((entry) => (
              <Row key={entry.id} entry={entry} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
