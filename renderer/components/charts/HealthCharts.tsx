/**
 * The lazy wrappers of the health charts: the only way the health feature reaches recharts. Each chunk loads on
 * first use and a skeleton of the chart's size holds its place meanwhile, so recharts stays out of the initial
 * bundle (the Overview never needs it).
 */
import { lazy } from 'react';
import { ChartSlot } from '../ChartSlot';
import { Skeleton } from '../Skeleton';
import type { HealthChartProps } from './HealthLatencyChart';

const LazyLatency = lazy(() => import('./HealthLatencyChart'));
const LazyStatus = lazy(() => import('./HealthStatusChart'));

export function HealthLatencyChart(props: HealthChartProps) {
  return (
    <ChartSlot fallback={<Skeleton height={props.height ?? 180} label="Loading chart…" />}>
      <LazyLatency {...props} />
    </ChartSlot>
  );
}

export function HealthStatusChart(props: HealthChartProps) {
  return (
    <ChartSlot fallback={<Skeleton height={props.height ?? 56} label="Loading chart…" />}>
      <LazyStatus {...props} />
    </ChartSlot>
  );
}

export type { HealthChartProps };
