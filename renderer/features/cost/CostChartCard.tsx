/**
 * The daily spend chart with its controls: split by service or by a tag key, over this month or up to the 13 months
 * Cost Explorer keeps, and an HTML legend (totals per group, what hatched bars and dashed lines mean).
 */
import { useId, useMemo, useRef } from 'react';
import { Card } from '../../components/Card';
import { CostStackedChart } from '../../components/charts/CostCharts';
import { seriesColour } from '../../components/charts/CostChartTypes';
import { Skeleton } from '../../components/Skeleton';
import { type CostScreen } from '../../../shared/model/cost';
import { useStore } from '../../store';
import { setCostGroupBy, setCostMonths } from './actions';
import { toChartData } from './chart-data';
import { plural } from '../../lib/format';
import { dayLabel, longDayLabel, money, moneyCompact } from './cost-format';
import { CostPickersButton, CostPickersError, CostPickersProblems } from './CostPickersButton';
import { otherTagKeys } from './picker-choices';
import { selectCostGroupBy, selectCostMonths, selectCostPickers, selectCostTagKeys } from './selectors';

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

const CHART_HEIGHT = 280;

export function CostChartCard({ screen, loading }: { screen: CostScreen | null; loading: boolean }) {
  const data = useMemo(() => (screen ? toChartData(screen.series, screen.markers) : null), [screen]);
  const groupBy = screen?.series.groupBy;
  const title = groupBy?.kind === 'tag' ? `Daily spend by tag ${groupBy.key}` : 'Daily spend by service';
  const currency = data?.currency ?? 'USD';
  const period = screen ? periodText(screen.series.from, lastDay(screen.series.to)) : undefined;
  return (
    <Card
      title={title}
      className="cost-chart-card"
      meta={data && period ? `${period} · ${money(data.total, currency)}` : undefined}
      actions={
        <>
          <GroupBySelect />
          <RangeSelect />
        </>
      }
    >
      <CostPickersError what="the account's tag keys" />
      <CostPickersProblems />
      {!data ? (
        <Skeleton height={CHART_HEIGHT} label="Loading the chart…" />
      ) : data.series.length === 0 ? (
        <p className="muted cost-chart-empty">No spend recorded in this period.</p>
      ) : (
        <div className={loading ? 'cost-chart is-loading' : 'cost-chart'} aria-busy={loading}>
          <figure
            className="chart cost-figure"
            aria-label={`${title}, ${period}: ${money(data.total, currency)} in total over ${plural(data.rows.length, 'day')}; largest: ${data.series
              .slice(0, 3)
              .map((s) => `${s.label} ${money(s.total, currency)}`)
              .join(', ')}.`}
          >
            <CostStackedChart
              data={data}
              height={CHART_HEIGHT}
              money={(n) => money(n, currency)}
              tick={(n) => moneyCompact(n, currency)}
              day={longDayLabel}
            />
          </figure>
          <ul className="cost-legend" aria-label="Legend">
            {data.series.map((s) => (
              <li key={s.dataKey} className="cost-legend-item">
                <span className="cost-swatch" style={{ background: seriesColour(s.colour) }} aria-hidden="true" />
                <span className="cost-legend-label" title={s.label}>
                  {s.label}
                </span>
                <span className="cost-legend-total num">{money(s.total, currency)}</span>
              </li>
            ))}
          </ul>
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
