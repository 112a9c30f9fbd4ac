/**
 * The cost service end to end: the real AWS SDK against the loopback double, SQLite cache in memory. Every figure
 * is checked against sums the test computes itself from the double's rows, in integer units.
 */
import { Database } from '../journal/sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { costSchema } from '../../shared/workspace/cost';
import {
  type CostExplorerDouble,
  type CostRow,
  type ForecastRequest,
  fromUnits,
  makeRows,
  startCostExplorerDouble,
  sumRows,
  testCredentials,
  toUnits,
} from '../../test/support/cost-explorer-double';
import { createCostFeature } from './create';
import { createCostTables } from './schema';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const LAMBDA = 'AWS Lambda';
const services = [EC2, 'Amazon Simple Storage Service', LAMBDA];
const rows = makeRows({ from: '2026-09-01', to: '2026-11-21', services, seed: 11, max: 2 });

/** Forecast means by scope, so each budget's forecast can be told apart. */
const forecastMeans: [string, string][] = [
  ['production', '90.5'],
  [LAMBDA, '5.25'],
  ['staging', '20'],
];
function forecast(request: ForecastRequest) {
  const filter = JSON.stringify(request.filter ?? null);
  const mean = forecastMeans.find(([needle]) => filter.includes(needle))?.[1] ?? '150.125';
  const units = toUnits(mean);
  return { mean, low: fromUnits((units * 9n) / 10n), high: fromUnits((units * 11n) / 10n) };
}

const config = costSchema.parse({
  tags: ['env'],
  budgets: [
    { name: 'All of AWS', monthly: '400 USD' },
    { name: 'Production', filter: { tag: 'env=production' }, monthly: '250 USD' },
    { name: 'Lambda', filter: { service: LAMBDA }, monthly: '10 USD', alerts: ['actual 50%'] },
    { name: 'Staging EC2', filter: { tag: 'env=staging', service: EC2 }, monthly: '60 USD' },
  ],
});

let double: CostExplorerDouble;
const dbs: Database[] = [];

beforeAll(async () => {
  double = await startCostExplorerDouble({ rows, today: '2026-11-20', forecast });
});
afterAll(async () => {
  await double.close();
});
afterEach(() => {
  double.resetCounts();
  double.clearFailures();
  double.setRows(rows);
  double.setToday('2026-11-20');
  for (const db of dbs.splice(0)) db.close();
});

function feature(clock: { now: Date }, cost = config) {
  const db = createCostTables(new Database(':memory:'));
  dbs.push(db);
  return createCostFeature({
    config: cost,
    db,
    workspaceDir: '/',
    now: () => clock.now,
    client: { endpoint: double.endpoint, credentials: testCredentials, maxAttempts: 1 },
  });
}

const inNovember = (r: CostRow) => r.date >= '2026-11-01' && r.date < '2026-11-21';
const beforeToday = (r: CostRow) => r.date >= '2026-11-01' && r.date < '2026-11-20';
const sum = (keep: (r: CostRow) => boolean) => fromUnits(sumRows(rows, keep));
const plus = (a: string, b: string) => fromUnits(toUnits(a) + toUnits(b));

describe('the Overview card', () => {
  it('shows month to date, the forecast with its band, days left and every budget, all exact', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    const overview = await cost.service.overview();

    expect(overview).toMatchObject({
      month: '2026-11',
      today: '2026-11-20',
      daysLeft: 11,
      daysInMonth: 30,
      currency: 'USD',
      problems: [],
    });
    expect(overview.monthToDate).toBe(sum(inNovember));
    // Month end = spend until yesterday + the forecast of today through the 30th (today's partial spend not twice).
    const untilYesterday = sum(beforeToday);
    expect(overview.forecast).toEqual({
      from: '2026-11-20',
      to: '2026-12-01',
      remaining: { mean: '150.125', low: '135.1125', high: '165.1375' },
      monthEnd: {
        mean: plus(untilYesterday, '150.125'),
        low: plus(untilYesterday, '135.1125'),
        high: plus(untilYesterday, '165.1375'),
      },
    });
    expect(overview.totalBudget).toMatchObject({ name: 'All of AWS', actual: sum(inNovember), budget: '400' });

    const budgets = (await cost.service.checkBudgets()).budgets;
    const production = (r: CostRow) => r.tags?.env === 'production';
    const lambda = (r: CostRow) => r.service === LAMBDA;
    const stagingEc2 = (r: CostRow) => r.tags?.env === 'staging' && r.service === EC2;
    expect(budgets.map((b) => [b.name, b.actual, b.forecast])).toEqual([
      ['All of AWS', sum(inNovember), plus(untilYesterday, '150.125')],
      [
        'Production',
        sum((r) => inNovember(r) && production(r)),
        plus(
          sum((r) => beforeToday(r) && production(r)),
          '90.5',
        ),
      ],
      [
        'Lambda',
        sum((r) => inNovember(r) && lambda(r)),
        plus(
          sum((r) => beforeToday(r) && lambda(r)),
          '5.25',
        ),
      ],
      [
        'Staging EC2',
        sum((r) => inNovember(r) && stagingEc2(r)),
        plus(
          sum((r) => beforeToday(r) && stagingEc2(r)),
          '20',
        ),
      ],
    ]);
    // The Lambda budget is 10 USD and the rows spend far more on Lambda: it is the one over budget.
    expect(sumRows(rows, (r) => inNovember(r) && lambda(r))).toBeGreaterThan(toUnits('10'));
    expect(budgets.filter((b) => b.state === 'over').map((b) => b.name)).toEqual(['Lambda']);
    expect(overview.worstBudget).toMatchObject({ name: 'Lambda', state: 'over' });

    // What was asked: this month by service (today included: End is tomorrow), by env tag, by service for the
    // staging tag, and one forecast per scope, each starting today.
    const usage = double.requests.filter((r) => r.operation === 'GetCostAndUsage').map((r) => r.body);
    expect(usage.map((b) => b.TimePeriod)).toEqual(Array(3).fill({ Start: '2026-11-01', End: '2026-11-21' }));
    const forecasts = double.requests.filter((r) => r.operation === 'GetCostForecast').map((r) => r.body.TimePeriod);
    expect(forecasts).toEqual(Array(4).fill({ Start: '2026-11-20', End: '2026-12-01' }));
    expect(overview.apiSpend).toEqual({ month: '2026-11', requests: 7, replayed: 0, cost: '0.07' });
    cost.close();
  });

  it('sends nothing when asked again within 8 hours, and refetches only the current month after', async () => {
    const clock = { now: new Date('2026-11-20T10:00:00Z') };
    const cost = feature(clock);
    await cost.service.screen();
    const first = double.count();
    expect(first).toBeGreaterThan(0);

    const again = await cost.service.screen();
    await cost.service.overview();
    expect(double.count()).toBe(first);
    expect(again.overview.freshness).toMatchObject({
      fromCache: true,
      stale: false,
      fetchedAt: '2026-11-20T10:00:00.000Z',
    });

    // Refresh with force: the current month and forecasts again, never October (closed, no estimated day).
    double.resetCounts();
    await cost.service.screen({ force: true });
    const refetched = double.requests.map((r) => JSON.stringify(r.body.TimePeriod));
    expect(refetched.some((p) => p.includes('2026-10-01'))).toBe(false);
    expect(double.count()).toBe(first - 1);

    double.resetCounts();
    clock.now = new Date('2026-11-20T17:59:00Z');
    await cost.service.screen();
    expect(double.count()).toBe(0);
    clock.now = new Date('2026-11-20T18:00:01Z');
    await cost.service.screen();
    expect(double.count()).toBe(first - 1);
    cost.close();
  });

  it('keeps showing cached figures with the problem when AWS fails, and says so without any', async () => {
    const clock = { now: new Date('2026-11-20T10:00:00Z') };
    const cost = feature(clock);
    const fresh = await cost.service.overview();

    double.failNext('*', { type: 'LimitExceededException', message: 'Rate exceeded' }, 100);
    const stale = await cost.service.overview({ force: true });
    expect(stale.monthToDate).toBe(fresh.monthToDate);
    expect(stale.freshness).toMatchObject({ stale: true, fromCache: true, fetchedAt: '2026-11-20T10:00:00.000Z' });
    expect(stale.problems).toEqual([expect.objectContaining({ kind: 'throttled' })]);

    const empty = await feature(clock).service.overview();
    expect(empty.monthToDate).toBeNull();
    expect(empty.forecast).toBeNull();
    expect(empty.worstBudget?.state).toBe('unknown');
    expect(empty.problems.map((p) => p.kind)).toEqual(['throttled']);
    cost.close();
  });
});

describe('the Cost screen', () => {
  it('stacks every day by service, marks estimated days, and compares with the same days of last month', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    const screen = await cost.service.screen();

    expect(screen.series.days.map((d) => d.date)).toHaveLength(20);
    expect(screen.series.total).toBe(sum(inNovember));
    for (const day of screen.series.days) {
      expect(day.total).toBe(sum((r) => r.date === day.date));
      // The double marks today and the two days before as estimates.
      expect(day.estimated).toBe(day.date >= '2026-11-18');
    }
    const totals = screen.series.keys.map((k) => toUnits(screen.series.totals[k] ?? '0'));
    expect([...totals].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(totals);

    // November 1st–19th (complete days) against October 1st–19th.
    for (const mover of screen.movers) {
      expect(mover.current).toBe(sum((r) => r.service === mover.key && beforeToday(r)));
      expect(mover.previous).toBe(
        sum((r) => r.service === mover.key && r.date >= '2026-10-01' && r.date < '2026-10-20'),
      );
    }
    expect(screen.movers.map((m) => m.key).sort()).toEqual([...services].sort());

    expect(screen.untagged).toEqual([
      {
        tagKey: 'env',
        amount: sum((r) => inNovember(r) && !r.tags?.env),
        total: sum(inNovember),
        share: Number(
          (Number(sumRows(rows, (r) => inNovember(r) && !r.tags?.env)) / Number(sumRows(rows, inNovember))).toFixed(4),
        ),
      },
    ]);
    cost.close();
  });

  it('switches to a tag and to several months', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    const screen = await cost.service.screen({ groupBy: { kind: 'tag', key: 'env' }, months: 3 });
    expect(screen.series.from).toBe('2026-09-01');
    expect(screen.series.days).toHaveLength(30 + 31 + 20);
    expect(screen.series.totals['']).toBe(sum((r) => !r.tags?.env));
    expect(screen.series.totals.production).toBe(sum((r) => r.tags?.env === 'production'));
    expect(screen.series.total).toBe(sum(() => true));
    cost.close();
  });
});

describe('pickers for the budget form and the tag switch', () => {
  it('list services, tag keys and values once, then from the cache', async () => {
    const cost = feature({ now: new Date('2026-11-20T10:00:00Z') });
    const pickers = await cost.service.pickers();
    expect(pickers).toEqual({
      services: [...services].sort(),
      tagKeys: ['env', 'team'],
      tagValues: { env: ['production', 'staging'], team: ['payments', 'search'] },
      problems: [],
    });
    expect(double.requests.map((r) => r.operation)).toEqual(['GetDimensionValues', 'GetTags', 'GetTags', 'GetTags']);
    expect(double.requests[0]?.body.TimePeriod).toEqual({ Start: '2026-09-01', End: '2026-11-21' });
    double.resetCounts();
    await cost.service.pickers();
    expect(double.count()).toBe(0);
    cost.close();
  });
});

describe('budget alerts', () => {
  const budgetConfig = costSchema.parse({ budgets: [{ name: 'All of AWS', monthly: '100 USD' }] });
  const day = (date: string, amount: string): CostRow => ({ date, service: EC2, amount });

  it('fire once per threshold per month, actual and forecast, and again next month', async () => {
    const clock = { now: new Date('2026-11-10T12:00:00Z') };
    double.setToday('2026-11-10');
    double.setRows([day('2026-11-01', '70'), day('2026-11-09', '5')]);
    const cost = feature(clock, budgetConfig);

    // 75 spent, 75 + 150.125 expected: forecast 100 % crossed, actual 80 % not yet.
    let check = await cost.service.checkBudgets();
    expect(check.fired.map((a) => a.label)).toEqual(['forecast 100%']);
    expect(check.fired[0]).toMatchObject({
      budget: 'All of AWS',
      month: '2026-11',
      kind: 'forecast',
      amount: '225.125',
      limit: '100',
    });

    // Later that day nothing new, even with a forced refresh.
    clock.now = new Date('2026-11-10T20:00:00Z');
    expect((await cost.service.checkBudgets({ force: true })).fired).toEqual([]);

    // Two days later actual spend crosses 80 %, then 100 %.
    clock.now = new Date('2026-11-12T12:00:00Z');
    double.setToday('2026-11-12');
    double.setRows([day('2026-11-01', '70'), day('2026-11-09', '5'), day('2026-11-11', '6')]);
    check = await cost.service.checkBudgets();
    expect(check.fired.map((a) => [a.label, a.amount])).toEqual([['actual 80%', '81']]);
    double.setRows([
      day('2026-11-01', '70'),
      day('2026-11-09', '5'),
      day('2026-11-11', '6'),
      day('2026-11-12', '19.5'),
    ]);
    check = await cost.service.checkBudgets({ force: true });
    expect(check.fired.map((a) => [a.label, a.amount])).toEqual([['actual 100%', '100.5']]);
    expect(check.budgets[0]?.state).toBe('over');
    expect((await cost.service.checkBudgets({ force: true })).fired).toEqual([]);

    // December: a new period, the same thresholds fire again.
    clock.now = new Date('2026-12-02T08:00:00Z');
    double.setToday('2026-12-02');
    double.setRows([day('2026-12-01', '85')]);
    check = await cost.service.checkBudgets();
    expect(check.fired.map((a) => [a.month, a.label])).toEqual([
      ['2026-12', 'actual 80%'],
      ['2026-12', 'forecast 100%'],
    ]);
    cost.close();
  });
});

describe('month boundaries and time zones', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('on Halloween evening in California it is already November for Cost Explorer', async () => {
    process.env.TZ = 'America/Los_Angeles';
    const now = new Date('2026-10-31T23:30:00-07:00');
    double.setToday('2026-11-01');
    const cost = feature({ now });
    const screen = await cost.service.screen();
    expect(screen.overview).toMatchObject({ month: '2026-11', today: '2026-11-01', daysLeft: 30 });
    expect(screen.overview.monthToDate).toBe(sum((r) => r.date === '2026-11-01'));
    // No complete day yet this month: no movers rather than a whole month of "drops".
    expect(screen.movers).toEqual([]);
    const periods = double.requests.map((r) => [r.operation, r.body.TimePeriod]);
    expect(periods).toContainEqual(['GetCostAndUsage', { Start: '2026-11-01', End: '2026-11-02' }]);
    expect(periods).toContainEqual(['GetCostForecast', { Start: '2026-11-01', End: '2026-12-01' }]);
    cost.close();
  });

  it('on a November morning in Auckland it is still October 31st', async () => {
    process.env.TZ = 'Pacific/Auckland';
    const now = new Date('2026-11-01T09:00:00+13:00');
    double.setToday('2026-10-31');
    const cost = feature({ now });
    const overview = await cost.service.overview();
    expect(overview).toMatchObject({ month: '2026-10', today: '2026-10-31', daysLeft: 1 });
    expect(overview.monthToDate).toBe(sum((r) => r.date >= '2026-10-01' && r.date < '2026-11-01'));
    const periods = double.requests.map((r) => [r.operation, r.body.TimePeriod]);
    expect(periods).toContainEqual(['GetCostAndUsage', { Start: '2026-10-01', End: '2026-11-01' }]);
    expect(periods).toContainEqual(['GetCostForecast', { Start: '2026-10-31', End: '2026-11-01' }]);
    cost.close();
  });

  it('compares March 1st–30th with the whole of February, no more', async () => {
    const marchRows = makeRows({ from: '2027-02-01', to: '2027-04-01', services, seed: 5, max: 3 });
    double.setRows(marchRows);
    double.setToday('2027-03-31');
    const cost = feature({ now: new Date('2027-03-31T12:00:00Z') });
    const screen = await cost.service.screen();
    for (const mover of screen.movers) {
      expect(mover.current).toBe(
        fromUnits(
          sumRows(marchRows, (r) => r.service === mover.key && r.date >= '2027-03-01' && r.date < '2027-03-31'),
        ),
      );
      expect(mover.previous).toBe(
        fromUnits(
          sumRows(marchRows, (r) => r.service === mover.key && r.date >= '2027-02-01' && r.date < '2027-03-01'),
        ),
      );
    }
    expect(screen.movers.length).toBeGreaterThan(0);
    cost.close();
  });
});
