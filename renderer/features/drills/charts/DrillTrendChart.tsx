/**
 * The recharts implementation of the rollback drills' trend: time to detect and time to recover of each drill,
 * with the team's targets as dashed reference lines. Loaded lazily through ../RollbackTrend; recharts stays out of
 * the first screen's bundle.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInterval } from '../../../lib/format';
import { type TrendRow, trendTicks } from '../rollback-format';

export interface DrillTrendChartProps {
  rows: TrendRow[];
  targets: { detectS: number | null; recoverS: number | null };
  height?: number;
}

const axisTick = { fill: 'var(--text-muted)', fontSize: 11 };

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Short axis and tooltip values: "45 s", "2.5 min". */
function seconds(v: number): string {
  if (v < 60) return `${Math.round(v * 10) / 10} s`;
  return `${Math.round((v / 60) * 10) / 10} min`;
}

export default function DrillTrendChart({ rows, targets, height = 180 }: DrillTrendChartProps) {
  const top = Math.max(
    targets.detectS ?? 0,
    targets.recoverS ?? 0,
    ...rows.map((r) => Math.max(r.detectS ?? 0, r.recoverS ?? 0)),
  );
  const ticks = trendTicks(top);
  return (
    <LineChart
      responsive
      style={{ width: '100%', height }}
      data={rows}
      margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={rows.length > 1 ? ['dataMin', 'dataMax'] : ['dataMin - 3600000', 'dataMax + 3600000']}
        tickFormatter={(t: number) => new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}
        tick={axisTick}
        tickLine={false}
        axisLine={{ stroke: 'var(--border)' }}
        minTickGap={40}
      />
      <YAxis
        tickFormatter={seconds}
        tick={axisTick}
        tickLine={false}
        axisLine={false}
        width={64}
        ticks={ticks}
        domain={[0, ticks[ticks.length - 1] ?? 1]}
      />
      <Tooltip
        isAnimationActive={false}
        cursor={{ stroke: 'var(--border-strong)' }}
        labelFormatter={(t) => (typeof t === 'number' ? when(t) : '')}
        formatter={(value, name) => [seconds(typeof value === 'number' ? value : Number(value)), name]}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', fontSize: 12 }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {targets.detectS !== null ? (
        <ReferenceLine
          y={targets.detectS}
          stroke="var(--chart-warn)"
          strokeDasharray="4 3"
          label={{
            value: `detect target ${formatInterval(targets.detectS * 1000)}`,
            position: 'insideTopLeft',
            fill: 'var(--text-muted)',
            fontSize: 10,
          }}
        />
      ) : null}
      {targets.recoverS !== null ? (
        <ReferenceLine
          y={targets.recoverS}
          stroke="var(--chart-bad)"
          strokeDasharray="4 3"
          label={{
            value: `recover target ${formatInterval(targets.recoverS * 1000)}`,
            position: 'insideTopRight',
            fill: 'var(--text-muted)',
            fontSize: 10,
          }}
        />
      ) : null}
      <Line
        dataKey="detectS"
        name="Time to detect"
        stroke="var(--chart-running)"
        strokeWidth={1.5}
        dot={{ r: 3, strokeWidth: 0, fill: 'var(--chart-running)' }}
        isAnimationActive={false}
        connectNulls
      />
      <Line
        dataKey="recoverS"
        name="Time to recover"
        stroke="var(--chart-ok)"
        strokeWidth={1.5}
        dot={{ r: 3, strokeWidth: 0, fill: 'var(--chart-ok)' }}
        isAnimationActive={false}
        connectNulls
      />
    </LineChart>
  );
}
