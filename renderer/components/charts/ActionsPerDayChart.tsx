/**
 * The recharts implementation of "Actions per day, last 14 days", stacked by status. Loaded lazily through
 * ./index (recharts is the heaviest dependency; the first screen must not wait for it).
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { type ActionStatus, actionStatuses } from '../../../shared/model/journal';
import { type DayRow } from '../../lib/actions-per-day';

// CSS variables keep the bars in step with the theme without re-rendering on a theme switch.
const colours: Record<ActionStatus, string> = {
  succeeded: 'var(--chart-ok)',
  failed: 'var(--chart-bad)',
  running: 'var(--chart-running)',
  interrupted: 'var(--chart-warn)',
  cancelled: 'var(--chart-idle)',
};

export interface ActionsPerDayChartProps {
  rows: DayRow[];
  height?: number;
}

export default function ActionsPerDayChart({ rows, height = 180 }: ActionsPerDayChartProps) {
  return (
    <BarChart
      responsive
      style={{ width: '100%', height }}
      data={rows}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      barCategoryGap="22%"
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis
        dataKey="label"
        tickLine={false}
        axisLine={{ stroke: 'var(--border)' }}
        tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
        interval="preserveStartEnd"
      />
      <YAxis
        allowDecimals={false}
        tickLine={false}
        axisLine={false}
        tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
        width={40}
      />
      <Tooltip
        cursor={{ fill: 'var(--surface-2)' }}
        contentStyle={{
          background: 'var(--surface)',
          border: '1px solid var(--border)',
          borderRadius: 6,
          color: 'var(--text)',
          fontSize: 12,
        }}
        labelStyle={{ color: 'var(--text)', fontWeight: 600 }}
      />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
      {actionStatuses.map((status) => (
        <Bar
          key={status}
          dataKey={status}
          name={status}
          stackId="status"
          fill={colours[status]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
