/**
 * The monthly review as Markdown, for a wiki page or a pull request: a summary, then one table per section.
 * Cell text is escaped so a "|" or a line break in a service or tag name cannot break the table.
 */
import { type CostAnomaly, type CostComparison, type CostReview, UNTAGGED_LABEL } from '../../shared/model/cost';
import { cents, dec, formatMoney } from './money';

export function mdCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * A table whose `numbers` columns are right-aligned and every other column left-aligned; by default every column
 * but the first holds numbers. Cells carry plain amounts (no thousands separators): only the headline is prose.
 */
function table(header: string[], rows: string[][], numbers?: ReadonlySet<number>): string {
  const align = header.map((_, i) => ((numbers ? numbers.has(i) : i > 0) ? '---:' : '---'));
  return [header, align, ...rows].map((row) => `| ${row.map(mdCell).join(' | ')} |`).join('\n');
}

function signed(amount: string): string {
  const value = cents(amount);
  return value.startsWith('-') ? value : `+${value}`;
}

function percentText(percent: number | null): string {
  if (percent === null) return 'new';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

function comparisonRows(lines: CostComparison[], label: (key: string) => string = (k) => k): string[][] {
  return lines.map((l) => [label(l.key), cents(l.current), cents(l.previous), signed(l.delta), percentText(l.percent)]);
}

/** The service, or "env=production" / "env (untagged)" for a tag value. */
export function anomalyLabel(anomaly: CostAnomaly): string {
  if (anomaly.groupBy.kind === 'service') return anomaly.key;
  return anomaly.key === '' ? `${anomaly.groupBy.key} ${UNTAGGED_LABEL}` : `${anomaly.groupBy.key}=${anomaly.key}`;
}

export function reviewToMarkdown(review: CostReview): string {
  const money = (v: string) => formatMoney(v, review.currency);
  const header = (first: string) => [first, review.month, review.previousMonth, 'Change', '%'];
  const out: string[] = [];
  out.push(`# AWS cost review — ${review.month}${review.account ? ` (account ${review.account})` : ''}`);
  out.push('');
  const direction = dec(review.total.delta).isNegative() ? 'down' : 'up';
  out.push(
    `Spend in ${review.month}: **${money(review.total.current)}**, ${direction} ${money(review.total.delta.replace(/^-/, ''))} ` +
      `(${percentText(review.total.percent)}) from ${money(review.total.previous)} in ${review.previousMonth}. Amounts in ${review.currency}; months are UTC calendar months.`,
  );
  if (review.estimated) out.push('', '_Some days are still estimated by AWS and may change._');
  for (const problem of review.problems) out.push('', `**Not included:** ${problem.message} ${problem.hint}`);

  if (review.byAccount.length) {
    out.push('', '## By account', '');
    out.push(
      table(
        header('Account'),
        review.byAccount.map((a) => comparisonRows([a.total])[0] ?? []),
      ),
    );
  }

  out.push('', '## Cost spikes', '');
  out.push(
    review.anomalies.length
      ? table(
          ['Spent by', 'From', 'To', 'Spent', 'Usual', 'Excess', 'Worst day'],
          review.anomalies.map((a) => [
            anomalyLabel(a),
            a.from,
            a.to,
            cents(a.amount),
            cents(a.expected),
            cents(a.excess),
            `${a.ratio.toFixed(1)}×`,
          ]),
          new Set([3, 4, 5, 6]),
        )
      : 'No day spent far above its usual level.',
  );

  out.push('', '## Top increases', '');
  out.push(
    review.topIncreases.length ? table(header('Service'), comparisonRows(review.topIncreases)) : 'No service grew.',
  );
  out.push('', '## Top decreases', '');
  out.push(
    review.topDecreases.length ? table(header('Service'), comparisonRows(review.topDecreases)) : 'No service shrank.',
  );

  out.push('', '## By service', '');
  out.push(table(header('Service'), comparisonRows(review.byService)));
  for (const tag of review.byTag) {
    out.push('', `## By tag \`${tag.tagKey}\``, '');
    out.push(
      table(
        header(tag.tagKey),
        comparisonRows(tag.lines, (k) => (k === '' ? UNTAGGED_LABEL : k)),
      ),
    );
  }

  if (review.budgets.length) {
    out.push('', '## Budgets', '');
    out.push(
      table(
        ['Budget', 'Scope', 'Actual', 'Budget', '% of budget', 'Over by', 'Outcome', 'Thresholds crossed'],
        review.budgets.map((b) => [
          b.name,
          b.scope,
          cents(b.actual),
          cents(b.budget),
          `${b.actualPercent.toFixed(1)}%`,
          b.overrun === null ? '—' : cents(b.overrun),
          b.outcome,
          b.crossed.join(', ') || '—',
        ]),
        new Set([2, 3, 4, 5]),
      ),
    );
  }

  if (review.crossings.length) {
    out.push('', '## Thresholds crossed', '');
    out.push(
      table(
        ['Date', 'Budget', 'Threshold', 'At'],
        review.crossings.map((c) => [c.date, c.budget, c.label, cents(c.limit)]),
        new Set([3]),
      ),
    );
  }

  if (review.untagged.length) {
    out.push('', '## Untagged spend', '');
    out.push(
      table(
        ['Tag', 'Untagged', 'Total', 'Share'],
        review.untagged.map((u) => [u.tagKey, cents(u.amount), cents(u.total), `${(u.share * 100).toFixed(1)}%`]),
      ),
    );
  }

  out.push('', '## Cost Explorer API spend', '');
  const replayed = review.apiSpend.replayed ? ` (${review.apiSpend.replayed} of them replayed sample data, free)` : '';
  out.push(
    `${review.apiSpend.requests} requests in ${review.apiSpend.month}${replayed}: ${money(review.apiSpend.cost)} at $0.01 per request.`,
  );
  if (review.apiSpend.accounts?.length) {
    out.push('');
    out.push(
      table(
        ['Account', 'Requests', 'Cost'],
        review.apiSpend.accounts.map((a) => [a.account, String(a.requests), cents(a.cost)]),
      ),
    );
  }
  out.push('', `_Generated ${review.generatedAt}._`, '');
  return out.join('\n');
}
