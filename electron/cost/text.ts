/**
 * The cost figures as terminal text for `cockpit cost`: aligned columns, amounts to the cent, and the freshness and
 * API spend lines the screen shows too. Pure, so the CLI's output is tested without a terminal.
 */
import {
  type ApiSpend,
  type BudgetStatus,
  type CostComparison,
  type CostFreshness,
  type CostProblem,
  type CostReview,
  type CostScreen,
  UNTAGGED_LABEL,
} from '../../shared/model/cost';
import { cents, dec, formatMoney } from './money';

const stateMarks: Record<BudgetStatus['state'], string> = { ok: '✓', 'at-risk': '!', over: '✗', unknown: '?' };

function signedMoney(amount: string, currency: string): string {
  const text = formatMoney(amount, currency);
  return dec(amount).isNegative() || dec(amount).isZero() ? text : `+${text}`;
}

function percentText(percent: number | null): string {
  if (percent === null) return 'new';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)} %`;
}

/** Rows of cells as aligned columns; `right` lists the columns aligned right (numbers). */
export function columns(rows: string[][], right: ReadonlySet<number>, indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          const pad = (widths[i] ?? 0) - [...cell].length;
          return right.has(i) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
        })
        .join('  ')
        .trimEnd(),
  );
}

export function freshnessText(freshness: CostFreshness, problems: readonly CostProblem[]): string {
  if (!freshness.fetchedAt) return 'no data yet';
  const at = `${freshness.fetchedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const source = freshness.replay ? 'replayed sample data' : freshness.fromCache ? 'from the cache' : 'just fetched';
  const stale = freshness.stale ? ` · stale: ${problems[0]?.message ?? 'the last refresh failed'}` : '';
  return `as of ${at} · ${source}${stale}`;
}

export function apiSpendText(spend: { month: string; requests: number; cost: string; replayed: number }): string {
  const replayed = spend.replayed ? ` (${spend.replayed} replayed, free)` : '';
  return `${spend.requests} request${spend.requests === 1 ? '' : 's'} in ${spend.month}${replayed} · $${cents(spend.cost)}`;
}

function budgetRows(budgets: readonly BudgetStatus[]): string[] {
  const rows = budgets.map((b) => {
    const crossed = b.thresholds.filter((t) => t.crossed).map((t) => t.label);
    return [
      stateMarks[b.state],
      b.name,
      b.scope,
      b.state === 'unknown'
        ? `unknown of ${formatMoney(b.budget, b.currency)}`
        : `${formatMoney(b.actual, b.currency)} of ${formatMoney(b.budget, b.currency)}`,
      b.state === 'unknown' ? '' : `${b.actualPercent.toFixed(1)} %`,
      b.forecast === null ? 'forecast —' : `forecast ${formatMoney(b.forecast, b.currency)}`,
      `${b.state}${crossed.length ? ` (${crossed.join(', ')})` : ''}${b.overrun === null ? '' : ` · ends ${formatMoney(b.overrun, b.currency)} over`}`,
    ];
  });
  return columns(rows, new Set([3, 4]), '    ');
}

function comparisonRows(lines: readonly CostComparison[], currency: string, label = (k: string) => k): string[] {
  return columns(
    lines.map((l) => [
      label(l.key),
      formatMoney(l.current, currency),
      signedMoney(l.delta, currency),
      percentText(l.percent),
    ]),
    new Set([1, 2, 3]),
    '    ',
  );
}

/** `cockpit cost`: this month at a glance. */
export function screenText(screen: CostScreen, workspace: string): string {
  const { overview } = screen;
  const currency = overview.currency;
  const out: string[] = [];
  out.push(
    `${workspace} · AWS cost for ${overview.month}${accountText(overview.account, overview.accounts)} (UTC months, as Cost Explorer counts)`,
  );
  const elapsed = overview.daysInMonth - overview.daysLeft + 1;
  const facts: string[][] = [
    [
      'Month to date',
      overview.monthToDate === null
        ? 'unknown'
        : `${formatMoney(overview.monthToDate, currency)}  (day ${elapsed} of ${overview.daysInMonth}, ${overview.daysLeft} left)`,
    ],
  ];
  for (const { account, amount } of overview.byAccount) {
    facts.push([`  account ${account}`, amount === null ? 'unknown' : formatMoney(amount, currency)]);
  }
  if (overview.forecast) {
    const { mean, low, high } = overview.forecast.monthEnd;
    facts.push([
      'Month-end forecast',
      `${formatMoney(mean, currency)}  (range ${formatMoney(low, currency)} – ${formatMoney(high, currency)})`,
    ]);
  }
  if (overview.totalBudget) {
    const total = overview.totalBudget;
    // A budget whose spend could not be read is unknown, never "0.0 % used".
    facts.push([
      'Budget',
      total.state === 'unknown'
        ? `${formatMoney(total.budget, currency)} · used: unknown (the spend could not be read)`
        : `${formatMoney(total.budget, currency)} · ${total.actualPercent.toFixed(1)} % used`,
    ]);
  }
  if (overview.worstBudget?.overrun) {
    const worst = overview.worstBudget;
    facts.push(['Worst budget', `${worst.name} ends ${formatMoney(worst.overrun ?? '0', currency)} over`]);
  }
  out.push(...columns(facts, new Set()));
  if (screen.budgets.length) out.push('', '  Budgets', ...budgetRows(screen.budgets));
  if (screen.anomalies.length) out.push('', '  Cost spikes', ...screen.anomalies.map((a) => `    ${a.message}`));
  if (screen.movers.length) {
    out.push('', '  Top movers against the same days of last month');
    out.push(...comparisonRows(screen.movers.slice(0, 5), currency));
  }
  if (screen.untagged.length) {
    out.push('', '  Untagged spend this month');
    out.push(
      ...columns(
        screen.untagged.map((u) => [
          u.tagKey,
          formatMoney(u.amount, currency),
          `${(u.share * 100).toFixed(1)} % of ${formatMoney(u.total, currency)}`,
        ]),
        new Set([1]),
        '    ',
      ),
    );
  }
  out.push('');
  out.push(
    ...columns(
      [
        ['Data', freshnessText(overview.freshness, overview.problems)],
        ['Cost Explorer', `${apiSpendText(overview.apiSpend)} spent by the cockpit at $0.01 per request`],
        ...accountSpendRows(overview.apiSpend),
      ],
      new Set(),
    ),
  );
  return out.join('\n');
}

/** `cockpit cost --month 2026-10`: a closed month against the one before. */
export function reviewText(review: CostReview, workspace: string): string {
  const { currency } = review;
  const out: string[] = [];
  out.push(
    `${workspace} · AWS cost review for ${review.month} against ${review.previousMonth}${accountText(review.account, review.accounts)}`,
  );
  out.push(
    ...columns(
      [
        [
          'Total',
          `${formatMoney(review.total.current, currency)}  (${signedMoney(review.total.delta, currency)}, ${percentText(review.total.percent)} from ${formatMoney(review.total.previous, currency)})`,
        ],
        ...review.byAccount.map(({ account, total }) => [
          `  account ${account}`,
          `${formatMoney(total.current, currency)}  (${signedMoney(total.delta, currency)}, ${percentText(total.percent)} from ${formatMoney(total.previous, currency)})`,
        ]),
      ],
      new Set(),
    ),
  );
  if (review.estimated) out.push('  Some days are still estimated by AWS and may change.');
  for (const problem of review.problems) out.push(`  Not included: ${problem.message}`);
  if (review.anomalies.length) out.push('', '  Cost spikes', ...review.anomalies.map((a) => `    ${a.message}`));
  if (review.topIncreases.length) out.push('', '  Top increases', ...comparisonRows(review.topIncreases, currency));
  if (review.topDecreases.length) out.push('', '  Top decreases', ...comparisonRows(review.topDecreases, currency));
  for (const tag of review.byTag) {
    out.push('', `  By tag ${tag.tagKey}`);
    out.push(...comparisonRows(tag.lines, currency, (k) => (k === '' ? UNTAGGED_LABEL : k)));
  }
  if (review.budgets.length) {
    out.push('', '  Budgets');
    out.push(
      ...columns(
        review.budgets.map((b) => [
          b.outcome === 'over' ? '✗' : '✓',
          b.name,
          `${formatMoney(b.actual, currency)} of ${formatMoney(b.budget, currency)}`,
          `${b.actualPercent.toFixed(1)} %`,
          b.overrun === null ? b.outcome : `over by ${formatMoney(b.overrun, currency)}`,
          b.crossed.length ? `crossed ${b.crossed.join(', ')}` : '',
        ]),
        new Set([2, 3]),
        '    ',
      ),
    );
  }
  if (review.crossings.length) {
    out.push('', '  Thresholds crossed');
    out.push(
      ...columns(
        review.crossings.map((c) => [c.date, c.budget, c.label, formatMoney(c.limit, currency)]),
        new Set([3]),
        '    ',
      ),
    );
  }
  out.push('');
  out.push(
    ...columns([['Cost Explorer', apiSpendText(review.apiSpend)], ...accountSpendRows(review.apiSpend)], new Set()),
  );
  return out.join('\n');
}

/** " · account shop" for one account of several, " · all accounts (shop, data)" for all of several. */
function accountText(account: string | null, accounts: readonly string[]): string {
  if (account !== null) return ` · account ${account}`;
  return accounts.length > 1 ? ` · all accounts (${accounts.join(', ')})` : '';
}

function accountSpendRows(spend: ApiSpend): string[][] {
  return (spend.accounts ?? []).map((a) => [`  account ${a.account}`, apiSpendText({ ...a, month: spend.month })]);
}

/** Problems as lines for stderr: what went wrong and what to do. */
export function problemLines(problems: readonly CostProblem[]): string[] {
  return problems.map((p) => `! ${p.message} ${p.hint}`);
}
