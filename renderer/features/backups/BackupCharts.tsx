/** The lazy wrapper of the history chart: its chunk (and recharts) loads when a details panel first opens. */
import { lazy } from 'react';
import { ChartSlot } from '../../components/ChartSlot';
import { Skeleton } from '../../components/Skeleton';
import type { BackupHistoryChartProps } from './charts/BackupHistoryChart';

const LazyChart = lazy(() => import('./charts/BackupHistoryChart'));

export function BackupHistoryChart(props: BackupHistoryChartProps) {
  return (
    <ChartSlot fallback={<Skeleton height={props.height ?? 160} label="Loading chart…" />}>
      <LazyChart {...props} />
    </ChartSlot>
  );
}
