/**
 * The Cost screen's first tab: this month at a glance (spend, forecast, days left, the worst budget, untagged
 * share), the daily chart, every budget, the biggest movers against the same days of last month, and untagged
 * spend per tag key. Problems reading AWS show above the figures, which stay.
 */
import { useEffect } from 'react';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { type CostScreen } from '../../../shared/model/cost';
import { useStore } from '../../store';
import { applyCostHash, loadCostScreen } from './actions';
import { BudgetStatePill } from './BudgetStatePill';
import { CostBudgetsCard } from './CostBudgetsCard';
import { CostChartCard } from './CostChartCard';
import { CostComparisonTable } from './CostComparisonTable';
import { CostProblems } from './CostProblems';
import { dayLabel, estimateText, money, monthLabel, percent, share } from './cost-format';
import { notAvailable, unavailableReason } from './availability';
import { budgetOutlook } from './budget-words';
import { selectCostScreen, selectCostScreenActivity, selectCostScreenError, selectCostTagKeys } from './selectors';

function Kpis({ screen, unavailable }: { screen: CostScreen; unavailable: string | null }) {
  const { overview } = screen;
  const missing = unavailable === null ? null : notAvailable(unavailable);
  const currency = overview.currency;
  const total = overview.totalBudget;
  const worst = overview.worstBudget;
  const untagged = screen.untagged[0];
  const tagged = useStore(selectCostTagKeys).length > 0;
  return (
    <dl className="cost-kpis" aria-label={`${monthLabel(overview.month)} at a glance`}>
      <div className="cost-kpi">
        <dt>Month to date</dt>
        <dd className="cost-kpi-value num">
          {overview.monthToDate === null ? '—' : money(overview.monthToDate, currency)}
        </dd>
        <dd className="cost-kpi-sub">
          {missing ??
            (total
              ? `${percent(total.actualPercent, 0)} of ${money(total.budget, currency)}`
              : monthLabel(overview.month))}
        </dd>
      </div>
      <div className="cost-kpi">
        <dt>Forecast, month end</dt>
        <dd className="cost-kpi-value num">
          {overview.forecast ? money(overview.forecast.monthEnd.mean, currency) : '—'}
        </dd>
        <dd className="cost-kpi-sub num">
          {overview.forecast
            ? `${money(overview.forecast.monthEnd.low, currency)} – ${money(overview.forecast.monthEnd.high, currency)}`
            : (missing ?? 'no forecast yet')}
        </dd>
      </div>
      <div className="cost-kpi">
        <dt>Days left</dt>
        <dd className="cost-kpi-value num">{overview.daysLeft}</dd>
        <dd className="cost-kpi-sub">
          of {overview.daysInMonth} · today is {dayLabel(overview.today)} (UTC)
        </dd>
      </div>
      <div className="cost-kpi">
        <dt>Worst budget</dt>
        <dd className="cost-kpi-value cost-kpi-text">{worst ? worst.name : 'none declared'}</dd>
        <dd className="cost-kpi-sub">
          {worst && missing ? (
            missing
          ) : worst ? (
            <>
              <BudgetStatePill budget={worst} /> {budgetOutlook(worst)}
            </>
          ) : (
            'add budgets: under cost:'
          )}
        </dd>
      </div>
      <div className="cost-kpi">
        <dt>Untagged{untagged ? ` (${untagged.tagKey})` : ''}</dt>
        <dd className="cost-kpi-value num">{untagged && !missing ? share(untagged.share) : '—'}</dd>
        <dd className="cost-kpi-sub">
          {missing ??
            (untagged
              ? `${money(untagged.amount, currency)} this month`
              : tagged
                ? 'no spend this month yet'
                : 'declare tags: under cost:')}
        </dd>
      </div>
    </dl>
  );
}

function UntaggedCard({ screen, unavailable }: { screen: CostScreen; unavailable: string | null }) {
  const currency = screen.overview.currency;
  const declared = useStore(selectCostTagKeys);
  return (
    <Card title="Untagged spend" meta="this month, per tag key">
      {unavailable !== null ? (
        <p className="cost-unavailable">{notAvailable(unavailable)}</p>
      ) : screen.untagged.length === 0 && declared.length > 0 ? (
        <p className="muted">No spend this month yet for the tags {declared.join(', ')}.</p>
      ) : screen.untagged.length === 0 ? (
        <p className="muted">
          No tag keys declared. Add <code>tags: [env, team]</code> under <code>cost:</code> to see spend per tag and
          what carries no tag.
        </p>
      ) : (
        <ul className="cost-untagged">
          {screen.untagged.map((u) => (
            <li key={u.tagKey}>
              <div className="cost-untagged-head">
                <span className="mono">{u.tagKey}</span>
                <span className="num">
                  {money(u.amount, currency)} <span className="muted">of {money(u.total, currency)}</span>
                </span>
                <span className="num cell-strong">{share(u.share)}</span>
              </div>
              <div className="cost-share" role="img" aria-label={`${share(u.share)} of spend has no ${u.tagKey} tag`}>
                <span style={{ width: `${Math.min(u.share * 100, 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ApiSpendCard({ screen }: { screen: CostScreen }) {
  const { apiSpend } = screen.overview;
  return (
    <Card title="Cost Explorer spend" meta={`in ${monthLabel(apiSpend.month)}`}>
      {apiSpend.requests === 0 ? (
        <p className="cost-api-figure">No requests sent this month: nothing spent on Cost Explorer.</p>
      ) : apiSpend.replayed === apiSpend.requests ? (
        <p className="cost-api-figure">
          <span className="cost-kpi-value">Free</span>{' '}
          <span className="muted">
            {apiSpend.requests} request{apiSpend.requests === 1 ? '' : 's'}, all replayed sample data
          </span>
        </p>
      ) : (
        <p className="cost-api-figure">
          <span className="cost-kpi-value num">{money(apiSpend.cost, 'USD')}</span>{' '}
          <span className="muted">
            for {apiSpend.requests} request{apiSpend.requests === 1 ? '' : 's'}
            {apiSpend.replayed ? `, ${apiSpend.replayed} of them replayed sample data (free)` : ''}
          </span>
        </p>
      )}
      <ul className="cost-api-rules">
        <li>AWS bills $0.01 per request, and every page of a long answer is a request.</li>
        <li>A month that has ended is read once and kept: it never changes.</li>
        <li>This month and forecasts are re-read after 8 hours (AWS updates them up to 3 times a day).</li>
        <li>Force refresh now: {estimateText(screen.forceRefresh)}.</li>
      </ul>
    </Card>
  );
}

export function CostDailyView() {
  const screen = useStore(selectCostScreen);
  const activity = useStore(selectCostScreenActivity);
  const error = useStore(selectCostScreenError);
  useEffect(() => {
    applyCostHash();
    // A link to the review: the tab switches and this view goes away.
    if (useStore.getState().costTab === 'daily') void loadCostScreen();
  }, []);

  if (!screen) {
    // The frame first: the chart card with its pickers at its final size, so nothing jumps when the figures land.
    return (
      <div className="stack">
        <CostProblems problems={[]} error={error} shownSince={null} />
        {error ? null : (
          <>
            <Skeleton lines={2} label="Loading cost data…" />
            <CostChartCard screen={null} loading />
          </>
        )}
      </div>
    );
  }
  const { overview } = screen;
  const groupBy = screen.series.groupBy;
  const unavailable = unavailableReason(overview);
  return (
    <div className="stack">
      <CostProblems problems={overview.problems} error={error} shownSince={overview.freshness.fetchedAt} />
      <Kpis screen={screen} unavailable={unavailable} />
      <CostChartCard screen={screen} loading={activity !== 'idle'} unavailable={unavailable} />
      <CostBudgetsCard
        budgets={screen.budgets}
        unavailable={unavailable}
        meta={`${monthLabel(overview.month)} · alerts fire once per threshold per month`}
      />
      <div className="grid-2-1">
        <Card
          title="Top movers"
          meta={`this month so far against the same days of last month, by ${groupBy.kind === 'tag' ? `tag ${groupBy.key}` : 'service'}`}
          flush
        >
          <CostComparisonTable
            caption="Top movers against the same days of last month"
            lines={screen.movers}
            currency={overview.currency}
            keyHeader={groupBy.kind === 'tag' ? groupBy.key : 'Service'}
            currentHeader="This month"
            previousHeader="Last month"
            empty={
              unavailable !== null
                ? notAvailable(unavailable)
                : 'Nothing moved yet (it is the first day of the month, or spend is flat).'
            }
          />
        </Card>
        <div className="stack">
          <UntaggedCard screen={screen} unavailable={unavailable} />
          <ApiSpendCard screen={screen} />
        </div>
      </div>
    </div>
  );
}
