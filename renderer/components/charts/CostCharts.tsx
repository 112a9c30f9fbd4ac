/**
 * The lazy wrapper of the cost chart: the only way the cost feature reaches recharts. The chunk loads on first use
 * and a skeleton of the chart's size holds its place meanwhile, so recharts stays out of the initial bundle.
 */
import { lazy } from 'react';
import { ChartSlot } from '../ChartSlot';
import { Skeleton } from '../Skeleton';
import type { CostStackedChartProps } from './CostStackedChart';

const LazyCostStacked = lazy(() => import('./CostStackedChart'));

export function CostStackedChart(props: CostStackedChartProps) {
  return (
    <ChartSlot fallback={<Skeleton height={props.height ?? 260} label="Loading chart…" />}>
      <LazyCostStacked {...props} />
    </ChartSlot>
  );
}

export type { CostStackedChartProps };
