/**
 * The monthly review end to end (real SDK, loopback double, SQLite in memory), and its CSV and Markdown exports
 * parsed back.
 */
import { Database } from '../journal/sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CostReview, UNTAGGED_LABEL } from '../../shared/model/cost';
import { CockpitError } from '../../shared/rpc';
import { costSchema } from '../../shared/workspace/cost';
import {
  type CostExplorerDouble,
  type CostRow,
  fromUnits,
  makeRows,
  startCostExplorerDouble,
  sumRows,
  testCredentials,
  toUnits,
} from '../../test/support/cost-explorer-double';
import { createCostFeature } from './create';
import { reviewToCsv } from './export-csv';
import { reviewToMarkdown } from './export-markdown';
import { createCostTables } from './schema';

const QUOTED = 'Amazon "Quoted", Service\nwith a line break';
const PIPED = 'Service | with a pipe';
const services = ['Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service', QUOTED, PIPED];
const rows: CostRow[] = [
  ...makeRows({ from: '2026-09-01', to: '2026-11-21', services, seed: 3, max: 4 }),
  // A service that is new in October, and one that stopped.
  { date: '2026-10-15', service: 'Amazon Bedrock', tags: { env: 'staging' }, amount: '12.3456789012' },
  { date: '2026-09-15', service: 'Amazon Kendra', amount: '40' },
];

const config = costSchema.parse({
  tags: ['env'],
  budgets: [
    { name: 'All of AWS', monthly: '400 USD' },
    {
      name: 'Production',
      filter: { tag: 'env=production' },
      monthly: '100 USD',
      alerts: ['actual 50%', 'actual 100%'],
    },
  ],
});

const inMonth = (month: string) => (r: CostRow) => r.date.startsWith(month);
const sum = (keep: (r: CostRow) => boolean) => fromUnits(sumRows(rows, keep));

let double: CostExplorerDouble;
const dbs: Database[] = [];
beforeAll(async () => {
  double = await startCostExplorerDouble({ rows, today: '2026-11-20' });
});
afterAll(async () => {
  await double.close();
});
afterEach(() => {
  double.resetCounts();
  double.setToday('2026-11-20');
  for (const db of dbs.splice(0)) db.close();
});

function feature(clock: { now: Date }, db = createCostTables(new Database(':memory:'))) {
  dbs.push(db);
  return createCostFeature({
    config,
    db,
    workspaceDir: '/',
    now: () => clock.now,
    client: { endpoint: double.endpoint, credentials: testCredentials, maxAttempts: 1 },
  });
}

describe('the monthly review', () => {
  it('compares last month with the one before, exactly, and a second review sends nothing', async () => {
    const clock = { now: new Date('2026-11-20T10:00:00Z') };
    const cost = feature(clock);
    const review = await cost.review();
    const cold = double.count();
    // October and September, by service and by env: four answers, one page each.
    expect(cold).toBe(4);
    expect(double.requests.every((r) => r.operation === 'GetCostAndUsage')).toBe(true);

    expect(review).toMatchObject({ month: '2026-10', previousMonth: '2026-09', currency: 'USD', estimated: false });
    expect(review.total).toMatchObject({ current: sum(inMonth('2026-10')), previous: sum(inMonth('2026-09')) });
    expect(review.total.delta).toBe(fromUnits(sumRows(rows, inMonth('2026-10')) - sumRows(rows, inMonth('2026-09'))));

    const serviceNames = [...services, 'Amazon Bedrock', 'Amazon Kendra'];
    expect(review.byService.map((l) => l.key).sort()).toEqual(serviceNames.sort());
    for (const line of review.byService) {
      expect(line.current).toBe(sum((r) => inMonth('2026-10')(r) && r.service === line.key));
      expect(line.previous).toBe(sum((r) => inMonth('2026-09')(r) && r.service === line.key));
    }
    expect(review.byService.find((l) => l.key === 'Amazon Bedrock')).toMatchObject({ previous: '0', percent: null });
    expect(review.topIncreases.map((l) => l.key)).toContain('Amazon Bedrock');
    expect(review.topDecreases.map((l) => l.key)).toContain('Amazon Kendra');
    expect(review.topIncreases.every((l) => toUnits(l.delta) > 0n)).toBe(true);
    expect(review.topDecreases.every((l) => toUnits(l.delta) < 0n)).toBe(true);

    const env = review.byTag[0];
    expect(env?.tagKey).toBe('env');
    expect(Object.fromEntries(env?.lines.map((l) => [l.key, l.current]) ?? [])).toEqual({
      production: sum((r) => inMonth('2026-10')(r) && r.tags?.env === 'production'),
      staging: sum((r) => inMonth('2026-10')(r) && r.tags?.env === 'staging'),
      '': sum((r) => inMonth('2026-10')(r) && !r.tags?.env),
    });
    expect(review.untagged[0]).toMatchObject({
      tagKey: 'env',
      amount: sum((r) => inMonth('2026-10')(r) && !r.tags?.env),
      total: sum(inMonth('2026-10')),
    });

    const production = sumRows(rows, (r) => inMonth('2026-10')(r) && r.tags?.env === 'production');
    expect(review.budgets[1]).toMatchObject({
      name: 'Production',
      actual: fromUnits(production),
      outcome: production >= toUnits('100') ? 'over' : 'under',
    });
    expect(review.budgets[1]?.crossed).toEqual(
      [production >= toUnits('50') ? 'actual 50%' : '', production >= toUnits('100') ? 'actual 100%' : ''].filter(
        Boolean,
      ),
    );

    // Both months are closed: the same review again, even forced, asks AWS nothing.
    double.resetCounts();
    const again = await cost.review({ force: true });
    expect(double.count()).toBe(0);
    expect(again.total).toEqual(review.total);
    expect(again.freshness.fromCache).toBe(true);
    cost.close();
  });

  it('adds the daily chart, the day each threshold was crossed and the overrun, from the same four answers', async () => {
    const db = createCostTables(new Database(':memory:'));
    // The forecast crossed 100 % of "All of AWS" on October 12th: the alert log holds when it fired.
    db.prepare(
      `INSERT INTO cost_budget_alerts (workspace, account, budget, month, threshold, kind, amount, lim, fired_at)
       VALUES ('/', '', 'All of AWS', '2026-10', 'forecast 100%', 'forecast', '401', '400', '2026-10-12T08:00:00.000Z')`,
    ).run();
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') }, db);
    const review = await cost.review();
    expect(double.count()).toBe(4);

    expect(review.daily.from).toBe('2026-10-01');
    expect(review.daily.days).toHaveLength(31);
    for (const day of review.daily.days) expect(day.total).toBe(sum((r) => r.date === day.date));

    // Production's running total from the daily figures: the first day at or above 50 and 100.
    const production = (r: CostRow) => inMonth('2026-10')(r) && r.tags?.env === 'production';
    const crossedOn = (limit: string) => {
      for (let d = 1; d <= 31; d++) {
        const date = `2026-10-${String(d).padStart(2, '0')}`;
        if (sumRows(rows, (r) => production(r) && r.date <= date) >= toUnits(limit)) return date;
      }
      return undefined;
    };
    const expected = [
      { budget: 'All of AWS', kind: 'forecast', label: 'forecast 100%', limit: '400', date: '2026-10-12' },
      ...['50', '100'].flatMap((limit) => {
        const date = crossedOn(limit);
        return date ? [{ budget: 'Production', kind: 'actual', label: `actual ${limit}%`, limit: limit, date }] : [];
      }),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    expect(expected.length).toBeGreaterThan(1);
    expect(review.crossings).toEqual(expect.arrayContaining(expected));
    expect(review.crossings.filter((c) => c.budget === 'Production' || c.kind === 'forecast')).toEqual(expected);
    expect(review.crossings.map((c) => c.date)).toEqual([...review.crossings.map((c) => c.date)].sort());

    const actual = sumRows(rows, production);
    expect(review.budgets[1]?.overrun).toBe(actual > toUnits('100') ? fromUnits(actual - toUnits('100')) : null);
    cost.close();
  });

  it('refuses a month Cost Explorer no longer holds, before sending anything', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    await expect(cost.review({ month: '2025-09' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no longer holds 2025-09.*oldest month to review is 2025-10/),
    });
    expect(double.count()).toBe(0);
    cost.close();
  });

  it('counts what the cockpit spent on Cost Explorer during the reviewed month', async () => {
    const db = createCostTables(new Database(':memory:'));
    const clock = { now: new Date('2026-10-20T10:00:00Z') };
    double.setToday('2026-10-20');
    const october = feature(clock, db);
    await october.service.overview();
    const inOctober = double.count();
    expect(inOctober).toBeGreaterThan(0);

    clock.now = new Date('2026-11-20T10:00:00Z');
    double.setToday('2026-11-20');
    const later = await october.review();
    expect(later.apiSpend).toEqual({
      month: '2026-10',
      requests: inOctober,
      replayed: 0,
      cost: fromUnits(BigInt(inOctober) * toUnits('0.01')),
    });
    october.close();
  });

  it('marks a month AWS still estimates, and does not cache it forever', async () => {
    // On November 1st the double still marks October 30th and 31st as estimates.
    double.setToday('2026-11-01');
    const clock = { now: new Date('2026-11-01T06:00:00Z') };
    const cost = feature(clock);
    expect((await cost.review()).estimated).toBe(true);
    double.resetCounts();
    clock.now = new Date('2026-11-01T15:00:00Z');
    await cost.review();
    // October (estimated) is asked again after 8 hours; September (closed) is not.
    expect(double.requests.map((r) => (r.body.TimePeriod as { Start: string }).Start)).toEqual([
      '2026-10-01',
      '2026-10-01',
    ]);
    cost.close();
  });

  it('refuses a month that has not ended (in UTC)', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    await expect(cost.review({ month: '2026-11' })).rejects.toThrow(/2026-11 has not ended yet/);
    await expect(cost.review({ month: 'October' })).rejects.toBeInstanceOf(CockpitError);
    expect((await cost.review({ month: '2026-09' })).previousMonth).toBe('2026-08');
    cost.close();
  });

  describe('exports', () => {
    let review: CostReview;
    beforeAll(async () => {
      const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
      review = await cost.review();
      cost.close();
    });

    it('writes RFC 4180 CSV that parses back to the same figures', () => {
      const csv = reviewToCsv(review);
      expect(csv.endsWith('\r\n')).toBe(true);
      const table = parseCsv(csv);
      expect(table[0]).toEqual([
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
      const byItem = (section: string) => new Map(table.filter((r) => r[0] === section).map((r) => [r[1], r]));

      const serviceRows = byItem('service');
      expect(serviceRows.size).toBe(review.byService.length);
      const quoted = serviceRows.get(QUOTED);
      const line = review.byService.find((l) => l.key === QUOTED);
      expect(quoted?.slice(2, 5)).toEqual([cents(line?.current), cents(line?.previous), cents(line?.delta)]);
      expect(csv).toContain('"Amazon ""Quoted"", Service\nwith a line break"');

      const total = table.find((r) => r[0] === 'total');
      expect(total?.[2]).toBe(cents(review.total.current));
      expect(byItem('tag env').get(UNTAGGED_LABEL)?.[2]).toBe(
        cents(review.byTag[0]?.lines.find((l) => l.key === '')?.current),
      );
      const production = byItem('budget').get('Production');
      expect(production?.[8]).toMatch(/^(over|under) 100\.00 USD \(env=production\)/);
      // A budget's share of its budget has its own column: "change %" stays a change.
      expect(production?.[5]).toBe('');
      expect(production?.[6]).toBe(review.budgets.find((b) => b.name === 'Production')?.actualPercent.toFixed(1));
      expect(byItem('untagged').get('env')?.[7]).toBe((Number(review.untagged[0]?.share) * 100).toFixed(1));
      expect(byItem('cost explorer api').get('requests')?.[8]).toMatch(/requests in 2026-10/);
      expect(table.every((r) => r.length === 9)).toBe(true);
    });

    it('writes Markdown tables that survive pipes and line breaks in names', () => {
      const md = reviewToMarkdown(review);
      expect(md).toMatch(/^# AWS cost review — 2026-10\n/);
      const section = (title: string) => {
        const start = md.indexOf(`## ${title}\n`);
        const end = md.indexOf('\n## ', start + 1);
        return md.slice(start, end < 0 ? undefined : end);
      };
      const rowsOf = (text: string) =>
        text
          .split('\n')
          .filter((l) => l.startsWith('| '))
          .slice(2)
          .map((l) =>
            l
              .slice(2, -2)
              .split(/(?<!\\) \| /)
              .map((c) => c.replace(/\\\|/g, '|').replace(/\\\\/g, '\\')),
          );

      const byService = rowsOf(section('By service'));
      expect(byService).toHaveLength(review.byService.length);
      const piped = byService.find((r) => r[0] === PIPED);
      const line = review.byService.find((l) => l.key === PIPED);
      expect(piped?.slice(1, 3)).toEqual([cents(line?.current), cents(line?.previous)]);
      expect(byService.find((r) => r[0] === QUOTED.replace('\n', ' '))).toBeDefined();
      expect(byService.find((r) => r[0] === 'Amazon Bedrock')?.[4]).toBe('new');

      const env = rowsOf(section('By tag `env`'));
      expect(env.map((r) => r[0]).sort()).toEqual([UNTAGGED_LABEL, 'production', 'staging'].sort());
      expect(rowsOf(section('Budgets')).map((r) => r[0])).toEqual(['All of AWS', 'Production']);
      expect(section('Cost Explorer API spend')).toMatch(/requests in 2026-10: .* at \$0\.01 per request/);
    });
  });
});

/** Cents the way a reader computes them: from exact units, rounded half up (the tests' own arithmetic). */
function cents(amount: string | undefined): string {
  const units = toUnits(amount ?? '0');
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const rounded = (abs + 50_000_000n) / 100_000_000n; // 1e10 units per dollar → cents
  const text = `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '\n' || c === '\r' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
  }
  if (field !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}
