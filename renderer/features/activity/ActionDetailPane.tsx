import { type JournalEntry } from '../../../shared/model/journal';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { ActionStatusPill } from '../../components/StatusPill';
import { formatAbsolute, formatElapsed } from '../../lib/format';
import { useStore } from '../../store';
import { selectAction } from '../../store/actions';
import { selectDetail, selectSelectedId } from '../../store/selectors';
import { entryData } from './entries';

function Entry({ entry }: { entry: JournalEntry }) {
  const data = entryData(entry);
  return (
    <li className={`entry entry-${entry.phase}`}>
      <div className="entry-head">
        <span className="entry-phase">{entry.phase}</span>
        <time className="entry-time" dateTime={entry.at} title={formatAbsolute(entry.at)}>
          {new Date(entry.at).toLocaleTimeString()}
        </time>
      </div>
      {entry.phase === 'output' ? (
        <pre className="entry-output">{entry.message}</pre>
      ) : (
        <p className="entry-message">{entry.message}</p>
      )}
      {data ? <pre className="entry-data">{data}</pre> : null}
    </li>
  );
}

/** Every entry of the selected action: intent, steps, output (monospace) and result, live while it runs. */
export function ActionDetailPane() {
  const selectedId = useStore(selectSelectedId);
  const detail = useStore(selectDetail);
  const action = detail?.action;
  return (
    <Card
      className="detail"
      title={action ? action.title : 'Action'}
      actions={
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void selectAction(null)}>
          Close details
        </button>
      }
    >
      {!detail || detail.action.id !== selectedId || !action ? (
        <Skeleton lines={5} label="Loading the action…" />
      ) : (
        <>
          <dl className="facts facts-compact">
            <dt>Status</dt>
            <dd>
              <ActionStatusPill status={action.status} />
            </dd>
            <dt>Kind</dt>
            <dd className="mono">{action.kind}</dd>
            {action.target ? (
              <>
                <dt>Target</dt>
                <dd className="mono">{action.target}</dd>
              </>
            ) : null}
            <dt>Actor</dt>
            <dd>{action.actor}</dd>
            <dt>Started</dt>
            <dd>
              <RelativeTime iso={action.startedAt} />{' '}
              <span className="muted">({formatAbsolute(action.startedAt)})</span>
            </dd>
            <dt>Duration</dt>
            <dd>{action.status === 'running' ? 'running' : formatElapsed(action.durationMs)}</dd>
            {action.summary ? (
              <>
                <dt>Result</dt>
                <dd>{action.summary}</dd>
              </>
            ) : null}
          </dl>
          <h3 className="section-label">Entries</h3>
          {detail.entries.length === 0 ? (
            <p className="muted">No entries were written.</p>
          ) : (
            <ol className="entries" aria-label="Journal entries">
              {detail.entries.map((e) => (
                <Entry key={e.seq} entry={e} />
              ))}
            </ol>
          )}
        </>
      )}
    </Card>
  );
}
