/**
 * The recharts implementation of a check's status over time: a strip whose colours are the shares of up,
 * degraded and down samples at each point, empty (and shaded) where nobody watched. It shares the latency chart's
 * time axis so the two read as one. Loaded lazily through ./HealthCharts.
 */
import {
  Area,
  AreaChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { HealthChartTooltip } from './HealthChartTooltip';
import { type HealthChartProps } from './HealthLatencyChart';

const areas = [
  { key: 'up', fill: 'var(--chart-ok)' },
  { key: 'degraded', fill: 'var(--chart-warn)' },
  { key: 'down', fill: 'var(--chart-bad)' },
] as const;

export default function HealthStatusChart({ data, height = 56 }: HealthChartProps) {
  return (
    <AreaChart
      responsive
      style={{ width: '100%', height }}
      data={data.rows}
      margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
    >
      <XAxis dataKey="t" type="number" scale="time" domain={[data.from, data.to]} hide />
      <YAxis domain={[0, 1]} tick={false} tickLine={false} axisLine={false} width={52} />
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
        />
      ))}
      {areas.map((a) => (
        <Area
          key={a.key}
          dataKey={a.key}
          stackId="status"
          type="stepAfter"
          fill={a.fill}
          fillOpacity={0.85}
          stroke="none"
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
      {data.markers.map((m) => (
        <ReferenceLine
          key={`${m.t}-${m.label}`}
          x={m.t}
          stroke={m.bad ? 'var(--chart-bad)' : 'var(--text-muted)'}
          strokeDasharray="3 3"
          ifOverflow="hidden"
        />
      ))}
    </AreaChart>
  );
}
