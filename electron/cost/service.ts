/**
 * The cost feature's answers for the UI and the CLI: the Overview card, the Cost screen and the budget check.
 * Every figure is built from per-month daily tables read through the cache (see source.ts), so opening the screen
 * after the card, or twice in a row, sends nothing to AWS. Failures never hide data that is known: each answer
 * carries the problems met and how fresh its figures are.
 *
 * Days and months are UTC, like Cost Explorer's: on the evening of October 31st in California it is already
 * November here, and the card shows November.
 */
import {
  type ApiSpend,
  type BudgetAlert,
  type BudgetStatus,
  type CostAnomaly,
  type CostGroupBy,
  type CostOverview,
  type CostPickers,
  type CostScreen,
  type CostSeries,
  type RefreshEstimate,
} from '../../shared/model/cost';
import { toSeries, topMovers, untaggedSpend } from './analysis';
import { anomaliesWithin, findAnomalies } from './anomalies';
import { apiSpendOf } from './api-spend';
import { evaluateBudget, worstBudget } from './budgets';
import { type CostContext } from './context';
import {
  type CostCalendar,
  type IsoMonth,
  addMonths,
  costCalendar,
  firstDay,
  monthsBetween,
  sameDaysIn,
} from './dates';
import { forecastBand, forecastPeriod, monthEndForecast } from './forecast';
import { Gather } from './gather';
import { PRICE_PER_REQUEST } from './cache';
import { Dec, amount } from './money';
import { usagePeriod } from './query';
import { scopeSpend, scopeTable } from './scope';
import { type CostData, type FetchOptions, plannedRequests, viewFetch } from './source';
import { type CostTable, concatTables, tableTotal } from './table';

export interface ViewOptions {
  force?: boolean;
  /** One account by name; default: all accounts together. */
  account?: string | null;
}

export interface ScreenOptions extends ViewOptions {
  groupBy?: CostGroupBy;
  /** How many months the chart covers, the current one included (1–14: Cost Explorer keeps 13 + this one). */
  months?: number;
}

/** Cost Explorer's history: the last 13 months plus the current one. */
export const MAX_MONTHS = 14;

interface MonthState {
  /** What this view reads: one account, or all together. */
  source: CostData;
  calendar: CostCalendar;
  gather: Gather;
  services: CostTable | undefined;
  budgets: BudgetStatus[];
  overview: CostOverview;
}

export class CostService {
  constructor(private readonly context: CostContext) {}

  async overview(options: ViewOptions = {}): Promise<CostOverview> {
    return (await this.monthState(viewFetch(options), options.account ?? null)).overview;
  }

  async screen(options: ScreenOptions = {}): Promise<CostScreen> {
    const fetch = viewFetch(options);
    const groupBy = options.groupBy ?? { kind: 'service' };
    const state = await this.monthState(fetch, options.account ?? null);
    const { calendar, gather, source } = state;
    const { config } = this.context;

    const months = Math.min(Math.max(Math.trunc(options.months ?? 1), 1), MAX_MONTHS);
    const monthList = monthsBetween(addMonths(calendar.month, 1 - months), calendar.month);
    const tables = await Promise.all(monthList.map((month) => gather.use(source.usage({ month, groupBy }, fetch))));
    const series = this.series(tables, groupBy, firstDay(monthList[0] ?? calendar.month), calendar, state.services);

    // Complete days only: today's partial spend against a whole day of last month would look like a drop.
    const thisPeriod = { start: firstDay(calendar.month), end: calendar.today };
    const lastPeriod = sameDaysIn(calendar.lastMonth, calendar.daysElapsed);
    const current = tables[tables.length - 1];
    const last =
      calendar.daysElapsed > 0
        ? await gather.use(source.usage({ month: calendar.lastMonth, groupBy }, fetch))
        : undefined;
    const movers = current && last ? topMovers(current, thisPeriod, last, lastPeriod) : [];

    const untagged = [];
    for (const tagKey of config.tags) {
      const table = await gather.use(
        source.usage({ month: calendar.month, groupBy: { kind: 'tag', key: tagKey } }, fetch),
      );
      if (table) untagged.push(untaggedSpend(tagKey, table));
    }

    // Problems and freshness of everything the screen used, not just the card.
    const overview = {
      ...state.overview,
      freshness: gather.freshness(),
      problems: [...gather.problems],
      apiSpend: this.apiSpend(calendar.month),
    };
    const markers = this.context.markers?.(series.from) ?? [];
    // Last month's table is already read for the movers: its days give the chart's first days their history.
    const history = last && months === 1 ? [last] : [];
    const anomalies = this.anomalies([...history, ...tables], groupBy, calendar, series);
    return {
      overview,
      series,
      movers,
      untagged,
      budgets: state.budgets,
      markers,
      forceRefresh: this.estimate(fetch, source),
      anomalies,
    };
  }

  /**
   * Anomalies of the chart's series within its period, judged over every day the given tables hold (earlier days
   * only lend history). Nothing is fetched for it.
   */
  private anomalies(
    tables: (CostTable | undefined)[],
    groupBy: CostGroupBy,
    calendar: CostCalendar,
    chart: CostSeries,
  ): CostAnomaly[] {
    const known = tables.filter((t): t is CostTable => t !== undefined);
    const first = known[0]?.days[0]?.date;
    if (first === undefined) return [];
    const all = toSeries(concatTables(known), groupBy, { start: first, end: chart.to }, chart.currency);
    return anomaliesWithin(findAnomalies(all, { today: calendar.today }), chart.from, chart.to);
  }

  /**
   * This month's anomalies by service, from the cached tables only (this month's and, when cached, last month's):
   * what a refresh alerts about. Never sends a request.
   */
  async currentAnomalies(): Promise<CostAnomaly[]> {
    const calendar = costCalendar(this.context.now());
    const source = this.context.sourceFor(null);
    const quiet = new Gather(source.replayed);
    const cacheOnly: FetchOptions = { cacheOnly: true };
    const groupBy: CostGroupBy = { kind: 'service' };
    const tables = [
      await quiet.use(source.usage({ month: calendar.lastMonth, groupBy }, cacheOnly)),
      await quiet.use(source.usage({ month: calendar.month, groupBy }, cacheOnly)),
    ];
    const current = tables[1];
    if (!current) return [];
    const period = { start: firstDay(calendar.month), end: usagePeriod(calendar.month, calendar.today).end };
    const chart = toSeries(current, groupBy, period, current.unit ?? this.currency());
    return this.anomalies(tables, groupBy, calendar, chart);
  }

  /** The API spend of a month, per account as well when there are several. */
  apiSpend(month: IsoMonth): ApiSpend {
    return apiSpendOf(this.context.cache, this.context.accounts, month);
  }

  /** What forcing this view again would send, and cost. */
  private estimate(fetch: FetchOptions, source: CostData): RefreshEstimate {
    const requests = plannedRequests(fetch);
    const replayed = source.replayed;
    return { requests, replayed, cost: replayed ? '0' : amount(new Dec(PRICE_PER_REQUEST).times(requests)) };
  }

  /** Evaluates every budget and returns the thresholds crossed for the first time this month (to notify). */
  async checkBudgets(options: { force?: boolean } = {}): Promise<{ budgets: BudgetStatus[]; fired: BudgetAlert[] }> {
    const state = await this.monthState(viewFetch(options), null);
    return { budgets: state.budgets, fired: this.context.alerts.fire(state.budgets, this.context.now()) };
  }

  /** This month's anomalies (from the cache only) never alerted before in this workspace: to notify, once. */
  async checkAnomalies(): Promise<CostAnomaly[]> {
    return this.context.anomalyAlerts.fire(await this.currentAnomalies(), this.context.now());
  }

  /** Services, tag keys and values for the budget form and the tag switch. */
  async pickers(options: ViewOptions = {}): Promise<CostPickers> {
    const source = this.context.sourceFor(options.account);
    const gather = new Gather(source.replayed);
    const pickers = await gather.use(source.pickers(this.context.config.tags, viewFetch(options)));
    return { ...(pickers ?? { services: [], tagKeys: [], tagValues: {} }), problems: [...gather.problems] };
  }

  private series(
    tables: (CostTable | undefined)[],
    groupBy: CostGroupBy,
    from: string,
    calendar: CostCalendar,
    services: CostTable | undefined,
  ): CostSeries {
    const known = tables.filter((t): t is CostTable => t !== undefined);
    const table = concatTables(known);
    const currency = table.unit ?? services?.unit ?? this.currency();
    const end = usagePeriod(calendar.month, calendar.today).end;
    if (known.length === 0) {
      return { groupBy, currency, from, to: end, keys: [], totals: {}, total: '0', days: [] };
    }
    return toSeries(table, groupBy, { start: from, end }, currency);
  }

  private currency(): string {
    return this.context.config.budgets[0]?.monthly.currency ?? 'USD';
  }

  /** The month's figures behind the card, the budgets and the screen. */
  private async monthState(fetch: FetchOptions, account: string | null): Promise<MonthState> {
    const { config, now, accounts } = this.context;
    const source = this.context.sourceFor(account);
    const calendar = costCalendar(now());
    const gather = new Gather(source.replayed);
    const period = forecastPeriod(calendar);

    const [services, totalForecast] = await Promise.all([
      gather.use(source.usage({ month: calendar.month, groupBy: { kind: 'service' } }, fetch)),
      gather.use(source.forecast(period, undefined, fetch)),
    ]);

    const monthToDate = services ? tableTotal(services) : undefined;
    const forecast =
      services && totalForecast
        ? monthEndForecast(totalForecast, period, tableTotal(services, undefined, calendar.today))
        : null;

    // All accounts: every budget. One account: the budgets held to that account.
    const shown = config.budgets.filter((b) => account === null || b.account === account);
    const budgets = await Promise.all(
      shown.map(async (budget) => {
        const own = (budget.account ?? null) === account;
        const budgetSource = own ? source : this.context.sourceFor(budget.account);
        const scope = scopeTable(budgetSource, calendar.month, budget.filter, fetch);
        const [table, scopeForecast] = await Promise.all([
          gather.use(scope.fetching),
          budget.filter || !own
            ? gather.use(budgetSource.forecast(period, budget.filter, fetch))
            : Promise.resolve(totalForecast),
        ]);
        let monthEnd: Dec | undefined;
        if (table && scopeForecast) {
          const untilYesterday = scopeSpend(table, scope.key, undefined, calendar.today);
          monthEnd = untilYesterday.plus(forecastBand(scopeForecast).mean);
        }
        return evaluateBudget(budget, calendar.month, {
          actual: table ? scopeSpend(table, scope.key) : undefined,
          forecast: monthEnd,
          unit: table?.unit,
        });
      }),
    );

    const totalBudget = shown.findIndex((b) => !b.filter && (b.account ?? null) === account);
    // Each account's month to date: the same cached tables the total was summed from, so no extra request.
    const byAccount =
      account === null && accounts.length > 1
        ? await Promise.all(
            accounts.map(async ({ name, source: own }) => {
              const table = await new Gather(own.replayed).use(
                own.usage({ month: calendar.month, groupBy: { kind: 'service' } }, fetch),
              );
              return { account: name, amount: table ? amount(tableTotal(table)) : null };
            }),
          )
        : [];
    const overview: CostOverview = {
      accounts: accounts.map((a) => a.name),
      account,
      byAccount,
      month: calendar.month,
      today: calendar.today,
      daysLeft: calendar.daysLeft,
      daysInMonth: calendar.daysInMonth,
      currency: services?.unit ?? this.currency(),
      monthToDate: monthToDate ? amount(monthToDate) : null,
      totalBudget: totalBudget >= 0 ? (budgets[totalBudget] ?? null) : null,
      forecast,
      worstBudget: worstBudget(budgets),
      freshness: gather.freshness(),
      apiSpend: this.apiSpend(calendar.month),
      problems: [...gather.problems],
    };
    return { source, calendar, gather, services, budgets, overview };
  }
}
