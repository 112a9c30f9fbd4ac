import { describe, expect, it } from 'vitest';
import { type CostReview } from '../../shared/model/cost';
import { csvField, csvLine, reviewToCsv, safeText } from './export-csv';
import { mdCell, reviewToMarkdown } from './export-markdown';

describe('export escaping', () => {
  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('Amazon Simple Storage Service')).toBe('Amazon Simple Storage Service');
    expect(csvField('EC2 - Other, NAT')).toBe('"EC2 - Other, NAT"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",');
  });

  it('keeps text that looks like a formula from running in a spreadsheet', () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeText('Amazon S3')).toBe('Amazon S3');
  });

  it('escapes Markdown table cells', () => {
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdCell('one\ntwo')).toBe('one two');
    expect(mdCell('back\\slash')).toBe('back\\\\slash');
  });
});

const review: CostReview = {
  accounts: ['shop', 'data'],
  account: null,
  byAccount: [],
  problems: [],
  month: '2026-10',
  previousMonth: '2026-09',
  currency: 'USD',
  total: { key: 'total', current: '12345.678', previous: '10000', delta: '2345.678', percent: 23.5 },
  byService: [{ key: 'Amazon EC2', current: '12345.678', previous: '10000', delta: '2345.678', percent: 23.5 }],
  byTag: [],
  topIncreases: [],
  topDecreases: [],
  budgets: [
    {
      name: 'All of AWS',
      scope: 'all of AWS',
      budget: '10000',
      actual: '12345.678',
      actualPercent: 123.5,
      outcome: 'over',
      crossed: ['actual 80%', 'actual 100%'],
      overrun: '2345.678',
    },
  ],
  untagged: [{ tagKey: 'env', amount: '1234.5', total: '12345.678', share: 0.1 }],
  daily: {
    groupBy: { kind: 'service' },
    currency: 'USD',
    from: '2026-10-01',
    to: '2026-11-01',
    keys: [],
    totals: {},
    total: '0',
    days: [],
  },
  anomalies: [
    {
      id: 'service::Amazon EC2:2026-10-03',
      groupBy: { kind: 'service' },
      key: 'Amazon EC2',
      from: '2026-10-03',
      to: '2026-10-09',
      amount: '1812.4',
      expected: '90.3',
      excess: '1722.1',
      baselineDaily: '12.9',
      ratio: 20.1,
      currency: 'USD',
      ongoing: false,
      message: 'Amazon EC2 spent 1,812.40 USD from 3 to 9 Oct, 20.1× its usual 12.90 USD a day.',
    },
  ],
  crossings: [
    { budget: 'All of AWS', kind: 'forecast', label: 'forecast 100%', limit: '10000', date: '2026-10-05' },
    { budget: 'All of AWS', kind: 'actual', label: 'actual 80%', limit: '8000', date: '2026-10-21' },
  ],
  apiSpend: {
    month: '2026-10',
    requests: 1200,
    cost: '1200',
    replayed: 0,
    accounts: [{ account: 'shop', requests: 1200, cost: '1200', replayed: 0 }],
  },
  estimated: false,
  generatedAt: '2026-11-20T10:00:00.000Z',
  freshness: { fetchedAt: null, fromCache: true, stale: false, replay: false },
};

/** The Markdown table under a heading: its header, alignment row and rows, as cells. */
function mdTable(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  let start = lines.indexOf(heading) + 1;
  while (start < lines.length && !lines[start]?.startsWith('|')) start++;
  const rows: string[][] = [];
  for (let i = start; lines[i]?.startsWith('|'); i++) rows.push((lines[i] ?? '').slice(2, -2).split(' | '));
  return rows;
}

describe('the review exports', () => {
  it('Markdown: text columns left, numbers right; thousands separators only in the headline', () => {
    const md = reviewToMarkdown(review);
    expect(md).toMatch(/Spend in 2026-10: \*\*12,345\.68 USD\*\*/);
    const budgets = mdTable(md, '## Budgets');
    expect(budgets[0]).toEqual([
      'Budget',
      'Scope',
      'Actual',
      'Budget',
      '% of budget',
      'Over by',
      'Outcome',
      'Thresholds crossed',
    ]);
    expect(budgets[1]).toEqual(['---', '---', '---:', '---:', '---:', '---:', '---', '---']);
    expect(budgets[2]).toEqual([
      'All of AWS',
      'all of AWS',
      '12345.68',
      '10000.00',
      '123.5%',
      '2345.68',
      'over',
      'actual 80%, actual 100%',
    ]);
    expect(mdTable(md, '## Cost spikes')[2]).toEqual([
      'Amazon EC2',
      '2026-10-03',
      '2026-10-09',
      '1812.40',
      '90.30',
      '1722.10',
      '20.1×',
    ]);
    expect(mdTable(md, '## Thresholds crossed').slice(2)).toEqual([
      ['2026-10-05', 'All of AWS', 'forecast 100%', '10000.00'],
      ['2026-10-21', 'All of AWS', 'actual 80%', '8000.00'],
    ]);
    expect(mdTable(md, '## Cost Explorer API spend')[2]).toEqual(['shop', '1200', '1200.00']);
    // Only the headline and prose lines carry separators; no table cell does.
    expect(md.split('\n').filter((l) => l.startsWith('|') && /\d,\d{3}/.test(l))).toEqual([]);
  });

  it("CSV: a budget's share of its budget in its own column, with the overrun, spikes and crossings", () => {
    const rows = reviewToCsv(review)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual([
      'section',
      'item',
      '2026-10',
      '2026-09',
      'delta',
      'change %',
      '% of budget',
      '% of total',
      'note',
    ]);
    const budget = rows.find((r) => r[0] === 'budget');
    expect(budget?.slice(0, 8)).toEqual(['budget', 'All of AWS', '12345.68', '', '', '', '123.5', '']);
    expect(budget?.slice(8).join(',')).toMatch(
      /over 10000\.00 USD \(all of AWS\); over by 2345\.68; crossed actual 80%/,
    );
    expect(rows.find((r) => r[0] === 'untagged')?.slice(5, 8)).toEqual(['', '', '10.0']);
    expect(rows.find((r) => r[0] === 'cost spike')?.slice(0, 3)).toEqual(['cost spike', 'Amazon EC2', '1812.40']);
    expect(rows.filter((r) => r[0] === 'threshold crossed').map((r) => r[8])).toEqual([
      'forecast 100% on 2026-10-05',
      'actual 80% on 2026-10-21',
    ]);
  });
});
