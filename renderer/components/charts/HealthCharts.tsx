/**
 * The lazy wrappers of the health charts: the only way the health feature reaches recharts. Each chunk loads on
 * first use and a skeleton of the chart's size holds its place meanwhile, so recharts stays out of the initial
 * bundle (the Overview never needs it).
 */
import { Suspense, lazy } from 'react';
import { Skeleton } from '../Skeleton';
import type { HealthChartProps } from './HealthLatencyChart';

const LazyLatency = lazy(() => import('./HealthLatencyChart'));
const LazyStatus = lazy(() => import('./HealthStatusChart'));

export function HealthLatencyChart(props: HealthChartProps) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 180} label="Loading chart…" />}>
      <LazyLatency {...props} />
    </Suspense>
  );
}

export function HealthStatusChart(props: HealthChartProps) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 56} label="Loading chart…" />}>
      <LazyStatus {...props} />
    </Suspense>
  );
}

export type { HealthChartProps };
