/**
 * Narrow selectors for the cost feature's components: each returns one piece of the store, so a change elsewhere
 * does not re-render them.
 */
import { type StoreState } from '../../store';

export const selectCostOverview = (s: StoreState) => s.costOverview;
export const selectCostAbsent = (s: StoreState) => s.costAbsent;
export const selectCostOverviewError = (s: StoreState) => s.costOverviewError;
export const selectCostTab = (s: StoreState) => s.costTab;
export const selectCostAccount = (s: StoreState) => s.costAccount;
export const selectCostGroupBy = (s: StoreState) => s.costGroupBy;
export const selectCostMonths = (s: StoreState) => s.costMonths;
export const selectCostScreen = (s: StoreState) => s.costScreen;
export const selectCostScreenActivity = (s: StoreState) => s.costScreenActivity;
export const selectCostScreenError = (s: StoreState) => s.costScreenError;
export const selectCostRefreshNote = (s: StoreState) => s.costRefreshNote;
export const selectCostReviewMonth = (s: StoreState) => s.costReviewMonth;
export const selectCostReview = (s: StoreState) => s.costReview;
export const selectCostReviewActivity = (s: StoreState) => s.costReviewActivity;
export const selectCostReviewError = (s: StoreState) => s.costReviewError;
export const selectCostExporting = (s: StoreState) => s.costExporting;
/** Cost Explorer's lists for the account shown; null until the user loads them for it. */
export const selectCostPickers = (s: StoreState) =>
  s.costPickers && s.costPickers.account === s.costAccount ? s.costPickers.lists : null;
export const selectCostPickersLoading = (s: StoreState) => s.costPickersLoading;
export const selectCostPickersError = (s: StoreState) => s.costPickersError;
/** Whether the figures are the demo's replayed samples (requests are counted but free). */
export const selectCostReplayed = (s: StoreState): boolean => s.costOverview?.freshness.replay ?? false;
/** The budgets the workspace declares (their names must stay unique). */
export const selectCostBudgetConfigs = (s: StoreState) => s.workspace?.workspace?.cost?.budgets ?? noBudgets;
/** The tag keys the workspace offers for the tag view (`cost.tags`). */
export const selectCostTagKeys = (s: StoreState): readonly string[] => s.workspace?.workspace?.cost?.tags ?? noTags;
/** The workspace's cost accounts (one for the single `aws:` form); a picker is offered when there are several. */
export const selectCostAccounts = (s: StoreState) => s.workspace?.workspace?.cost?.accounts ?? noAccounts;
/** Whether the open workspace declares `cost:` at all (the Overview card collapses without it). */
export const selectHasCostSection = (s: StoreState): boolean => Boolean(s.workspace?.workspace?.cost);

const noTags: string[] = [];
const noAccounts: never[] = [];
const noBudgets: never[] = [];
/** The one group the chart shows; null: all of them. */
export const selectCostFilter = (s: StoreState) => s.costFilter;
