/**
 * Every budget this month: spend so far and the month-end forecast against it, each alert threshold (crossed or
 * not, with the amount it fires at) and the budget's state in words.
 */
import { StatusPill } from '../../components/StatusPill';
import { type BudgetStatus } from '../../../shared/model/cost';
import { BudgetMeter } from './BudgetMeter';
import { money, percent } from './cost-format';
import { notAvailable } from './availability';
import { budgetOutlook } from './budget-words';
import { BudgetStatePill } from './BudgetStatePill';

export function CostBudgetsTable({
  budgets,
  unavailable = null,
}: {
  budgets: readonly BudgetStatus[];
  /** Why the spend could not be read: each row says so instead of "$0.00, 0.0 %". */
  unavailable?: string | null;
}) {
  if (budgets.length === 0) {
    return (
      <p className="card-note">
        No budgets declared. Add <code>budgets:</code> under <code>cost:</code> in <code>cockpit.yaml</code>, e.g.{' '}
        <code>{'- { name: All of AWS, monthly: 400 USD }'}</code>.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table cost-table cost-budgets">
        <caption className="sr-only">Budgets this month: actual and forecast spend against each budget</caption>
        <thead>
          <tr>
            <th scope="col">Budget</th>
            <th scope="col" className="col-num">
              Actual
            </th>
            <th scope="col" className="col-num">
              Forecast
            </th>
            <th scope="col" className="col-num">
              Monthly
            </th>
            <th scope="col" className="cost-col-meter">
              <span className="sr-only">Spend against the budget</span>
            </th>
            <th scope="col">Thresholds</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {budgets.map((b) => (
            <tr key={b.name}>
              <th scope="row">
                <span className="cell-strong">{b.name}</span>
                <span className="cell-sub">{b.scope}</span>
              </th>
              {unavailable !== null ? (
                <td colSpan={2} className="cost-unavailable">
                  {notAvailable(unavailable)}
                </td>
              ) : (
                <>
                  <td className="col-num">
                    {money(b.actual, b.currency)}
                    <span className="cell-sub">{percent(b.actualPercent)}</span>
                  </td>
                  <td className="col-num">
                    {b.forecast === null ? '—' : money(b.forecast, b.currency)}
                    <span className="cell-sub">{percent(b.forecastPercent)}</span>
                  </td>
                </>
              )}
              <td className="col-num">{money(b.budget, b.currency)}</td>
              <td className="cost-col-meter">
                {unavailable !== null ? null : (
                  <BudgetMeter
                    label={`${b.name}: spend against the budget`}
                    currency={b.currency}
                    input={{
                      actual: Number(b.actual),
                      budget: Number(b.budget),
                      forecast:
                        b.forecast === null
                          ? null
                          : { mean: Number(b.forecast), low: Number(b.forecast), high: Number(b.forecast) },
                      ticks: b.thresholds.filter((t) => t.kind === 'actual').map((t) => Number(t.limit)),
                    }}
                  />
                )}
              </td>
              <td>
                <span className="chips">
                  {b.thresholds.map((t) => (
                    <span
                      key={t.label}
                      className={t.crossed ? 'chip cost-chip-crossed' : 'chip'}
                      title={`${t.crossed ? 'Crossed' : 'Fires'} at ${money(t.limit, b.currency)}`}
                    >
                      {t.crossed ? '● ' : ''}
                      {t.label}
                      {t.crossed ? <span className="sr-only"> (crossed)</span> : null}
                    </span>
                  ))}
                </span>
              </td>
              <td>
                {unavailable !== null ? (
                  <StatusPill tone="idle">not available</StatusPill>
                ) : (
                  <>
                    <BudgetStatePill budget={b} />
                    <span className="cell-sub">{budgetOutlook(b)}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
