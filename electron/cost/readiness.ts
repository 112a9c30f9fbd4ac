/**
 * The cost feature's part of the readiness scorecard. Budgets come from the workspace; the tagged share of spend
 * from the cost cache only — the scorecard never sends a Cost Explorer request (each one is billed). A month the
 * Cost screen or the review has not read yet says so, rather than costing a request.
 *
 * budget-alerts — red: no `cost:` section ("No cloud cost watched") or no budget; green: every budget alerts at
 *   80 % and at 100 % (actual or forecast; an amount counts as its share of the monthly amount); amber: some
 *   budgets do, others miss one of the two (named); red when none does.
 * spend-tagged — left out without a `cost:` section. For the last full month (UTC), per tag key of `cost.tags`:
 *   green when every key tags at least 90 % of spend; amber 75–90 %, no figures cached yet, or no spend that
 *   month; red below 75 %, or no tag key declared.
 */
import { type ReadinessItem } from '../../shared/model/readiness';
import { type BudgetConfig, type BudgetThreshold, type CostConfig } from '../../shared/workspace/cost';
import { type FeatureContext, type ReadinessSource } from '../features/types';
import { item, listWords } from '../features/readiness-items';
import { type CostAccountFeature } from './create';
import { type CostCache } from './cache';
import { sumTables } from './accounts';
import { untaggedSpend } from './analysis';
import { type IsoMonth, addMonths, monthOf, utcDay } from './dates';
import { queryKey, usageInput } from './query';
import { type CostTable, toCostTable } from './table';
import { type CostAndUsageAnswer } from './client';
import { type WorkspaceCost } from './workspace-cost';

const TAGGED_GOAL = 0.9;
const TAGGED_FLOOR = 0.75;

/** The share of the monthly budget a threshold fires at, in % (null when its amount cannot be compared). */
function percentOf(threshold: BudgetThreshold, budget: BudgetConfig): number | null {
  if (threshold.percent !== undefined) return threshold.percent;
  const monthly = Number(budget.monthly.amount);
  if (threshold.currency !== budget.monthly.currency || !(monthly > 0)) return null;
  return Math.round((Number(threshold.amount) / monthly) * 100);
}

/** What a budget lacks of "80 % and 100 %", in words; empty when it has both. */
export function missingAlerts(budget: BudgetConfig): string[] {
  const at = budget.alerts.map((t) => percentOf(t, budget));
  return [80, 100].filter((p) => !at.includes(p)).map((p) => `${p} %`);
}

export function budgetAlertsItem(cost: Pick<CostConfig, 'budgets'> | undefined): ReadinessItem {
  if (!cost) {
    return item('budget-alerts', 'red', 'No cloud cost watched: the workspace has no `cost:` section.', {
      label: 'Add a cost: section with a budget',
      route: 'cost',
      id: null,
    });
  }
  if (cost.budgets.length === 0) {
    return item('budget-alerts', 'red', 'No budget declared: nothing warns before the bill does.', {
      label: 'Add a budget under cost:',
      route: 'cost',
      id: null,
    });
  }
  const short = cost.budgets
    .map((b) => ({ name: b.name, missing: missingAlerts(b) }))
    .filter((b) => b.missing.length > 0);
  if (short.length === 0) {
    const names = cost.budgets.map((b) => b.name);
    return item('budget-alerts', 'green', `${listWords(names)} alert at 80 % and 100 %.`, null);
  }
  const words = short.map((b) => `${b.name} has no alert at ${listWords(b.missing)}`);
  return item('budget-alerts', short.length === cost.budgets.length ? 'red' : 'amber', `${words.join('; ')}.`, {
    label: `Add the missing alerts to ${short[0]?.name ?? 'the budget'}`,
    route: 'cost',
    id: short[0]?.name ?? null,
  });
}

/** One tag key's spend in a month: untagged and total (in the account's currency), or null when not cached. */
export interface TagShare {
  tagKey: string;
  untagged: number;
  total: number;
}

const percent = (share: number) => `${Math.floor(share * 1000) / 10} %`;

export function spendTaggedItem(
  month: string,
  tags: readonly string[],
  shares: ReadonlyArray<TagShare | null>,
): ReadinessItem {
  const fix = (label: string, id: string | null = null) => ({ label, route: 'cost' as const, id });
  if (tags.length === 0) {
    return item(
      'spend-tagged',
      'red',
      'No cost tag declared, so spend cannot be told apart by team or environment.',
      fix('Declare tags: under cost: (e.g. env, team)'),
    );
  }
  const known = shares.filter((s): s is TagShare => s !== null);
  if (known.length < tags.length) {
    return item(
      'spend-tagged',
      'amber',
      `No cost data yet for ${month}: open the Cost screen (or the monthly review) once to read it.`,
      fix(`Read ${month}'s spend on the Cost screen`),
    );
  }
  if (known.every((s) => s.total === 0)) {
    return item(
      'spend-tagged',
      'amber',
      `No spend recorded in ${month}: nothing to measure yet.`,
      fix('Check the cost account'),
    );
  }
  const rated = known.map((s) => ({ ...s, tagged: s.total === 0 ? 1 : 1 - s.untagged / s.total }));
  const worst = rated.reduce((a, b) => (b.tagged < a.tagged ? b : a));
  const words = rated.map((s) => `${percent(s.tagged)} tagged with ${s.tagKey}`).join(', ');
  if (worst.tagged >= TAGGED_GOAL) return item('spend-tagged', 'green', `In ${month}: ${words}.`, null);
  return item(
    'spend-tagged',
    worst.tagged >= TAGGED_FLOOR ? 'amber' : 'red',
    `In ${month}: ${words}; the goal is 90 %.`,
    fix(`Tag the untagged resources with ${worst.tagKey}`, worst.tagKey),
  );
}

/** Reads one tag key's last-full-month usage from the cache alone: never a request. */
function cachedShare(
  cache: CostCache,
  accounts: readonly Pick<CostAccountFeature, 'label'>[],
  tagKey: string,
  month: IsoMonth,
  now: Date,
): TagShare | null {
  const today = utcDay(now);
  const tables: CostTable[] = [];
  for (const account of accounts) {
    const input = usageInput({ month, groupBy: { kind: 'tag', key: tagKey } }, today);
    const entry = cache.get(queryKey(account.label, 'GetCostAndUsage', input));
    if (!entry) return null;
    tables.push(toCostTable(entry.response as Pick<CostAndUsageAnswer, 'GroupDefinitions' | 'ResultsByTime'>));
  }
  const spend = untaggedSpend(tagKey, sumTables(tables));
  return { tagKey, untagged: Number(spend.amount), total: Number(spend.total) };
}

/**
 * Budgets from the open workspace's `cost:` section (even when its accounts cannot be read); the tagged share from
 * the cache of the cost feature that follows it.
 */
export function costReadiness(
  context: Pick<FeatureContext, 'workspace' | 'now'>,
  cost: WorkspaceCost,
): ReadinessSource {
  return () => {
    const workspace = context.workspace.current().workspace;
    if (!workspace) return [];
    if (!workspace.cost) return [budgetAlertsItem(undefined)];
    const budgets = budgetAlertsItem(workspace.cost);
    if (!cost.has()) return [budgets, spendTaggedItem(lastFullMonth(context.now()), workspace.cost.tags, [null])];
    const { config, feature } = cost.active();
    const at = context.now();
    const month = lastFullMonth(at);
    const shares = config.tags.map((key) => cachedShare(feature.cache, feature.accounts, key, month, at));
    return [budgets, spendTaggedItem(month, config.tags, shares)];
  };
}

function lastFullMonth(now: Date): IsoMonth {
  return addMonths(monthOf(utcDay(now)), -1);
}
