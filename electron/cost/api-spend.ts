/**
 * What the cockpit spent on Cost Explorer in a month: the ledger's total, and each account's share when the workspace
 * declares several (each account's requests are recorded under its own label).
 */
import { type ApiSpend } from '../../shared/model/cost';
import { type AccountSource } from './accounts';
import { type CostCache } from './cache';
import { type IsoMonth } from './dates';

export function apiSpendOf(
  cache: CostCache,
  accounts: readonly Pick<AccountSource, 'name' | 'label'>[],
  month: IsoMonth,
): ApiSpend {
  const total = cache.apiSpend(month);
  if (accounts.length < 2) return total;
  return {
    ...total,
    accounts: accounts.map(({ name, label }) => {
      const { requests, replayed, cost } = cache.apiSpend(month, label);
      return { account: name, requests, replayed, cost };
    }),
  };
}
