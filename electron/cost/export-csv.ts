/**
 * The monthly review as CSV (RFC 4180): CRLF line ends, a header row, and a field quoted when it holds a comma,
 * a double quote, CR or LF, with its quotes doubled. Service names such as "Amazon Elastic Compute Cloud - Compute"
 * and tag values may hold any of these. Amounts are rounded to cents, after summing exactly.
 *
 * One table for every section, so a spreadsheet can filter on the first column:
 * section, item, <month>, <previous month>, delta, change %, % of budget, % of total, note. A budget's share of
 * its budget and the untagged share of all spend have their own columns: "change %" is only ever a change.
 */
import { type CostComparison, type CostReview, UNTAGGED_LABEL } from '../../shared/model/cost';
import { anomalyLabel } from './export-markdown';
import { cents } from './money';

/**
 * Text from AWS (service names, tag values anyone can set on a resource) that starts like a formula would run as
 * one in a spreadsheet ("=HYPERLINK(…)"): such text gets a leading apostrophe, which spreadsheets show as text.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

function percentText(percent: number | null): string {
  return percent === null ? '' : percent.toFixed(1);
}

function comparisonRow(section: string, line: CostComparison, label = line.key): string[] {
  return [
    section,
    label,
    cents(line.current),
    cents(line.previous),
    cents(line.delta),
    percentText(line.percent),
    '',
    '',
    line.percent === null && line.current !== '0' ? 'new' : '',
  ];
}

/** A row of the sections that are not comparisons: the amount in this month's column, a note at the end. */
function row(
  section: string,
  item: string,
  current: string,
  note: string,
  shares: [string, string] = ['', ''],
): string[] {
  return [section, item, current, '', '', '', shares[0], shares[1], note];
}

export function reviewToCsv(review: CostReview): string {
  const rows: string[][] = [
    ['section', 'item', review.month, review.previousMonth, 'delta', 'change %', '% of budget', '% of total', 'note'],
  ];
  rows.push(comparisonRow('total', review.total, `All spend (${review.currency})`));
  for (const { total } of review.byAccount) rows.push(comparisonRow('account', total));
  for (const problem of review.problems) {
    rows.push(row('not included', problem.account ?? '', '', `${problem.message} ${problem.hint}`));
  }
  for (const line of review.byService) rows.push(comparisonRow('service', line));
  for (const tag of review.byTag) {
    for (const line of tag.lines)
      rows.push(comparisonRow(`tag ${tag.tagKey}`, line, line.key === '' ? UNTAGGED_LABEL : line.key));
  }
  for (const line of review.topIncreases) rows.push(comparisonRow('top increase', line));
  for (const line of review.topDecreases) rows.push(comparisonRow('top decrease', line));
  for (const anomaly of review.anomalies) {
    rows.push(
      row(
        'cost spike',
        anomalyLabel(anomaly),
        cents(anomaly.amount),
        `${anomaly.from} to ${anomaly.to}: usual ${cents(anomaly.expected)}, excess ${cents(anomaly.excess)}, worst day ${anomaly.ratio.toFixed(1)}×`,
      ),
    );
  }
  for (const budget of review.budgets) {
    const crossed = budget.crossed.length ? `; crossed ${budget.crossed.join(', ')}` : '';
    const over = budget.overrun === null ? '' : `; over by ${cents(budget.overrun)}`;
    rows.push(
      row(
        'budget',
        budget.name,
        cents(budget.actual),
        `${budget.outcome} ${cents(budget.budget)} ${review.currency} (${budget.scope})${over}${crossed}`,
        [budget.actualPercent.toFixed(1), ''],
      ),
    );
  }
  for (const crossing of review.crossings) {
    rows.push(
      row('threshold crossed', crossing.budget, cents(crossing.limit), `${crossing.label} on ${crossing.date}`),
    );
  }
  for (const spend of review.untagged) {
    rows.push(
      row('untagged', spend.tagKey, cents(spend.amount), `of ${cents(spend.total)} ${review.currency}`, [
        '',
        (spend.share * 100).toFixed(1),
      ]),
    );
  }
  rows.push(
    row(
      'cost explorer api',
      'requests',
      cents(review.apiSpend.cost),
      `${review.apiSpend.requests} requests in ${review.apiSpend.month}${review.apiSpend.replayed ? ` (${review.apiSpend.replayed} replayed, free)` : ''}`,
    ),
  );
  for (const spend of review.apiSpend.accounts ?? []) {
    rows.push(row('cost explorer api', `account ${spend.account}`, cents(spend.cost), `${spend.requests} requests`));
  }
  // Columns 2–7 are numbers (a negative delta starts with "-" legitimately); the others are text.
  const text = new Set([0, 1, 8]);
  return `${rows.map((row) => csvLine(row.map((cell, i) => (text.has(i) ? safeText(cell) : cell)))).join('\r\n')}\r\n`;
}
