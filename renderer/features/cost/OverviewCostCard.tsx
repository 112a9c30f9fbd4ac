/**
 * The Overview's cost card: month-to-date spend against the budget (a bar with the forecast and its range), the
 * month-end forecast, days left, the worst budget's state, and how fresh it all is. It collapses (renders nothing)
 * only when the workspace has no `cost:` section, so its slot in the grid disappears.
 */
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { BudgetMeter } from './BudgetMeter';
import { BudgetStatePill } from './BudgetStatePill';
import { CostAccountPicker } from './CostAccountPicker';
import { money, monthLabel, percent } from './cost-format';
import { notAvailable, unavailableReason } from './availability';
import { budgetOutlook } from './budget-words';
import { ApiSpendLine, FreshnessLine } from './CostStatus';
import { selectCostOverview, selectCostOverviewError, selectHasCostSection } from './selectors';

export function OverviewCostCard() {
  const hasCost = useStore(selectHasCostSection);
  const overview = useStore(selectCostOverview);
  const error = useStore(selectCostOverviewError);
  if (!hasCost) return null;
  const link = (
    <a href={hrefFor('cost')} className="cost-card-link">
      Open Cost →
    </a>
  );
  if (!overview) {
    return (
      <Card title="Cloud cost" actions={link} className="cost-card">
        {error ? <p className="text-warn">{error}</p> : <Skeleton lines={4} label="Loading cost…" />}
      </Card>
    );
  }
  const currency = overview.currency;
  const total = overview.totalBudget;
  const worst = overview.worstBudget;
  const forecast = overview.forecast?.monthEnd ?? null;
  const problem = overview.problems[0];
  const reason = unavailableReason(overview);
  const missing = reason === null ? null : notAvailable(reason);
  const shown = overview.account ? ` · account ${overview.account}` : '';
  return (
    <Card
      title="Cloud cost"
      meta={`${monthLabel(overview.month)} · ${overview.daysLeft} day${overview.daysLeft === 1 ? '' : 's'} left${shown}`}
      actions={
        <>
          <CostAccountPicker />
          {link}
        </>
      }
      className="cost-card"
    >
      <div className="cost-card-figures">
        <div>
          <p className="cost-card-label">Month to date</p>
          <p className="cost-card-value num">
            {overview.monthToDate === null ? '—' : money(overview.monthToDate, currency)}
          </p>
          <p className="cost-card-sub">
            {missing ??
              (total ? (
                <>
                  of <span className="num">{money(total.budget, currency)}</span> · {percent(total.actualPercent, 0)}
                </>
              ) : (
                'no overall budget declared'
              ))}
          </p>
          {overview.byAccount.length ? (
            <ul className="cost-card-accounts" aria-label="Month to date by account">
              {overview.byAccount.map((a) => (
                <li key={a.account}>
                  {a.account}:{' '}
                  <span className="num">{a.amount === null ? 'unavailable' : money(a.amount, currency)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div>
          <p className="cost-card-label">Forecast, month end</p>
          <p className="cost-card-value num">{forecast ? money(forecast.mean, currency) : '—'}</p>
          <p className="cost-card-sub num">
            {forecast
              ? `${money(forecast.low, currency)} – ${money(forecast.high, currency)}`
              : (missing ?? 'not enough history')}
          </p>
        </div>
        <div>
          <p className="cost-card-label">Worst budget</p>
          <p className="cost-card-value cost-card-name">{worst ? worst.name : '—'}</p>
          <p className="cost-card-sub">
            {worst && missing ? (
              missing
            ) : worst ? (
              <>
                <BudgetStatePill budget={worst} /> {budgetOutlook(worst)}
              </>
            ) : (
              'no budgets declared'
            )}
          </p>
        </div>
      </div>
      {overview.monthToDate !== null ? (
        <BudgetMeter
          legend
          label={`Month to date against ${total ? `the ${total.name} budget` : 'the forecast'}`}
          currency={currency}
          input={{
            actual: Number(overview.monthToDate),
            budget: total ? Number(total.budget) : null,
            forecast: forecast
              ? { mean: Number(forecast.mean), low: Number(forecast.low), high: Number(forecast.high) }
              : null,
            ticks: total?.thresholds.filter((t) => t.kind === 'actual').map((t) => Number(t.limit)) ?? [],
          }}
        />
      ) : null}
      {problem ? (
        <p className="cost-card-problem">
          <strong>{problem.message}</strong> {problem.hint}
        </p>
      ) : null}
      <div className="cost-card-foot">
        <FreshnessLine freshness={overview.freshness} problems={overview.problems} />
        <ApiSpendLine spend={overview.apiSpend} />
      </div>
    </Card>
  );
}
