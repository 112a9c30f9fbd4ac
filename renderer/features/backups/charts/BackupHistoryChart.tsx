/**
 * The recharts implementation of a backup's history: the newest copy's age over time with the RPO as a dashed
 * line, or the newest copy's size over time. Loaded lazily through ../BackupCharts; recharts stays out of the
 * first screen's bundle.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes } from '../backup-format';
import { type BackupChartRow } from './chart-data';

export interface BackupHistoryChartProps {
  rows: BackupChartRow[];
  kind: 'age' | 'size';
  rpoHours: number;
  height?: number;
}

const axisTick = { fill: 'var(--text-muted)', fontSize: 11 };

/** Days on a long range; hours when the history is younger than two days (each tick would read the same date). */
function tickFormat(rows: BackupChartRow[]): (t: number) => string {
  const span = rows.length > 1 ? (rows[rows.length - 1]?.t ?? 0) - (rows[0]?.t ?? 0) : 0;
  return span < 2 * 86_400_000
    ? (t) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : (t) => new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export default function BackupHistoryChart({ rows, kind, rpoHours, height = 160 }: BackupHistoryChartProps) {
  const age = kind === 'age';
  const maxAge = Math.max(rpoHours, ...rows.map((r) => r.ageH ?? 0));
  return (
    <LineChart
      responsive
      style={{ width: '100%', height }}
      data={rows}
      margin={{ top: 12, right: 12, bottom: 0, left: 0 }}
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={tickFormat(rows)}
        tick={axisTick}
        tickLine={false}
        axisLine={{ stroke: 'var(--border)' }}
        minTickGap={40}
      />
      <YAxis
        tickFormatter={(v: number) => (age ? `${v} h` : formatBytes(v))}
        tick={axisTick}
        tickLine={false}
        axisLine={false}
        width={60}
        domain={age ? [0, Math.ceil(maxAge * 1.1)] : [0, 'auto']}
      />
      <Tooltip
        isAnimationActive={false}
        cursor={{ stroke: 'var(--border-strong)' }}
        labelFormatter={(t) => (typeof t === 'number' ? when(t) : '')}
        formatter={(value) => {
          const n = typeof value === 'number' ? value : Number(value);
          return [age ? `${n} h` : formatBytes(n), age ? 'age of the newest copy' : 'newest copy'];
        }}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', fontSize: 12 }}
      />
      {age ? (
        <ReferenceLine
          y={rpoHours}
          stroke="var(--chart-bad)"
          strokeDasharray="4 3"
          label={{ value: `RPO ${rpoHours} h`, position: 'insideTopRight', fill: 'var(--chart-bad)', fontSize: 10 }}
        />
      ) : null}
      <Line
        dataKey={age ? 'ageH' : 'size'}
        stroke={age ? 'var(--chart-running)' : 'var(--chart-ok)'}
        strokeWidth={1.5}
        dot={
          rows.length < 60 ? { r: 2, strokeWidth: 0, fill: age ? 'var(--chart-running)' : 'var(--chart-ok)' } : false
        }
        isAnimationActive={false}
        connectNulls={false}
      />
    </LineChart>
  );
}
