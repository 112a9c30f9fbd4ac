import { useMemo } from 'react';
import { Card } from '../../components/Card';
import { ActionsPerDayChart } from '../../components/charts';
import { Skeleton } from '../../components/Skeleton';
import { actionsPerDay } from '../../lib/actions-per-day';
import { plural } from '../../lib/format';
import { useStore } from '../../store';
import { CHART_LIMIT } from '../../store/actions';
import { selectRecentForChart } from '../../store/selectors';

/** "Actions per day, last 14 days", stacked by status, from the journal. */
export function ActivityChart() {
  const actions = useStore(selectRecentForChart);
  const rows = useMemo(() => (actions ? actionsPerDay(actions) : null), [actions]);
  const total = actions?.length ?? 0;
  return (
    <Card
      title="Actions per day, last 14 days"
      meta={
        actions === null
          ? undefined
          : total >= CHART_LIMIT
            ? `the latest ${CHART_LIMIT} actions`
            : plural(total, 'action')
      }
    >
      {rows === null ? (
        <Skeleton height={180} label="Loading chart…" />
      ) : (
        <figure className="chart" aria-label={`Actions per day over the last 14 days: ${plural(total, 'action')}`}>
          <ActionsPerDayChart rows={rows} />
        </figure>
      )}
    </Card>
  );
}
