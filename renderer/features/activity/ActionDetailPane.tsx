import { Fragment } from 'react';
import { type JournalAction, type JournalEntry } from '../../../shared/model/journal';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { formatAbsolute, formatElapsed } from '../../lib/format';
import { useStore } from '../../store';
import { selectAction } from '../../store/actions';
import { selectDetail, selectSelectedId } from '../../store/selectors';
import { ActionResultPill } from './ActionResultPill';
import { detailFields, hasRawData } from './detail-fields';
import { entryData } from './entries';

const phaseWords: Record<JournalEntry['phase'], string> = {
  intent: 'Began',
  step: 'Step',
  output: 'Output',
  result: 'Ended',
};

/** One line of the action's log: its time, what kind of line, and the words (command output in monospace). */
function LogLine({ entry }: { entry: JournalEntry }) {
  return (
    <li className={`entry entry-${entry.phase}`}>
      <div className="entry-head">
        <time className="entry-time" dateTime={entry.at} title={formatAbsolute(entry.at)}>
          {new Date(entry.at).toLocaleTimeString()}
        </time>
        <span className="entry-phase">{phaseWords[entry.phase]}</span>
      </div>
      {entry.phase === 'output' ? (
        <pre className="entry-output">{entry.message}</pre>
      ) : (
        <p className="entry-message">{entry.message}</p>
      )}
    </li>
  );
}

/** Every entry's data as the journal stored it (already redacted), for the curious; closed by default. */
function RawData({ entries }: { entries: readonly JournalEntry[] }) {
  if (!hasRawData(entries)) return null;
  return (
    <details className="raw-data">
      <summary>Raw data</summary>
      {entries.map((entry) => {
        const data = entryData(entry);
        return data ? (
          <div key={entry.seq}>
            <p className="raw-data-label">
              {phaseWords[entry.phase]}: {entry.message}
            </p>
            <pre className="entry-data">{data}</pre>
          </div>
        ) : null;
      })}
    </details>
  );
}

/** What, where, who, when, how long and how it went, then what the action's data said, as labelled rows. */
export function ActionFacts({ action, entries }: { action: JournalAction; entries: readonly JournalEntry[] }) {
  const fields = detailFields(action, entries);
  return (
    <>
      <dl className="facts facts-compact">
        <dt>Result</dt>
        <dd>
          <ActionResultPill action={action} />
        </dd>
        {action.summary ? (
          <>
            <dt>In words</dt>
            <dd>{action.summary}</dd>
          </>
        ) : null}
        <dt>What</dt>
        <dd>
          {action.title} <span className="muted mono">({action.kind})</span>
        </dd>
        {action.target ? (
          <>
            <dt>Target</dt>
            <dd className="mono">{action.target}</dd>
          </>
        ) : null}
        <dt>Who</dt>
        <dd>{action.actor}</dd>
        <dt>When</dt>
        <dd>
          <RelativeTime iso={action.startedAt} /> <span className="muted">({formatAbsolute(action.startedAt)})</span>
        </dd>
        <dt>How long</dt>
        <dd>{action.status === 'running' ? 'still running' : formatElapsed(action.durationMs)}</dd>
      </dl>
      {fields.length > 0 ? (
        <>
          <h3 className="section-label">Details</h3>
          <dl className="facts facts-compact">
            {fields.map((field) => (
              <Fragment key={field.label}>
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      ) : null}
    </>
  );
}

/** The selected action in words, its log live while it runs, and the raw data behind a disclosure. */
export function ActionDetailPane() {
  const selectedId = useStore(selectSelectedId);
  const detail = useStore(selectDetail);
  const action = detail?.action;
  return (
    <Card
      className="detail activity-detail"
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
          <ActionFacts action={action} entries={detail.entries} />
          <h3 className="section-label">Log</h3>
          {detail.entries.length === 0 ? (
            <p className="muted">No entries were written.</p>
          ) : (
            <ol className="entries" aria-label="What the action wrote, in order">
              {detail.entries.map((e) => (
                <LogLine key={e.seq} entry={e} />
              ))}
            </ol>
          )}
          <RawData entries={detail.entries} />
        </>
      )}
    </Card>
  );
}
