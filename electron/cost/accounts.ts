/**
 * Several AWS accounts read as one. Each account keeps its own client, credentials, cache keys and ledger rows (its
 * CostSource); the views read a CombinedSource that asks each of them and adds the answers up in exact decimals:
 * daily tables day by day and key by key, forecasts period by period, picker lists as unions. An account that fails
 * (expired credentials, say) is left out with its problem attached, naming it, so the others' figures still show;
 * only when every account fails does the fetch fail.
 */
import { type CostPickers, type CostProblem } from '../../shared/model/cost';
import { type BudgetFilter } from '../../shared/workspace/cost';
import { type ForecastAnswer } from './client';
import { type Period } from './dates';
import { ZERO, amount, dec } from './money';
import { CostExplorerError } from './problems';
import { type CostData, type CostPickerLists, type CostSource, type FetchOptions, type Fetched } from './source';
import { type CostTable, type CostTableDay } from './table';
import { type UsageQuery } from './query';

export interface AccountSource {
  /** The account's name in the workspace. */
  name: string;
  /** How the cache and the ledger name it: "profile:acme-shop", "default", "replay:<dir>". */
  label: string;
  source: CostSource;
}

/** Sums tables of the same period from different accounts. */
export function sumTables(tables: readonly CostTable[]): CostTable {
  const byDay = new Map<string, CostTableDay>();
  for (const table of tables) {
    for (const day of table.days) {
      const sum = byDay.get(day.date) ?? { date: day.date, estimated: false, total: ZERO, values: new Map() };
      sum.estimated ||= day.estimated;
      sum.total = sum.total.plus(day.total);
      for (const [key, value] of day.values) sum.values.set(key, (sum.values.get(key) ?? ZERO).plus(value));
      byDay.set(day.date, sum);
    }
  }
  const days = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { unit: tables.find((t) => t.unit)?.unit, days };
}

/**
 * Forecasts of different accounts as one answer: the totals added, and every account's periods kept side by side
 * (forecastBand adds periods up, so the band of the sum is the sum of the bands).
 */
export function sumForecasts(answers: readonly ForecastAnswer[]): ForecastAnswer {
  let total = ZERO;
  const periods: NonNullable<ForecastAnswer['ForecastResultsByTime']> = [];
  for (const answer of answers) {
    total = total.plus(dec(answer.Total?.Amount));
    if (answer.ForecastResultsByTime?.length) periods.push(...answer.ForecastResultsByTime);
    else if (answer.Total?.Amount !== undefined) periods.push({ MeanValue: answer.Total.Amount });
  }
  const unit = answers.find((a) => a.Total?.Unit)?.Total?.Unit;
  return { Total: { Amount: amount(total), ...(unit ? { Unit: unit } : {}) }, ForecastResultsByTime: periods };
}

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
}

export function mergePickers(lists: readonly CostPickerLists[]): CostPickerLists {
  const keys = union(lists.map((l) => Object.keys(l.tagValues)));
  return {
    services: union(lists.map((l) => l.services)),
    tagKeys: union(lists.map((l) => l.tagKeys)),
    tagValues: Object.fromEntries(keys.map((key) => [key, union(lists.map((l) => l.tagValues[key] ?? []))])),
  };
}

export class CombinedSource implements CostData {
  constructor(private readonly members: readonly AccountSource[]) {
    if (members.length === 0) throw new Error('a combined cost source needs at least one account');
  }

  get replayed(): boolean {
    return this.members.every((m) => m.source.replayed);
  }

  usage(query: UsageQuery, fetch: FetchOptions = {}): Promise<Fetched<CostTable>> {
    return this.combine((s) => s.usage(query, fetch), sumTables);
  }

  forecast(
    period: Period,
    filter: BudgetFilter | undefined,
    fetch: FetchOptions = {},
  ): Promise<Fetched<ForecastAnswer>> {
    return this.combine((s) => s.forecast(period, filter, fetch), sumForecasts);
  }

  pickers(tagKeys: readonly string[], fetch: FetchOptions = {}): Promise<Fetched<Omit<CostPickers, 'problems'>>> {
    return this.combine((s) => s.pickers(tagKeys, fetch), mergePickers);
  }

  today(): string {
    return this.first().today();
  }

  month(): string {
    return this.first().month();
  }

  private first(): CostSource {
    const [first] = this.members;
    if (!first) throw new Error('no account');
    return first.source;
  }

  private async combine<T>(
    ask: (source: CostSource) => Promise<Fetched<T>>,
    merge: (values: T[]) => T,
  ): Promise<Fetched<T>> {
    if (this.members.length === 1) return ask(this.first());
    const settled = await Promise.allSettled(this.members.map((m) => ask(m.source)));
    const answers: Fetched<T>[] = [];
    const failures: CostProblem[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') answers.push(outcome.value);
      else if (outcome.reason instanceof CostExplorerError) failures.push(outcome.reason.problem);
      else throw outcome.reason;
    }
    const [firstFailure] = failures;
    if (answers.length === 0 && firstFailure) throw new CostExplorerError(firstFailure);
    let fetchedAt = answers[0]?.fetchedAt ?? '';
    for (const answer of answers) if (answer.fetchedAt < fetchedAt) fetchedAt = answer.fetchedAt;
    const problems = [...answers.flatMap((a) => a.problems ?? []), ...failures];
    return {
      value: merge(answers.map((a) => a.value)),
      fetchedAt,
      fromCache: answers.every((a) => a.fromCache),
      stale: answers.some((a) => a.stale),
      ...(problems.length ? { problems } : {}),
    };
  }
}
