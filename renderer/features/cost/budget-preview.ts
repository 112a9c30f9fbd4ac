/**
 * Where a drafted budget would stand this month, from figures the screen already holds (no request is sent): the
 * month to date for a whole-account budget, or the chart's days of this month when the chart is split the way the
 * budget is scoped (by service, or by its tag key). Otherwise it says what to show first. Amounts are summed in exact
 * decimals, like the backend's. Pure and unit-tested.
 */
import { type CostScreen } from '../../../shared/model/cost';
import { type BudgetDraft } from './budget-snippet';
import { centsOf } from './cost-format';

export type BudgetPreview =
  | {
      kind: 'figures';
      /** Spend in scope this month so far (exact decimal). */
      actual: string;
      currency: string;
      /** Actual as % of the budget. */
      percent: number;
      /** Actual thresholds the month to date has crossed, as the file writes them ("actual 80%"). */
      crossed: string[];
    }
  /** Why there is no figure, and what would give one. */
  | { kind: 'unavailable'; reason: string };

/** Sums decimal strings exactly ("0.1" + "0.2" is "0.3"), at the finest scale among them. */
export function sumAmounts(amounts: readonly string[]): string {
  const parts = amounts.map((a) => /^(-?)(\d*)(?:\.(\d*))?$/.exec(a.trim()));
  const scale = Math.max(0, ...parts.map((p) => p?.[3]?.length ?? 0));
  let total = 0n;
  for (const p of parts) {
    if (!p) continue;
    const digits = BigInt(`${p[2] || '0'}${(p[3] ?? '').padEnd(scale, '0')}`);
    total += p[1] ? -digits : digits;
  }
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = scale ? `.${text.slice(text.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The month to date of one group of the chart: its values on the days of the current month. */
function groupMonthToDate(screen: CostScreen, key: string): string {
  const month = screen.overview.month;
  return sumAmounts(screen.series.days.filter((d) => d.date.startsWith(month)).map((d) => d.values[key] ?? '0'));
}

function actualInScope(draft: BudgetDraft, screen: CostScreen): string | { reason: string } {
  const { scope } = draft;
  const groupBy = screen.series.groupBy;
  if (scope.kind === 'all') return screen.overview.monthToDate ?? { reason: 'The month to date is not known yet.' };
  if (scope.kind === 'service') {
    if (!scope.service) return { reason: 'Choose a service to see where it stands.' };
    if (groupBy.kind !== 'service') return { reason: 'Split the chart by service to see where it stands.' };
    return groupMonthToDate(screen, scope.service);
  }
  if (!scope.key) return { reason: 'Choose a tag to see where it stands.' };
  if (groupBy.kind !== 'tag' || groupBy.key !== scope.key)
    return { reason: `Split the chart by tag ${scope.key} to see where it stands.` };
  return groupMonthToDate(screen, scope.value);
}

/**
 * The draft against this month's figures on screen. `shownAccount` is the account the screen shows (null: all):
 * a budget held to another account cannot be previewed from them.
 */
export function previewBudget(
  draft: BudgetDraft,
  screen: CostScreen | null,
  shownAccount: string | null,
): BudgetPreview {
  const unavailable = (reason: string): BudgetPreview => ({ kind: 'unavailable', reason });
  if (!screen) return unavailable('The figures are still loading.');
  if (draft.account !== shownAccount) {
    return unavailable(
      `The screen shows ${shownAccount === null ? 'all accounts' : `account ${shownAccount}`}: pick ${
        draft.account === null ? 'All accounts' : draft.account
      } in the Account picker to see where it stands.`,
    );
  }
  const currency = screen.overview.currency;
  const budgetCurrency = draft.currency.trim().toUpperCase();
  if (budgetCurrency !== currency)
    return unavailable(`The figures are in ${currency}, the budget in ${budgetCurrency}.`);
  const budgetAmount = /^\d+(\.\d+)?$/.test(draft.amount.trim()) ? centsOf(draft.amount.trim()) : NaN;
  if (!(budgetAmount > 0)) return unavailable('Enter the monthly amount to see where it stands.');
  const actual = actualInScope(draft, screen);
  if (typeof actual !== 'string') return unavailable(actual.reason);

  const actualAmount = centsOf(actual);
  const crossed = draft.thresholds
    .filter((t) => t.kind === 'actual' && /^\d+(\.\d+)?$/.test(t.value.trim()))
    .filter((t) => {
      const value = Number(t.value.trim());
      const limit = t.unit === 'percent' ? (budgetAmount * value) / 100 : value;
      // Binary floats of cents: 80 % of 250.00 may come out a hair under 200.00.
      return actualAmount >= limit - 1e-9;
    })
    .map((t) => `actual ${t.value.trim()}${t.unit === 'percent' ? '%' : ` ${budgetCurrency}`}`);
  return { kind: 'figures', actual, currency, percent: (actualAmount / budgetAmount) * 100, crossed };
}
