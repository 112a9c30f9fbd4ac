/**
 * The spend a budget covers, read from the cheapest table that has it: the by-service table of the month for
 * "all of AWS" and a service; the table of the tag's key for a tag; a by-service table filtered by the tag when a
 * budget names both. Tables are per month and cached, so the chart, the budgets and the review share them.
 */
import { type BudgetFilter } from '../../shared/workspace/cost';
import { type IsoMonth } from './dates';
import { type Dec, ZERO } from './money';
import { type CostData, type FetchOptions, type Fetched } from './source';
import { type CostTable, tableTotal, totalsByKey } from './table';

export interface ScopeTable {
  fetching: Promise<Fetched<CostTable>>;
  /** The group key holding the scope's spend; undefined: the whole table. */
  key: string | undefined;
}

export function scopeTable(
  source: CostData,
  month: IsoMonth,
  filter: BudgetFilter | undefined,
  fetch: FetchOptions,
): ScopeTable {
  const tag = filter?.tag ? splitTag(filter.tag) : undefined;
  if (tag && filter?.service) {
    return {
      fetching: source.usage({ month, groupBy: { kind: 'service' }, filter: { tag: filter.tag } }, fetch),
      key: filter.service,
    };
  }
  if (tag) return { fetching: source.usage({ month, groupBy: { kind: 'tag', key: tag.key } }, fetch), key: tag.value };
  return { fetching: source.usage({ month, groupBy: { kind: 'service' } }, fetch), key: filter?.service };
}

/** The scope's spend over [from, to) of the table. */
export function scopeSpend(table: CostTable, key: string | undefined, from?: string, to?: string): Dec {
  if (key === undefined) return tableTotal(table, from, to);
  return totalsByKey(table, from, to).get(key) ?? ZERO;
}

export function splitTag(tag: string): { key: string; value: string } {
  const at = tag.indexOf('=');
  return { key: tag.slice(0, at).trim(), value: tag.slice(at + 1).trim() };
}
