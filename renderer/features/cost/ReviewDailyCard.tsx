/**
 * The review's daily chart of the month (the same chart as the Cost screen's) with the month's unusual spend,
 * each named by its cause, and the days each budget threshold was crossed — by the spend, or by the forecast.
 */
import { useMemo } from 'react';
import { Card } from '../../components/Card';
import { CostChartFigure } from './CostChartFigure';
import { type CostReview, type ThresholdCrossing } from '../../../shared/model/cost';
import { toChartData } from './chart-data';
import { AnomalyList } from './CostChartCard';
import { dayLabel, money, monthLabel } from './cost-format';

/** "actual 80% crossed on Nov 17", "forecast 100% on Nov 9". */
export function crossingText(crossing: ThresholdCrossing): string {
  return `${crossing.label} ${crossing.kind === 'actual' ? 'crossed on' : 'on'} ${dayLabel(crossing.date)}`;
}

export function ReviewDailyCard({ review }: { review: CostReview }) {
  // The daily chart is by service: its anomalies are the services' (tag values' are listed too, below).
  const byService = useMemo(() => review.anomalies.filter((a) => a.groupBy.kind === 'service'), [review]);
  const data = useMemo(() => toChartData(review.daily, [], byService), [review, byService]);
  const { currency } = review;
  const title = `Daily spend, ${monthLabel(review.month)}`;
  const budgets = [...new Set(review.crossings.map((c) => c.budget))];
  return (
    <Card title="Daily spend" meta={`${monthLabel(review.month)} by service`} className="cost-review-daily">
      {data.series.length === 0 ? (
        <p className="muted cost-chart-empty">No daily figures for this month.</p>
      ) : (
        <CostChartFigure
          data={data}
          currency={currency}
          height={220}
          label={`${title}: ${money(data.total, currency)} in total${
            data.anomalies.length ? `; unusual spend: ${data.anomalies.map((a) => a.label).join(', ')}` : ''
          }.`}
        />
      )}
      {review.anomalies.length ? (
        <AnomalyList anomalies={review.anomalies} />
      ) : (
        <p className="card-note">No unusual spend this month: no service spent far above its usual.</p>
      )}
      {budgets.length ? (
        <section className="cost-crossings" aria-label="Budget thresholds crossed">
          <p className="cost-anomalies-title">Budget thresholds crossed</p>
          <ul>
            {budgets.map((budget) => (
              <li key={budget}>
                <strong>{budget}</strong>:{' '}
                {review.crossings
                  .filter((c) => c.budget === budget)
                  .map(crossingText)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
