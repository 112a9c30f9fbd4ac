/**
 * Cost data through the cache: a fresh cached answer costs nothing; otherwise ask AWS, keep the answer, and when
 * AWS fails fall back to whatever is cached (however old) with the problem attached, so the screen keeps its
 * figures and says why they are not current. Equal questions asked at the same moment share one request.
 */
import { type CostPickers, type CostProblem } from '../../shared/model/cost';
import { type CostAndUsageAnswer, type CostClient, type CostOperation, type ForecastAnswer } from './client';
import { type CostCache } from './cache';
import { type IsoDay, type IsoMonth, type Period, addDays, addMonths, monthOf, utcDay } from './dates';
import { CostExplorerError, problemOfAccount, toCostExplorerError } from './problems';
import { type UsageQuery, forecastInput, queryKey, usageInput } from './query';
import { type CostTable, toCostTable } from './table';
import { type BudgetFilter } from '../../shared/workspace/cost';

export interface Fetched<T> {
  value: T;
  /** When AWS produced this answer. */
  fetchedAt: string;
  fromCache: boolean;
  /** A refresh failed and this is older cached data. */
  stale: boolean;
  /** Why part or all of it is not current (one per account that failed, when several are read together). */
  problems?: CostProblem[];
}

/** What the views read cost data from: one account's source, or several read as one (accounts.ts). */
export type CostData = Pick<CostSource, 'replayed' | 'usage' | 'forecast' | 'pickers' | 'today' | 'month'>;

export interface FetchOptions {
  /** Ask AWS even when the cache is fresh (a closed month is still served from the cache: it cannot change). */
  force?: boolean;
  /**
   * Ties the fetches of one view together: with `force`, a request is refreshed once per batch, so a view that
   * needs this month's table twice (the card and the chart) asks for it once.
   */
  batch?: object;
  /**
   * Filled with every request the view used and what forcing it again would cost (its pages; 0 for a closed
   * month, which is never asked again), so the screen can say what "Force refresh" costs before it is pressed.
   */
  plan?: Map<string, number>;
  /** Only what the cache holds, however old: nothing is sent, and a missing answer is a problem (anomaly alerts). */
  cacheOnly?: boolean;
}

/** Fetch options for one view: a fresh batch, so `force` refreshes each request once, and a fresh plan. */
export function viewFetch(options: { force?: boolean } = {}): FetchOptions {
  return { force: options.force ?? false, batch: {}, plan: new Map() };
}

/** Requests a forced refresh of the view would send, from the plan its last build filled. */
export function plannedRequests(fetch: FetchOptions): number {
  let requests = 0;
  for (const pages of fetch.plan?.values() ?? []) requests += pages;
  return requests;
}

export interface CostSourceOptions {
  client: CostClient;
  cache: CostCache;
  /** Names the account in cache keys and the ledger: the profile, "default" or "replay:<dir>". */
  account: string;
  now: () => Date;
  profile?: string;
  /** The account's name in the workspace when it declares several: problems then say which account failed. */
  accountName?: string;
}

export type CostPickerLists = Omit<CostPickers, 'problems'>;

type StoredUsage = Pick<CostAndUsageAnswer, 'GroupDefinitions' | 'ResultsByTime'>;

export class CostSource {
  private readonly inFlight = new Map<string, Promise<Fetched<unknown>>>();
  private readonly refreshed = new WeakMap<object, Set<string>>();

  constructor(private readonly options: CostSourceOptions) {}

  get replayed(): boolean {
    return this.options.client.replayed;
  }

  /** Daily usage of one month, grouped as asked. */
  async usage(query: UsageQuery, fetch: FetchOptions = {}): Promise<Fetched<CostTable>> {
    const today = this.today();
    const input = usageInput(query, today);
    const result = await this.cached<StoredUsage>('GetCostAndUsage', input, fetch, async () => {
      const answer = await this.options.client.getCostAndUsage(input);
      const stored: StoredUsage = { GroupDefinitions: answer.GroupDefinitions, ResultsByTime: answer.ResultsByTime };
      // Closed: the month is over and AWS no longer marks any day as an estimate, so it cannot change.
      const closed = query.month < monthOf(today) && !answer.ResultsByTime.some((r) => r.Estimated === true);
      return { value: stored, closed, pages: answer.pages };
    });
    return { ...result, value: toCostTable(result.value) };
  }

  /** The forecast of a period that starts today (UTC) or later. */
  async forecast(
    period: Period,
    filter: BudgetFilter | undefined,
    fetch: FetchOptions = {},
  ): Promise<Fetched<ForecastAnswer>> {
    const input = forecastInput(period, filter);
    return this.cached<ForecastAnswer>('GetCostForecast', input, fetch, async () => ({
      value: await this.options.client.getCostForecast(input),
      closed: false,
      pages: 1,
    }));
  }

  /**
   * What budget forms and the tag switch can offer: the services and tag keys seen over the last three months
   * (and the values of each tag key). Pickers change rarely; they follow the same 8-hour cache.
   */
  async pickers(tagKeys: readonly string[], fetch: FetchOptions = {}): Promise<Fetched<CostPickerLists>> {
    const today = this.today();
    const period = { Start: `${addMonths(monthOf(today), -2)}-01`, End: addDays(today, 1) };
    const request = { TimePeriod: period, tagKeys: [...tagKeys].sort() };
    return this.cached<CostPickerLists>('GetDimensionValues', request, fetch, async () => {
      const { client } = this.options;
      const services = await client.getDimensionValues({ TimePeriod: period, Dimension: 'SERVICE' });
      const keys = await client.getTags({ TimePeriod: period });
      const values: Record<string, string[]> = {};
      for (const key of new Set([...keys, ...tagKeys]))
        values[key] = await client.getTags({ TimePeriod: period, TagKey: key });
      return {
        value: { services, tagKeys: keys, tagValues: values },
        closed: false,
        pages: 2 + Object.keys(values).length,
      };
    });
  }

  today(): IsoDay {
    return utcDay(this.options.now());
  }

  month(): IsoMonth {
    return monthOf(this.today());
  }

  private async cached<T>(
    operation: CostOperation,
    input: unknown,
    fetch: FetchOptions,
    load: () => Promise<{ value: T; closed: boolean; pages: number }>,
  ): Promise<Fetched<T>> {
    const { cache, account } = this.options;
    const key = queryKey(account, operation, input);
    const entry = cache.get(key);
    const now = this.options.now();
    const refreshedInBatch = fetch.batch ? this.refreshed.get(fetch.batch)?.has(key) === true : false;
    const force = fetch.force === true && !refreshedInBatch;
    if (entry && (entry.closed || (!force && cache.isFresh(entry, now)))) {
      fetch.plan?.set(key, entry.closed ? 0 : entry.pages);
      return { value: entry.response as T, fetchedAt: entry.fetchedAt, fromCache: true, stale: false };
    }
    if (fetch.cacheOnly) {
      if (entry) return { value: entry.response as T, fetchedAt: entry.fetchedAt, fromCache: true, stale: false };
      throw new CostExplorerError({
        kind: 'unknown',
        message: 'These figures are not in the cache yet.',
        hint: 'Open the Cost screen to fetch them.',
      });
    }
    // Until it is answered, a request is expected to cost what it cost last time (at least one page).
    fetch.plan?.set(key, entry?.pages ?? 1);

    const running = this.inFlight.get(key);
    if (running) return running as Promise<Fetched<T>>;

    const promise = (async (): Promise<Fetched<T>> => {
      try {
        const loaded = await load();
        const fetchedAt = this.options.now();
        cache.put(key, {
          account,
          operation,
          request: input,
          response: loaded.value,
          fetchedAt,
          closed: loaded.closed,
          pages: loaded.pages,
        });
        fetch.plan?.set(key, loaded.closed ? 0 : loaded.pages);
        if (fetch.batch) {
          const keys = this.refreshed.get(fetch.batch) ?? new Set<string>();
          keys.add(key);
          this.refreshed.set(fetch.batch, keys);
        }
        return { value: loaded.value, fetchedAt: fetchedAt.toISOString(), fromCache: false, stale: false };
      } catch (error) {
        const problem = this.describe(error);
        if (entry) {
          return {
            value: entry.response as T,
            fetchedAt: entry.fetchedAt,
            fromCache: true,
            stale: true,
            problems: [problem],
          };
        }
        throw new CostExplorerError(problem, { cause: error });
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }

  private describe(error: unknown): CostProblem {
    const { profile, accountName } = this.options;
    const problem = toCostExplorerError(error, profile ? { profile } : {}).problem;
    return accountName ? problemOfAccount(problem, accountName) : problem;
  }
}
