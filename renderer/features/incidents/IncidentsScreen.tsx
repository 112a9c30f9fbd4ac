/**
 * Incidents: the real figures for 30 and 90 days, every incident (open first, with its clock running; resolved
 * ones newest first, with their time to detect, acknowledge and recover), the action items still open, and the
 * drills' practice incidents apart. `#/incidents/<id>` opens one incident's page.
 */
import { useSyncExternalStore } from 'react';
import { type IncidentsList } from '../../../shared/api/incidents';
import { type IncidentStats, type IncidentSummary } from '../../../shared/model/incidents';
import { Card } from '../../components/Card';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { RelativeTime } from '../../components/RelativeTime';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { formatElapsed, plural } from '../../lib/format';
import { useClock } from '../../components/now';
import { IncidentClock, IncidentStatus, PracticeBadge } from './IncidentBits';
import { dueText, figureText, incidentHref, incidentIdFromHash, isOverdue, splitPractice } from './incident-format';
import { IncidentPage } from './IncidentPage';
import { useIncidents } from './store';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useIncidentInHash(): string | null {
  return useSyncExternalStore(subscribeHash, () => incidentIdFromHash(window.location.hash));
}

function recoverCell(i: IncidentSummary) {
  if (i.status === 'open') return <IncidentClock incident={i} />;
  return figureText(i.figures.recoverMs, '—');
}

const columns: Column<IncidentSummary>[] = [
  { key: 'status', header: 'Status', render: (i) => <IncidentStatus incident={i} /> },
  {
    key: 'incident',
    header: 'Incident',
    render: (i) => (
      <>
        <a href={incidentHref(i.id)} className="cell-strong">
          {i.title}
        </a>
        {i.drillId ? <PracticeBadge /> : null}
        <span className="cell-sub">{i.cause ?? 'cause not known yet'}</span>
      </>
    ),
  },
  { key: 'started', header: 'Started', kind: 'nowrap', render: (i) => <RelativeTime iso={i.startedAt} /> },
  {
    key: 'detect',
    header: 'Time to detect',
    kind: 'num',
    render: (i) => figureText(i.figures.detectMs, i.status === 'open' ? 'no alert yet' : '—'),
  },
  {
    key: 'ack',
    header: 'Time to acknowledge',
    kind: 'num',
    render: (i) =>
      i.figures.acknowledgeMs === null && i.status === 'open' ? (
        <span className="text-bad">not yet</span>
      ) : (
        figureText(i.figures.acknowledgeMs, '—')
      ),
  },
  { key: 'recover', header: 'Time to recover', kind: 'num', render: recoverCell },
];

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="incident-stat" title={hint}>
      <span className="incident-stat-label">{label}</span>
      <span className="incident-stat-value">{value}</span>
    </div>
  );
}

function StatsRow({ stats, label }: { stats: IncidentStats; label: string }) {
  return (
    <div className="incident-stats-row" role="group" aria-label={label}>
      <span className="incident-stats-window">{`Last ${stats.windowDays} days`}</span>
      <Stat label="Incidents" value={String(stats.incidents)} hint="Real incidents that started in the window" />
      <Stat label="MTTD" value={formatElapsed(stats.mttdMs)} hint="Mean time to detect: first failing sample → alert" />
      <Stat label="MTTA" value={formatElapsed(stats.mttaMs)} hint="Mean time to acknowledge: alert → “I’m on it”" />
      <Stat
        label="MTTR"
        value={formatElapsed(stats.mttrMs)}
        hint="Mean time to recover: first failing sample → healthy"
      />
    </div>
  );
}

function FiguresCard({ list }: { list: IncidentsList }) {
  return (
    <Card title="Real figures" meta="Means over real incidents; drills are never counted here">
      <div className="incident-stats">
        <StatsRow stats={list.stats.last30} label="Real figures, last 30 days" />
        <StatsRow stats={list.stats.last90} label="Real figures, last 90 days" />
      </div>
    </Card>
  );
}

function OpenActionItems({ list }: { list: IncidentsList }) {
  const now = useClock(false);
  const items = list.openActionItems;
  return (
    <Card title="Open action items" meta={plural(items.length, 'item')}>
      {items.length === 0 ? (
        <p className="muted">No action item is waiting. Post-mortems list theirs here until they are done.</p>
      ) : (
        <ul className="incident-open-items" aria-label="Open action items">
          {items.map((item) => (
            <li key={`${item.incidentId}/${item.id}`}>
              <span className="cell-strong">{item.text}</span>
              <span className="muted">
                {' '}
                · {item.owner ?? 'no owner'} ·{' '}
                <span className={isOverdue(item, now) ? 'text-bad' : undefined}>{dueText(item, now)}</span> ·{' '}
                <a href={incidentHref(item.incidentId)}>{item.incidentTitle}</a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function PracticeCard({ incidents, list }: { incidents: IncidentSummary[]; list: IncidentsList }) {
  const p = list.practiceStats.last90;
  return (
    <Card
      title="Practice (drills)"
      meta={`${plural(p.incidents, 'drill incident')} in 90 days · mean detect ${formatElapsed(p.mttdMs)} · mean recover ${formatElapsed(p.mttrMs)}`}
      className="incident-practice"
      flush
    >
      <DataTable
        caption="Practice incidents caused by rollback drills, never in the real figures"
        columns={columns}
        rows={incidents}
        rowKey={(i) => i.id}
      />
    </Card>
  );
}

function IncidentsOverview() {
  const list = useIncidents((s) => s.list);
  const error = useIncidents((s) => s.error);
  if (!list) return error ? <p className="text-warn">Could not read the incidents: {error}</p> : <Skeleton lines={6} />;
  const { real, practice } = splitPractice(list.incidents);
  const open = real.filter((i) => i.status === 'open').length;
  return (
    <div className="stack">
      <FiguresCard list={list} />
      <Card
        title="Real incidents"
        meta={open > 0 ? `${plural(open, 'open incident')} · open first` : 'Newest first'}
        className="incident-list"
        flush={real.length > 0}
      >
        {real.length === 0 ? (
          <EmptyState title="No incident yet">
            A critical check going down opens an incident for its service and environment; it closes itself when the
            service is healthy again.
          </EmptyState>
        ) : (
          <DataTable caption="Incidents, open first" columns={columns} rows={real} rowKey={(i) => i.id} />
        )}
      </Card>
      <OpenActionItems list={list} />
      {practice.length > 0 ? <PracticeCard incidents={practice} list={list} /> : null}
    </div>
  );
}

export function IncidentsScreen() {
  const id = useIncidentInHash();
  return (
    <>
      <ScreenHeader
        title="Incidents"
        lead="Every time a service went down: how long it took to notice, to respond and to recover."
      />
      {id ? <IncidentPage id={id} /> : <IncidentsOverview />}
    </>
  );
}

export default IncidentsScreen;
