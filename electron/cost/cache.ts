/**
 * Cost Explorer answers kept in SQLite, because every request costs the user $0.01. Freshness follows what AWS
 * does: data is refreshed up to three times a day, so an answer about the current month (or a forecast) is good
 * for 8 hours; a month that has ended and has no estimated day left never changes, so it never expires. `force`
 * (the Refresh button held with intent) skips the freshness check but still writes the new answer.
 *
 * The ledger beside it records every request sent — each page of an answer is one — so the screen can say what
 * the cockpit itself spent this month.
 */
import { type ApiSpend } from '../../shared/model/cost';
import { type CostOperation } from './client';
import { type IsoMonth, addMonths, utcDay } from './dates';
import { Dec, amount } from './money';
import { type Database } from './schema';

export const FRESH_FOR_MS = 8 * 3_600_000;
export const PRICE_PER_REQUEST = '0.01';

export interface CacheEntry {
  response: unknown;
  fetchedAt: string;
  closed: boolean;
  pages: number;
}

export interface CachePut {
  account: string;
  operation: CostOperation;
  request: unknown;
  response: unknown;
  fetchedAt: Date;
  closed: boolean;
  pages: number;
}

interface EntryRow {
  response: string;
  fetched_at: string;
  closed: number;
  pages: number;
}

export class CostCache {
  constructor(private readonly db: Database) {}

  get(key: string): CacheEntry | undefined {
    const row = this.db.prepare('SELECT response, fetched_at, closed, pages FROM cost_cache WHERE key = ?').get(key) as
      EntryRow | undefined;
    if (!row) return undefined;
    return {
      response: JSON.parse(row.response) as unknown,
      fetchedAt: row.fetched_at,
      closed: row.closed === 1,
      pages: row.pages,
    };
  }

  put(key: string, entry: CachePut): void {
    this.db
      .prepare(
        `INSERT INTO cost_cache (key, account, operation, request, response, fetched_at, closed, pages)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET response = excluded.response, fetched_at = excluded.fetched_at,
           closed = excluded.closed, pages = excluded.pages`,
      )
      .run(
        key,
        entry.account,
        entry.operation,
        JSON.stringify(entry.request),
        JSON.stringify(entry.response),
        entry.fetchedAt.toISOString(),
        entry.closed ? 1 : 0,
        entry.pages,
      );
  }

  /** Whether an entry can be used without asking AWS again. */
  isFresh(entry: CacheEntry, now: Date, freshForMs = FRESH_FOR_MS): boolean {
    if (entry.closed) return true;
    const age = now.getTime() - Date.parse(entry.fetchedAt);
    return age >= 0 && age < freshForMs;
  }

  recordRequest(at: Date, account: string, operation: CostOperation, replayed: boolean): void {
    this.db
      .prepare('INSERT INTO cost_requests (at, account, operation, replayed) VALUES (?, ?, ?, ?)')
      .run(at.toISOString(), account, operation, replayed ? 1 : 0);
  }

  /** Requests sent during a UTC month (all accounts, or the one with this ledger label) and what they cost. */
  apiSpend(month: IsoMonth, account?: string): ApiSpend {
    const from = `${month}-01T00:00:00.000Z`;
    const to = `${addMonths(month, 1)}-01T00:00:00.000Z`;
    const row = this.db
      .prepare(
        `SELECT count(*) AS requests, coalesce(sum(replayed), 0) AS replayed
         FROM cost_requests WHERE at >= ? AND at < ? AND (? IS NULL OR account = ?)`,
      )
      .get(from, to, account ?? null, account ?? null) as { requests: number; replayed: number };
    const billable = row.requests - row.replayed;
    return {
      month,
      requests: row.requests,
      replayed: row.replayed,
      cost: amount(new Dec(PRICE_PER_REQUEST).times(billable)),
    };
  }

  /**
   * Drops answers no view can ask for again, so they do not pile up a day at a time. The current month is asked up
   * to tomorrow and forecasts and pickers start or end at today, so their requests (and keys) change every day;
   * yesterday's are superseded. What stays: closed months, a whole month still marked estimated (its request never
   * changes and it is the fallback while AWS is unreachable), and everything asked today.
   */
  prune(now: Date): number {
    const today = utcDay(now);
    return this.db
      .prepare(
        `DELETE FROM cost_cache WHERE closed = 0 AND (
           (operation = 'GetCostForecast' AND json_extract(request, '$.TimePeriod.Start') < @today)
           OR (operation = 'GetCostAndUsage' AND json_extract(request, '$.TimePeriod.End') <= @today
               AND substr(json_extract(request, '$.TimePeriod.End'), 9, 2) <> '01')
           OR (operation IN ('GetDimensionValues', 'GetTags') AND json_extract(request, '$.TimePeriod.End') <= @today))`,
      )
      .run({ today }).changes;
  }
}
