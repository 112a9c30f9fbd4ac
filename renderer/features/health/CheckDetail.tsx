/**
 * One check up close, right under its row in the checks table: its uptime over 24 h / 7 d / 30 d (time nobody
 * watched left out, and said), its status and latency over the chosen range, with "not watched" stretches shaded
 * and a marker at each deploy — so "did it break after the deploy?" is one glance. The words show at once; the
 * charts follow when their code has loaded.
 */
import { useMemo } from 'react';
import { type CheckRow, type HealthRange, healthRanges } from '../../../shared/model/health';
import { Card } from '../../components/Card';
import { HealthLatencyChart, HealthStatusChart } from '../../components/charts/HealthCharts';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { RunbookOffer } from '../runbooks/RunbookOffer';
import { runbooksForCheck } from '../runbooks/runbook-view';
import { useRunbooks } from '../runbooks/store';
import { type HealthSeriesState } from '../../store/health-slice';
import { setHealthRange } from './actions';
import { closeCheckDetail } from './detail-state';
import { chartData, resolutionWords } from './chart-data';
import { formatSpan, formatUptime, statusWord, toneOf, uptimeNote } from './health-format';
import { selectHealthRange, selectHealthSeries, selectHealthSeriesError, selectHealthSeriesLoading } from './selectors';

const rangeLabels: Record<HealthRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };

function RangeSwitch() {
  const range = useStore(selectHealthRange);
  return (
    <div className="segmented" role="group" aria-label="Chart range">
      {healthRanges.map((r) => (
        <button
          key={r}
          type="button"
          className={r === range ? 'segment is-active' : 'segment'}
          aria-pressed={r === range}
          onClick={() => void setHealthRange(r)}
        >
          {rangeLabels[r]}
        </button>
      ))}
    </div>
  );
}

function Uptimes({ check }: { check: CheckRow }) {
  const windows = [
    ['24 h', check.uptime.day],
    ['7 d', check.uptime.week],
    ['30 d', check.uptime.month],
  ] as const;
  return (
    <dl className="uptimes">
      {windows.map(([label, u]) => (
        <div key={label} className="uptime">
          <dt>Uptime {label}</dt>
          <dd className="uptime-value num">{formatUptime(u.percent)}</dd>
          <dd className="uptime-note">{u.percent === null ? 'nothing watched yet' : uptimeNote(u)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Charts({ shown, check }: { shown: HealthSeriesState; check: CheckRow }) {
  const data = useMemo(() => chartData(shown), [shown]);
  const empty = shown.series.points.length === 0;
  const label = `${check.checkId}${check.host ? ` on ${check.host}` : ''} in ${check.environment}`;
  return (
    <>
      <figure className="health-figure" aria-label={`Status of ${label} over the last ${rangeLabels[shown.range]}`}>
        <figcaption className="health-figcaption">Status</figcaption>
        <HealthStatusChart data={data} height={44} />
      </figure>
      <figure className="health-figure" aria-label={`Latency of ${label} over the last ${rangeLabels[shown.range]}`}>
        <figcaption className="health-figcaption">
          Latency{data.aggregated ? ' (average, and p95 dashed)' : ''}
        </figcaption>
        {empty ? (
          <p className="muted health-empty">
            No results in this range yet: the check runs every {formatSpan(check.everyMs)}.
          </p>
        ) : (
          <HealthLatencyChart data={data} height={190} />
        )}
      </figure>
      <p className="health-legend">
        <span>
          <span className="legend-swatch legend-ok" aria-hidden="true" /> up
        </span>
        <span>
          <span className="legend-swatch legend-warn" aria-hidden="true" /> degraded
        </span>
        <span>
          <span className="legend-swatch legend-bad" aria-hidden="true" /> down
        </span>
        <span>
          <span className="legend-swatch legend-gap" aria-hidden="true" /> not watched (asleep or closed)
        </span>
        <span>▲ deploy ({shown.markers.length} in range)</span>
        <span className="muted">
          {resolutionWords(shown.series)}
          {data.watchedSince !== null ? ` · history starts ${data.when(data.watchedSince)}` : ''}
        </span>
      </p>
    </>
  );
}

export function CheckDetail({ check, watching }: { check: CheckRow | null; watching: boolean }) {
  const shown = useStore(selectHealthSeries);
  const loading = useStore(selectHealthSeriesLoading);
  const error = useStore(selectHealthSeriesError);
  const runbooks = useRunbooks((s) => s.list);
  if (!check) return null;
  const current = shown && shown.key === check.key ? shown : null;
  const name = `${check.checkId}${check.host ? ` on ${check.host}` : ''} in ${check.environment}`;
  return (
    <Card
      title={`${check.checkId}${check.host ? ` on ${check.host}` : ''} · ${check.service} · ${check.environment}`}
      meta={
        <>
          <StatusPill tone={toneOf(check.status)}>{statusWord(check.status, watching)}</StatusPill>{' '}
          <span className="health-detail-sub">
            {check.subject} · every {formatSpan(check.everyMs)}
            {check.everyFailingMs < check.everyMs
              ? `, every ${formatSpan(check.everyFailingMs)} while failing`
              : ''} ·{' '}
            {check.retries === 0
              ? 'no retries'
              : `${check.retries} ${check.retries === 1 ? 'retry' : 'retries'} before down`}
          </span>
        </>
      }
      actions={
        <>
          <RangeSwitch />
          <button
            type="button"
            className="btn btn-xs btn-ghost"
            onClick={(event) => {
              // Focus goes back to the row, as Escape leaves it.
              const row = event.currentTarget.closest('tr')?.previousElementSibling;
              if (row instanceof HTMLElement) row.focus();
              closeCheckDetail(check.key);
            }}
            aria-label={`Close the history of ${name}`}
          >
            Close
          </button>
        </>
      }
      className="health-detail"
    >
      {/* Offered while the check fails: what to do is one button away. */}
      {check.status === 'down' || check.status === 'degraded' ? (
        <RunbookOffer runbooks={runbooksForCheck(runbooks, check)} environment={check.environment} />
      ) : null}
      <Uptimes check={check} />
      {error && !current ? <p className="text-warn">{error}</p> : null}
      {current ? (
        <Charts shown={current} check={check} />
      ) : loading ? (
        <Skeleton height={250} label="Loading history…" />
      ) : null}
    </Card>
  );
}
