/**
 * The monthly cost review: a closed month against the one before — total, top increases and decreases, every
 * service, every configured tag key, how each budget ended, untagged spend and what the cockpit spent on Cost
 * Explorer that month. Downloads as CSV or Markdown; "Save as PDF" keeps only the review (see cost.css, @media
 * print): the desktop app writes the file itself, a browser opens its print dialog.
 */
import { useEffect, useId } from 'react';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { type CostReview } from '../../../shared/model/cost';
import { useStore } from '../../store';
import { selectCanSavePdf } from '../../store/selectors';
import { applyCostHash, downloadCostReview, loadCostReview, saveCostReviewPdf, syncCostHash } from './actions';
import { CostComparisonTable } from './CostComparisonTable';
import { CostProblems } from './CostProblems';
import { ReviewDailyCard } from './ReviewDailyCard';
import { reviewOutcome } from './budget-words';
import { notAvailable, problemText } from './availability';
import {
  addMonths,
  money,
  monthLabel,
  monthShort,
  percent,
  reviewableMonths,
  share,
  signedMoney,
  signedPercent,
  utcMonth,
} from './cost-format';
import {
  selectCostExporting,
  selectCostOverview,
  selectCostReview,
  selectCostReviewActivity,
  selectCostReviewError,
  selectCostReviewMonth,
} from './selectors';

function Toolbar({ current }: { current: string }) {
  const id = useId();
  const month = useStore(selectCostReviewMonth);
  const review = useStore(selectCostReview);
  const exporting = useStore(selectCostExporting);
  const activity = useStore(selectCostReviewActivity);
  const canSavePdf = useStore(selectCanSavePdf);
  const chosen = month ?? review?.month ?? addMonths(current, -1);
  const ready = review !== null && activity === 'idle';
  return (
    <div className="cost-review-toolbar cost-no-print">
      <div className="filter">
        <label htmlFor={id} className="filter-label">
          Month
        </label>
        <select id={id} className="select" value={chosen} onChange={(e) => void loadCostReview(e.target.value)}>
          {reviewableMonths(current).map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="cost-review-actions">
        <button
          type="button"
          className="btn"
          disabled={!ready || exporting !== null}
          onClick={() => void downloadCostReview('csv')}
        >
          {exporting === 'csv' ? 'Preparing…' : 'Download CSV'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!ready || exporting !== null}
          onClick={() => void downloadCostReview('md')}
        >
          {exporting === 'md' ? 'Preparing…' : 'Download Markdown'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!ready}
          title={
            canSavePdf
              ? 'Saves the review alone as a PDF file.'
              : 'Opens the print dialog with only the review; choose “Save as PDF” as the printer.'
          }
          onClick={() => void saveCostReviewPdf(canSavePdf)}
        >
          Save as PDF…
        </button>
      </div>
    </div>
  );
}

function Summary({ review }: { review: CostReview }) {
  const { currency, total } = review;
  const up = Number(total.delta) > 0;
  const over = review.budgets.filter((b) => b.outcome === 'over');
  return (
    <>
      <p className="cost-review-lead">
        Spend in {monthLabel(review.month)}: <strong className="num">{money(total.current, currency)}</strong>,{' '}
        {Number(total.delta) === 0 ? 'unchanged' : up ? 'up' : 'down'}{' '}
        <span className={up ? 'cost-up' : 'cost-down'}>
          {money(Math.abs(Number(total.delta)), currency)} ({signedPercent(total.percent)})
        </span>{' '}
        from {money(total.previous, currency)} in {monthLabel(review.previousMonth)}.
        {review.estimated ? ' Some days are still estimated by AWS and may change.' : ''}
      </p>
      {review.problems.map((p) => (
        <p key={`${p.account ?? ''}|${p.message}`} className="cost-review-problem" role="note">
          <strong>Not included: {p.message}</strong> {p.hint}
        </p>
      ))}
      <dl className="cost-kpis cost-kpis-review">
        <div className="cost-kpi">
          <dt>{monthLabel(review.month)}</dt>
          <dd className="cost-kpi-value num">{money(total.current, currency)}</dd>
          <dd className="cost-kpi-sub">total spend</dd>
        </div>
        <div className="cost-kpi">
          <dt>{monthLabel(review.previousMonth)}</dt>
          <dd className="cost-kpi-value num">{money(total.previous, currency)}</dd>
          <dd className="cost-kpi-sub">the month before</dd>
        </div>
        <div className="cost-kpi">
          <dt>Change</dt>
          <dd className={`cost-kpi-value num ${up ? 'cost-up' : 'cost-down'}`}>{signedMoney(total.delta, currency)}</dd>
          <dd className="cost-kpi-sub">{signedPercent(total.percent)}</dd>
        </div>
        <div className="cost-kpi">
          <dt>Budgets</dt>
          <dd className="cost-kpi-value">
            {review.budgets.length === 0 ? '—' : over.length ? `${over.length} over` : 'all held'}
          </dd>
          <dd className="cost-kpi-sub">
            {review.budgets.length === 0
              ? 'none declared'
              : over.length
                ? `of ${review.budgets.length}: ${over.map((b) => b.name).join(', ')}`
                : `${review.budgets.length} budget${review.budgets.length === 1 ? '' : 's'}, none exceeded`}
          </dd>
        </div>
        <div className="cost-kpi">
          <dt>Cost Explorer</dt>
          <dd className="cost-kpi-value num">{money(review.apiSpend.cost, 'USD')}</dd>
          <dd className="cost-kpi-sub">
            {review.apiSpend.requests} request{review.apiSpend.requests === 1 ? '' : 's'} by the cockpit that month
          </dd>
        </div>
      </dl>
    </>
  );
}

function ReviewBody({ review }: { review: CostReview }) {
  const { currency } = review;
  const now = monthLabel(review.month);
  const before = monthLabel(review.previousMonth);
  const headers = { currentHeader: now, previousHeader: before };
  // Side-by-side lists are narrow: "Oct 2026" fits where "October 2026" would not.
  const short = { currentHeader: monthShort(`${review.month}-01`, true), previousHeader: before };
  return (
    <article className="cost-review" aria-label={`AWS cost review, ${now}`}>
      <h2 className="cost-review-title">
        AWS cost review — {now}
        {review.account ? ` · account ${review.account}` : ''}
      </h2>
      <Summary review={review} />
      <ReviewDailyCard review={review} />
      {review.byAccount.length ? (
        <Card title="By account" meta={`${review.byAccount.length} accounts`} flush>
          <CostComparisonTable
            caption={`Spend by account, ${now} against ${before}`}
            lines={review.byAccount.map((a) => a.total)}
            currency={currency}
            keyHeader="Account"
            {...headers}
          />
        </Card>
      ) : null}
      <div className="grid-2 cost-review-grid">
        <Card title="Top increases" flush>
          <CostComparisonTable
            caption={`Top increases, ${now} against ${before}`}
            lines={review.topIncreases}
            currency={currency}
            keyHeader="Service"
            {...short}
            compact
            empty="No service grew."
          />
        </Card>
        <Card title="Top decreases" flush>
          <CostComparisonTable
            caption={`Top decreases, ${now} against ${before}`}
            lines={review.topDecreases}
            currency={currency}
            keyHeader="Service"
            {...short}
            compact
            empty="No service shrank."
          />
        </Card>
      </div>
      <Card title="By service" meta={`${review.byService.length} services, largest first`} flush>
        <CostComparisonTable
          caption={`Spend by service, ${now} against ${before}`}
          lines={review.byService}
          currency={currency}
          keyHeader="Service"
          {...headers}
        />
      </Card>
      {review.byTag.map((tag) => (
        <Card key={tag.tagKey} title={`By tag ${tag.tagKey}`} flush>
          <CostComparisonTable
            caption={`Spend by tag ${tag.tagKey}, ${now} against ${before}`}
            lines={tag.lines}
            currency={currency}
            keyHeader={tag.tagKey}
            {...headers}
          />
        </Card>
      ))}
      <div className="grid-2 cost-review-grid">
        <Card title="Budget outcome" flush>
          {review.budgets.length === 0 ? (
            <p className="card-note">No budgets declared.</p>
          ) : (
            <div className="table-wrap">
              <table className="table cost-table">
                <caption className="sr-only">How each budget ended {now}</caption>
                <thead>
                  <tr>
                    <th scope="col">Budget</th>
                    <th scope="col" className="col-num">
                      Actual
                    </th>
                    <th scope="col" className="col-num">
                      Budget
                    </th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {review.budgets.map((b) => (
                    <tr key={b.name}>
                      <th scope="row">
                        <span className="cell-strong">{b.name}</span>
                        <span className="cell-sub">{b.scope}</span>
                      </th>
                      <td className="col-num">
                        {money(b.actual, currency)}
                        <span className="cell-sub">{percent(b.actualPercent)}</span>
                      </td>
                      <td className="col-num">{money(b.budget, currency)}</td>
                      <td>
                        <StatusPill tone={b.outcome === 'over' ? 'bad' : 'ok'}>{reviewOutcome(b, currency)}</StatusPill>
                        {b.crossed.length ? <span className="cell-sub">crossed {b.crossed.join(', ')}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="Untagged spend" flush>
          {review.untagged.length === 0 && review.problems[0] ? (
            <p className="card-note cost-unavailable">{notAvailable(problemText(review.problems[0]))}</p>
          ) : review.untagged.length === 0 ? (
            <p className="card-note">No tag keys declared (cost.tags).</p>
          ) : (
            <div className="table-wrap">
              <table className="table cost-table">
                <caption className="sr-only">Spend without each tag, {now}</caption>
                <thead>
                  <tr>
                    <th scope="col">Tag key</th>
                    <th scope="col" className="col-num">
                      Untagged
                    </th>
                    <th scope="col" className="col-num">
                      Of total
                    </th>
                    <th scope="col" className="col-num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {review.untagged.map((u) => (
                    <tr key={u.tagKey}>
                      <th scope="row" className="mono">
                        {u.tagKey}
                      </th>
                      <td className="col-num">{money(u.amount, currency)}</td>
                      <td className="col-num muted">{money(u.total, currency)}</td>
                      <td className="col-num">{share(u.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
      <p className="footnote cost-review-foot">
        Amounts in {currency}; months are UTC calendar months, as Cost Explorer counts them. Cost Explorer requests by
        the cockpit in {now}: {review.apiSpend.requests} ({money(review.apiSpend.cost, 'USD')}
        {review.apiSpend.replayed ? `; ${review.apiSpend.replayed} replayed sample answers, free` : ''}). Generated{' '}
        {new Date(review.generatedAt).toLocaleString()}.
      </p>
    </article>
  );
}

export function CostReviewView() {
  const overview = useStore(selectCostOverview);
  const review = useStore(selectCostReview);
  const activity = useStore(selectCostReviewActivity);
  const error = useStore(selectCostReviewError);
  const current = overview?.month ?? utcMonth();
  useEffect(() => {
    applyCostHash();
    const { costReview, costReviewMonth } = useStore.getState();
    if (costReview === null || (costReviewMonth !== null && costReview.month !== costReviewMonth))
      void loadCostReview();
    else syncCostHash();
  }, []);
  return (
    <div className="stack">
      <Toolbar current={current} />
      <CostProblems problems={[]} error={error} shownSince={review?.freshness.fetchedAt ?? null} />
      {review && activity !== 'loading' ? (
        <ReviewBody review={review} />
      ) : error ? null : (
        <Skeleton lines={10} label="Building the review…" />
      )}
    </div>
  );
}
