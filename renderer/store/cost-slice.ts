/**
 * The cost feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/cost/actions.ts; components read it through features/cost/selectors.ts.
 */
import { type StateCreator } from 'zustand';
import {
  type CostGroupBy,
  type CostOverview,
  type CostPickers,
  type CostReview,
  type CostScreen,
} from '../../shared/model/cost';

/** What a view is doing: nothing, a first load, an ordinary refresh (cache first), a forced one. */
export type CostActivity = 'idle' | 'loading' | 'refreshing' | 'forcing';

export type CostTab = 'daily' | 'review';

export interface CostRefreshNote {
  /** Requests the refresh sent to Cost Explorer (0: everything was fresh in the cache); null when unknown. */
  requests: number | null;
  at: string;
  /** What failed, when the refresh did not bring new figures (a zero count then means nothing was sent). */
  failed?: string;
}

/** Cost Explorer's lists of services, tag keys and values, as loaded for one account choice. */
export interface LoadedCostPickers {
  /** The account they were listed for; null: all accounts together. */
  account: string | null;
  lists: CostPickers;
}

export interface CostSlice {
  /** The card's figures; null until loaded (or when there is no cost section). */
  costOverview: CostOverview | null;
  /** Why there are no cost figures at all (no workspace or no `cost:`): the card collapses, the screen explains. */
  costAbsent: string | null;
  /** The last failed overview call, shown on the card; cached figures stay. */
  costOverviewError: string | null;

  costTab: CostTab;
  /** The account the card, the screen and the review show; null: all accounts together. */
  costAccount: string | null;
  costGroupBy: CostGroupBy;
  /** Months the chart covers, this one included. */
  costMonths: number;
  /** The one group the chart shows (a service, or a tag value; "" is untagged); null: all of them. */
  costFilter: string | null;
  costScreen: CostScreen | null;
  costScreenActivity: CostActivity;
  costScreenError: string | null;
  costRefreshNote: CostRefreshNote | null;

  /** The reviewed month; null: last month. */
  costReviewMonth: string | null;
  costReview: CostReview | null;
  costReviewActivity: CostActivity;
  costReviewError: string | null;
  /** "csv" or "md" while that export is being prepared. */
  costExporting: 'csv' | 'md' | null;

  /** Loaded only when the user asks (each listing costs requests): the tag switch and the budget draft use them. */
  costPickers: LoadedCostPickers | null;
  costPickersLoading: boolean;
  /** The last failed listing, shown where it was asked for; null once one succeeds. */
  costPickersError: string | null;

  setCostOverview(overview: CostOverview): void;
  setCostAbsent(reason: string | null): void;
  setCostOverviewError(error: string | null): void;
  setCostTab(tab: CostTab): void;
  setCostAccount(account: string | null): void;
  /** A new grouping drops the filter (its keys are another grouping's) unless one is given with it. */
  setCostView(view: { groupBy?: CostGroupBy; months?: number; filter?: string | null }): void;
  setCostScreen(screen: CostScreen): void;
  setCostScreenActivity(activity: CostActivity): void;
  setCostScreenError(error: string | null): void;
  setCostRefreshNote(note: CostRefreshNote | null): void;
  setCostReviewMonth(month: string | null): void;
  setCostReview(review: CostReview | null): void;
  setCostReviewActivity(activity: CostActivity): void;
  setCostReviewError(error: string | null): void;
  setCostExporting(format: 'csv' | 'md' | null): void;
  setCostPickers(pickers: LoadedCostPickers): void;
  setCostPickersLoading(loading: boolean): void;
  setCostPickersError(error: string | null): void;
  /** The workspace's cost section changed: drop every figure of the old one. */
  resetCost(): void;
}

const initial = {
  costOverview: null,
  costAbsent: null,
  costOverviewError: null,
  costTab: 'daily',
  costAccount: null,
  costGroupBy: { kind: 'service' },
  costMonths: 1,
  costFilter: null,
  costScreen: null,
  costScreenActivity: 'idle',
  costScreenError: null,
  costRefreshNote: null,
  costReviewMonth: null,
  costReview: null,
  costReviewActivity: 'idle',
  costReviewError: null,
  costExporting: null,
  costPickers: null,
  costPickersLoading: false,
  costPickersError: null,
} satisfies Partial<CostSlice>;

export const createCostSlice =
  <S extends CostSlice>(): StateCreator<S, [], [], CostSlice> =>
  (set) => {
    // Each setter touches only this slice's keys; the cast widens them to the whole store's state.
    const put = (partial: Partial<CostSlice>) => set(partial as Partial<S>);
    return {
      ...initial,
      setCostOverview: (costOverview) => put({ costOverview, costAbsent: null, costOverviewError: null }),
      setCostAbsent: (costAbsent) => put(costAbsent === null ? { costAbsent } : { ...initial, costAbsent }),
      setCostOverviewError: (costOverviewError) => put({ costOverviewError }),
      setCostTab: (costTab) => put({ costTab }),
      setCostAccount: (costAccount) => put({ costAccount }),
      setCostView: ({ groupBy, months, filter }) =>
        put({
          ...(groupBy ? { costGroupBy: groupBy, costFilter: null } : {}),
          ...(months ? { costMonths: months } : {}),
          ...(filter !== undefined ? { costFilter: filter } : {}),
        }),
      setCostScreen: (costScreen) =>
        put({ costScreen, costScreenError: null, costOverview: costScreen.overview, costAbsent: null }),
      setCostScreenActivity: (costScreenActivity) => put({ costScreenActivity }),
      setCostScreenError: (costScreenError) => put({ costScreenError }),
      setCostRefreshNote: (costRefreshNote) => put({ costRefreshNote }),
      setCostReviewMonth: (costReviewMonth) => put({ costReviewMonth }),
      setCostReview: (costReview) => put({ costReview, costReviewError: null }),
      setCostReviewActivity: (costReviewActivity) => put({ costReviewActivity }),
      setCostReviewError: (costReviewError) => put({ costReviewError }),
      setCostExporting: (costExporting) => put({ costExporting }),
      setCostPickers: (costPickers) => put({ costPickers, costPickersError: null }),
      setCostPickersLoading: (costPickersLoading) => put({ costPickersLoading }),
      setCostPickersError: (costPickersError) => put({ costPickersError }),
      resetCost: () =>
        put({
          costOverview: null,
          costAbsent: null,
          costOverviewError: null,
          costScreen: null,
          costScreenError: null,
          costRefreshNote: null,
          costReview: null,
          costReviewError: null,
          costReviewMonth: null,
          costAccount: null,
          // The old section's services and tag values mean nothing in the new one.
          costFilter: null,
          costPickers: null,
          costPickersError: null,
        }),
    };
  };
