/**
 * The recharts implementation of a check's latency over time: the average (and the p95 for aggregated points),
 * "not watched" gaps shaded and labelled, and a dashed line at each deploy (red for a rollback or a failed one).
 * Loaded lazily through ./HealthCharts; recharts must stay out of the first screen's bundle.
 */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { HealthChartTooltip } from './HealthChartTooltip';
import { type HealthChartData } from './HealthChartTypes';

export interface HealthChartProps {
  data: HealthChartData;
  height?: number;
}

const axisTick = { fill: 'var(--text-muted)', fontSize: 11 };

function latencyTick(value: number): string {
  return value >= 1_000 ? `${(value / 1_000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export default function HealthLatencyChart({ data, height = 180 }: HealthChartProps) {
  const sparse = data.rows.length < 60;
  return (
    <ComposedChart
      responsive
      style={{ width: '100%', height }}
      data={data.rows}
      margin={{ top: 16, right: 12, bottom: 0, left: 0 }}
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[data.from, data.to]}
        tickFormatter={(t: number) => data.tick(t)}
        tick={axisTick}
        tickLine={false}
        axisLine={{ stroke: 'var(--border)' }}
        minTickGap={40}
      />
      <YAxis tickFormatter={latencyTick} tick={axisTick} tickLine={false} axisLine={false} width={52} />
      <Tooltip
        isAnimationActive={false}
        cursor={{ stroke: 'var(--border-strong)' }}
        content={(props: TooltipContentProps) => (
          <HealthChartTooltip active={props.active} payload={props.payload} data={data} />
        )}
      />
      {data.gaps.map((g) => (
        <ReferenceArea
          key={g.start}
          x1={g.start}
          x2={g.end}
          ifOverflow="hidden"
          fill="var(--health-gap)"
          fillOpacity={1}
          stroke="none"
          label={{ value: 'not watched', position: 'insideTop', fill: 'var(--text-muted)', fontSize: 10 }}
        />
      ))}
      <Line
        dataKey="avg"
        name={data.aggregated ? 'average' : 'latency'}
        stroke="var(--chart-running)"
        strokeWidth={1.5}
        dot={sparse ? { r: 2, strokeWidth: 0, fill: 'var(--chart-running)' } : false}
        isAnimationActive={false}
        connectNulls={false}
      />
      {data.aggregated ? (
        <Line
          dataKey="p95"
          name="p95"
          stroke="var(--chart-warn)"
          strokeWidth={1.25}
          strokeDasharray="4 3"
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      ) : null}
      {data.markers.map((m) => (
        <ReferenceLine
          key={`${m.t}-${m.label}`}
          x={m.t}
          stroke={m.bad ? 'var(--chart-bad)' : 'var(--text-muted)'}
          strokeDasharray="3 3"
          ifOverflow="hidden"
          label={{ value: '▲', position: 'top', fill: m.bad ? 'var(--chart-bad)' : 'var(--text-muted)', fontSize: 10 }}
        />
      ))}
    </ComposedChart>
  );
}
