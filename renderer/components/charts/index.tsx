/**
 * Chart wrappers: the only way the app uses recharts. Each chart is code-split (React.lazy) and shows a skeleton
 * of its own size while its chunk loads, so recharts stays out of the initial bundle.
 */
import { Suspense, lazy } from 'react';
import { Skeleton } from '../Skeleton';
import type { ActionsPerDayChartProps } from './ActionsPerDayChart';

const LazyActionsPerDay = lazy(() => import('./ActionsPerDayChart'));

export function ActionsPerDayChart(props: ActionsPerDayChartProps) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 180} label="Loading chart…" />}>
      <LazyActionsPerDay {...props} />
    </Suspense>
  );
}
