/**
 * Past rollback drills, newest first, with their time to detect and to recover, each opening its report; and the
 * trend of those two across drills against the targets. Practice only: none of this counts in DORA.
 */
import { type RollbackDrillSummary } from '../../../shared/model/drills';
import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { formatAbsolute, formatElapsed, plural } from '../../lib/format';
import {
  drillStatusTone,
  drillStatusWords,
  measureMs,
  rollbackDrillHref,
  trendRows,
  trendTargets,
} from './rollback-format';
import { useRollbackDrills } from './rollback-store';
import { DrillTrendChart } from './RollbackTrend';

function Measured({ drill, id }: { drill: RollbackDrillSummary; id: 'detect' | 'recover' }) {
  const m = drill.measures.find((x) => x.id === id);
  const ms = measureMs(drill.measures, id);
  if (ms === null) return <span className="muted">—</span>;
  return (
    <span className={m?.met === false ? 'text-bad' : undefined}>
      {formatElapsed(ms)}
      {m?.met === true ? ' ✓' : m?.met === false ? ' ✗' : ''}
    </span>
  );
}

const columns: Column<RollbackDrillSummary>[] = [
  {
    key: 'when',
    header: 'When',
    kind: 'nowrap',
    render: (d) => <RelativeTime iso={d.startedAt} />,
  },
  {
    key: 'service',
    header: 'Service',
    render: (d) => (
      <>
        <span className="cell-strong mono nowrap">{d.service}</span>
        <span className="cell-sub">{d.environment}</span>
      </>
    ),
  },
  { key: 'who', header: 'By', render: (d) => (d.auto ? `${d.actor} (first launch)` : d.actor) },
  {
    key: 'status',
    header: 'Status',
    render: (d) => <StatusPill tone={drillStatusTone[d.status]}>{drillStatusWords[d.status]}</StatusPill>,
  },
  { key: 'detect', header: 'Time to detect', kind: 'num', render: (d) => <Measured drill={d} id="detect" /> },
  { key: 'recover', header: 'Time to recover', kind: 'num', render: (d) => <Measured drill={d} id="recover" /> },
  {
    key: 'report',
    header: 'Report',
    render: (d) => (
      <a
        href={rollbackDrillHref(d.id)}
        aria-label={`${d.status === 'running' ? 'Follow' : 'Report of'} the rollback drill of ${d.service}, ${formatAbsolute(d.startedAt)}`}
      >
        {d.status === 'running' ? 'Follow' : 'Report'}
      </a>
    ),
  },
];

export function RollbackHistory() {
  const history = useRollbackDrills((s) => s.overview?.history);
  if (!history) return null;
  const rows = trendRows(history);
  return (
    <Card
      title="Rollback drills"
      meta={`${plural(history.length, 'drill')} · practice: never counted in DORA`}
      className="rollback-history"
    >
      {history.length === 0 ? (
        <p className="muted">No rollback drill has run yet. Press “Practise rollback” above to run the first.</p>
      ) : (
        <>
          <DataTable caption="Rollback drills, newest first" columns={columns} rows={history} rowKey={(d) => d.id} />
          {rows.length > 0 ? (
            <figure className="drill-trend" aria-label="Time to detect and time to recover across drills">
              <figcaption className="section-label">Time to detect and to recover, drill by drill</figcaption>
              <DrillTrendChart rows={rows} targets={trendTargets(history)} />
            </figure>
          ) : null}
        </>
      )}
    </Card>
  );
}
