/**
 * The daily spend chart with its controls: split by service or by a tag key, over this month or up to the 13 months
 * Cost Explorer keeps, one group alone or all of them, and an HTML legend (totals per group, what hatched bars and
 * dashed lines mean). Unusual spend is banded on the chart and listed under it in words.
 */
import { useId, useMemo, useRef } from 'react';
import { Card } from '../../components/Card';
import { CostChartFigure } from './CostChartFigure';
import { Skeleton } from '../../components/Skeleton';
import { type CostAnomaly, type CostScreen } from '../../../shared/model/cost';
import { useStore } from '../../store';
import { setCostFilter, setCostGroupBy, setCostMonths } from './actions';
import { onlyKey, toChartData } from './chart-data';
import { notAvailable } from './availability';
import { plural } from '../../lib/format';
import { dayLabel, groupLabel, money } from './cost-format';
import { CostPickersButton, CostPickersError, CostPickersProblems } from './CostPickersButton';
import { otherTagKeys } from './picker-choices';
import {
  selectCostFilter,
  selectCostGroupBy,
  selectCostMonths,
  selectCostPickers,
  selectCostTagKeys,
} from './selectors';

export const rangeOptions = [
  { months: 1, label: 'This month' },
  { months: 3, label: 'Last 3 months' },
  { months: 6, label: 'Last 6 months' },
  { months: 14, label: '13 months + this one' },
] as const;

/**
 * Split by: the service, a tag key the workspace declares, or — once the user has asked Cost Explorer for them
 * (it costs requests, so never on its own) — any other tag key of the account, in a group of its own.
 */
function GroupBySelect() {
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const groupBy = useStore(selectCostGroupBy);
  const tagKeys = useStore(selectCostTagKeys);
  const pickers = useStore(selectCostPickers);
  const others = useMemo(() => otherTagKeys(pickers, tagKeys, groupBy), [pickers, tagKeys, groupBy]);
  const value = groupBy.kind === 'service' ? 'service' : `tag:${groupBy.key}`;
  const found = pickers ? pickers.tagKeys.filter((k) => !tagKeys.includes(k)).length : null;
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        Split by
      </label>
      <select
        ref={selectRef}
        id={id}
        className="select"
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          void setCostGroupBy(next === 'service' ? { kind: 'service' } : { kind: 'tag', key: next.slice(4) });
        }}
      >
        <option value="service">Service</option>
        {tagKeys.map((key) => (
          <option key={key} value={`tag:${key}`}>
            Tag: {key}
          </option>
        ))}
        {others.length > 0 ? (
          <optgroup label="More tag keys from AWS">
            {others.map((key) => (
              <option key={key} value={`tag:${key}`}>
                Tag: {key}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {pickers ? null : (
        <CostPickersButton label="More tag keys from AWS…" onLoaded={() => selectRef.current?.focus()} />
      )}
      <span role="status" className={found === null ? 'sr-only' : 'cost-pickers-found'}>
        {found === null ? '' : found === 0 ? 'No other tag keys in AWS' : `+${plural(found, 'tag key')} from AWS`}
      </span>
    </div>
  );
}

function RangeSelect() {
  const id = useId();
  const months = useStore(selectCostMonths);
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        Range
      </label>
      <select id={id} className="select" value={months} onChange={(e) => void setCostMonths(Number(e.target.value))}>
        {rangeOptions.map((o) => (
          <option key={o.months} value={o.months}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The select's value for "all" ("=" prefixes a group key, so the untagged "" stays distinct). */
const ALL = '*';

/** "All services" or one of them (split by a tag: "All values of env" or one value). */
function FilterSelect({ keys }: { keys: readonly string[] }) {
  const id = useId();
  const filter = useStore(selectCostFilter);
  const groupBy = useStore(selectCostGroupBy);
  const all = groupBy.kind === 'tag' ? `All values of ${groupBy.key}` : 'All services';
  // A link may name a group this period has no spend for: the select still says what the chart shows.
  const options = filter !== null && !keys.includes(filter) ? [...keys, filter] : keys;
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        Show
      </label>
      <select
        id={id}
        className="select cost-filter-select"
        value={filter === null ? ALL : `=${filter}`}
        onChange={(e) => setCostFilter(e.target.value === ALL ? null : e.target.value.slice(1))}
      >
        <option value={ALL}>{all}</option>
        {options.map((key) => (
          <option key={key} value={`=${key}`}>
            {groupLabel(key)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Unusual spend in the period, in words: the chart's bands say where, this list says who and how much. */
export function AnomalyList({ anomalies }: { anomalies: readonly CostAnomaly[] }) {
  if (anomalies.length === 0) return null;
  return (
    <section className="cost-anomalies" aria-label="Unusual spend">
      <p className="cost-anomalies-title">
        <span className="cost-anomaly-key" aria-hidden="true" />
        Unusual spend ({anomalies.length})
      </p>
      <ul>
        {anomalies.map((a) => (
          <li key={a.id}>
            <strong>{groupLabel(a.key)}</strong>: {a.message}
            {a.ongoing ? <span className="badge cost-anomaly-ongoing">still running</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const CHART_HEIGHT = 280;

interface ChartCardProps {
  screen: CostScreen | null;
  loading: boolean;
  /** Why the figures could not be read: said instead of "No spend recorded". */
  unavailable?: string | null;
}

export function CostChartCard({ screen, loading, unavailable = null }: ChartCardProps) {
  const filter = useStore(selectCostFilter);
  const anomalies = useMemo(
    () => (screen?.anomalies ?? []).filter((a) => filter === null || a.key === filter),
    [screen, filter],
  );
  const data = useMemo(
    () =>
      screen
        ? toChartData(filter === null ? screen.series : onlyKey(screen.series, filter), screen.markers, anomalies)
        : null,
    [screen, filter, anomalies],
  );
  // Before the first answer the title follows the grouping asked for, so it does not change when the answer lands.
  const chosen = useStore(selectCostGroupBy);
  const groupBy = screen?.series.groupBy ?? chosen;
  const shown = filter === null ? '' : `, ${groupLabel(filter)} only`;
  const title = groupBy?.kind === 'tag' ? `Daily spend by tag ${groupBy.key}` : 'Daily spend by service';
  const currency = data?.currency ?? 'USD';
  const period = screen ? periodText(screen.series.from, lastDay(screen.series.to)) : undefined;
  return (
    <Card
      title={title}
      className="cost-chart-card"
      meta={
        data && period
          ? unavailable !== null && data.series.length === 0
            ? period
            : `${period} · ${money(data.total, currency)}${shown}`
          : undefined
      }
      actions={
        <>
          <GroupBySelect />
          <FilterSelect keys={screen?.series.keys ?? []} />
          <RangeSelect />
        </>
      }
    >
      <CostPickersError what="the account's tag keys" />
      <CostPickersProblems />
      {!data ? (
        <Skeleton height={CHART_HEIGHT} label="Loading the chart…" />
      ) : data.series.length === 0 ? (
        unavailable !== null ? (
          <p className="cost-unavailable cost-chart-empty">{notAvailable(unavailable)}</p>
        ) : (
          <p className="muted cost-chart-empty">
            {filter === null
              ? 'No spend recorded in this period.'
              : `No spend by ${groupLabel(filter)} in this period.`}
          </p>
        )
      ) : (
        <div className={loading ? 'cost-chart is-loading' : 'cost-chart'} aria-busy={loading}>
          <CostChartFigure
            data={data}
            currency={currency}
            height={CHART_HEIGHT}
            label={`${title}${shown}, ${period}: ${money(data.total, currency)} in total over ${plural(data.rows.length, 'day')}; largest: ${data.series
              .slice(0, 3)
              .map((s) => `${s.label} ${money(s.total, currency)}`)
              .join(
                ', ',
              )}.${data.anomalies.length ? ` Unusual spend: ${data.anomalies.map((a) => a.label).join(', ')}.` : ''}`}
          />
          <AnomalyList anomalies={anomalies} />
          <p className="cost-chart-notes">
            {data.estimatedDays > 0 ? (
              <span>
                <span className="cost-swatch cost-swatch-estimated" aria-hidden="true" />
                Hatched: {plural(data.estimatedDays, 'day')} AWS still marks as estimated (may change)
              </span>
            ) : null}
            {data.markers.length > 0 ? (
              <span>
                <span className="cost-marker-key" aria-hidden="true" />
                {plural(
                  data.markers.reduce((n, m) => n + m.count, 0),
                  'deploy',
                )}
                : {data.markers.map((m) => `${m.label} ${m.text}`).join(' · ')}
              </span>
            ) : (
              <span className="muted">No deploys recorded in this period.</span>
            )}
            <span className="muted">Days are UTC, as Cost Explorer counts them.</span>
          </p>
        </div>
      )}
    </Card>
  );
}

/** "Nov 1 – Nov 22", or with years when the period crosses one: "Oct 1, 2025 – Nov 22, 2026". */
function periodText(from: string, to: string): string {
  const years = from.slice(0, 4) !== to.slice(0, 4);
  return `${dayLabel(from, years)} – ${dayLabel(to, years)}`;
}

function lastDay(exclusiveEnd: string): string {
  const d = new Date(`${exclusiveEnd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
