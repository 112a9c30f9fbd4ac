/** The health charts' tooltip: the time, the status of the samples there, and the latency. */
import { type HealthChartData, type HealthChartRow } from './HealthChartTypes';

function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value < 1_000 ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : `${(value / 1_000).toFixed(1)} s`;
}

function statusLine(row: HealthChartRow, aggregated: boolean): string {
  if (row.up === null) return 'not watched';
  if (!aggregated) return row.down ? 'down' : row.degraded ? 'degraded' : 'up';
  const pct = (share: number | null) => `${Math.round((share ?? 0) * 100)}%`;
  const parts = [`${pct(row.up)} up`];
  if (row.degraded) parts.push(`${pct(row.degraded)} degraded`);
  if (row.down) parts.push(`${pct(row.down)} down`);
  return parts.join(' · ');
}

export function HealthChartTooltip({
  active,
  payload,
  data,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  data: HealthChartData;
}) {
  const row = payload?.[0]?.payload as HealthChartRow | undefined;
  if (!active || !row) return null;
  const marker = data.markers.find((m) => Math.abs(m.t - row.t) < (data.to - data.from) / 200);
  return (
    <div className="health-tooltip">
      <p className="health-tooltip-title">{data.when(row.t)}</p>
      <p>{statusLine(row, data.aggregated)}</p>
      {row.avg !== null ? (
        <p>
          {data.aggregated ? 'avg' : 'latency'} {ms(row.avg)}
          {data.aggregated && row.p95 !== null ? ` · p95 ${ms(row.p95)}` : ''}
        </p>
      ) : null}
      {marker ? <p className="health-tooltip-marker">▲ {marker.label}</p> : null}
    </div>
  );
}
