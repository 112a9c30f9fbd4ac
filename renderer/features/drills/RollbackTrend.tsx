/** The lazy wrapper of the drills' trend chart: its chunk (and recharts) loads when the history first shows. */
import { lazy } from 'react';
import { ChartSlot } from '../../components/ChartSlot';
import { Skeleton } from '../../components/Skeleton';
import type { DrillTrendChartProps } from './charts/DrillTrendChart';

const LazyChart = lazy(() => import('./charts/DrillTrendChart'));

export function DrillTrendChart(props: DrillTrendChartProps) {
  return (
    <ChartSlot fallback={<Skeleton height={props.height ?? 180} label="Loading chart…" />}>
      <LazyChart {...props} />
    </ChartSlot>
  );
}
