/**
 * How fresh the figures are and what the cockpit itself spent on Cost Explorer — shown wherever cost figures are,
 * so nobody mistakes cached or sample data for a live reading, and the $0.01 requests never go unseen.
 */
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { type ApiSpend, type CostFreshness, type CostProblem } from '../../../shared/model/cost';
import { freshnessParts, money, monthLabel } from './cost-format';

export function FreshnessLine({ freshness, problems }: { freshness: CostFreshness; problems: readonly CostProblem[] }) {
  const { tone, text } = freshnessParts(freshness, problems);
  return (
    <span className="cost-fresh">
      {freshness.fetchedAt ? <RelativeTime iso={freshness.fetchedAt} prefix="as of" /> : null}
      {freshness.fetchedAt ? <span aria-hidden="true"> · </span> : null}
      {tone === 'warn' ? (
        <StatusPill tone="warn" title={problems[0]?.hint}>
          {text}
        </StatusPill>
      ) : (
        <span>{text}</span>
      )}
    </span>
  );
}

/** "Cost Explorer this month: 12 requests · $0.12" (replayed requests are free), then each account's share. */
export function ApiSpendLine({ spend }: { spend: ApiSpend }) {
  const billable = spend.requests - spend.replayed;
  const accounts = spend.accounts ?? [];
  return (
    <span
      className="cost-api"
      title={`The cockpit's own Cost Explorer requests in ${monthLabel(spend.month)} (UTC): $0.01 each, every page counted. Replayed sample data is free.`}
    >
      Cost Explorer in {monthLabel(spend.month).split(' ')[0]}:{' '}
      {spend.requests === 0 ? (
        // Nothing sent is not "$0.00 spent" on figures: beside a failure it would read like a zero reading.
        'no requests sent'
      ) : (
        <>
          {spend.requests} request{spend.requests === 1 ? '' : 's'}
          {' · '}
          {/* Sample data costs nothing: "free" says so without a "$0.00" that reads like a zero figure. */}
          {spend.replayed > 0 && billable === 0 ? (
            'free (sample data)'
          ) : (
            <span className="num">{money(spend.cost, 'USD')}</span>
          )}
        </>
      )}
      {accounts.length ? (
        <span className="cost-api-accounts">
          {' ('}
          {accounts.map((a, i) => (
            <span key={a.account}>
              {i > 0 ? ', ' : ''}
              {a.account}: {a.requests} · <span className="num">{money(a.cost, 'USD')}</span>
            </span>
          ))}
          {')'}
        </span>
      ) : null}
    </span>
  );
}
