import { type JournalAction } from '../../../shared/model/journal';
import { BreakableText } from '../../components/BreakableText';
import { type Column, DataTable } from '../../components/DataTable';
import { RelativeTime } from '../../components/RelativeTime';
import { formatElapsed } from '../../lib/format';
import { useStore } from '../../store';
import { selectAction } from '../../store/actions';
import { selectSelectedId } from '../../store/selectors';
import { ActionResultPill, resultWords } from './ActionResultPill';

const columns: Column<JournalAction>[] = [
  { key: 'status', header: 'Status', render: (a) => <ActionResultPill action={a} />, width: '150px' },
  {
    key: 'title',
    header: 'Title',
    render: (a) => (
      <>
        <span className="cell-strong">{a.title}</span>
        {a.summary ? <span className="cell-sub">{a.summary}</span> : null}
      </>
    ),
  },
  { key: 'kind', header: 'Kind', kind: 'mono', render: (a) => <span className="nowrap">{a.kind}</span> },
  {
    key: 'target',
    header: 'Target',
    kind: 'mono',
    render: (a) => (a.target ? <BreakableText text={a.target} /> : <span className="muted">—</span>),
  },
  { key: 'actor', header: 'Actor', render: (a) => a.actor },
  { key: 'started', header: 'Started', kind: 'nowrap', render: (a) => <RelativeTime iso={a.startedAt} /> },
  {
    key: 'duration',
    header: 'Duration',
    kind: 'num',
    render: (a) => (a.status === 'running' ? <span className="muted">running</span> : formatElapsed(a.durationMs)),
  },
];

/** With the detail pane open the list is narrow: kind and target move under the title. */
const compactColumns: Column<JournalAction>[] = [
  columns[0] as Column<JournalAction>,
  {
    key: 'title',
    header: 'Action',
    render: (a) => (
      <>
        <span className="cell-strong">{a.title}</span>
        <span className="cell-sub mono">
          {a.kind}
          {a.target ? (
            <>
              {' · '}
              <BreakableText text={a.target} />
            </>
          ) : null}
        </span>
      </>
    ),
  },
  { key: 'started', header: 'Started', kind: 'nowrap', render: (a) => <RelativeTime iso={a.startedAt} /> },
];

export function ActionsTable({ actions }: { actions: JournalAction[] }) {
  const selectedId = useStore(selectSelectedId);
  return (
    <DataTable
      caption="Journal actions, newest first"
      columns={selectedId ? compactColumns : columns}
      rows={actions}
      rowKey={(a) => a.id}
      onSelect={(a) => void selectAction(a.id === selectedId ? null : a.id)}
      selectedKey={selectedId}
      rowLabel={(a) => `${a.title}, ${resultWords(a)}`}
    />
  );
}
