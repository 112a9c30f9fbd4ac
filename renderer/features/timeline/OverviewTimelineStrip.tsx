/**
 * The Overview's "Last 24 hours": the timeline compact, with a way to the full screen. The Overview ships in the
 * first bundle, so only this frame does: the chart and its reading load as a separate chunk.
 */
import { lazy } from 'react';
import { ChartSlot } from '../../components/ChartSlot';
import { Card } from '../../components/Card';

const StripChart = lazy(() => import('./StripChart'));

export function OverviewTimelineStrip() {
  return (
    <Card title="Last 24 hours" className="tl-strip" actions={<a href="#/timeline">Open the timeline</a>}>
      <ChartSlot fallback={<div className="tl-strip-wait" aria-hidden="true" />}>
        <StripChart />
      </ChartSlot>
    </Card>
  );
}
