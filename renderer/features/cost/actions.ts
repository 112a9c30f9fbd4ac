/**
 * The cost feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() call, through the feature list in features/registry.ts, loadCost() and subscribeCostEvents().
 *
 * Failures are kept in the store and shown where they belong (the card, the screen's problem panel) rather than as
 * toasts: a cost figure that could not be refreshed is a state of the screen, and cached figures stay shown.
 * A workspace without `cost:` is not a failure at all: the card collapses and the screen says what to add.
 */
import { type CostExportFormat, type CostGroupBy } from '../../../shared/model/cost';
import { api, errorCode, errorMessage } from '../../bridge';
import { useStore } from '../../store';
import { type CostTab } from '../../store/cost-slice';
import { notify, reportError } from '../../store/actions';
import { saveFile } from './download';
import { formatCostHash, fullCostView, parseCostHash } from './hash-view';

const store = () => useStore.getState();

/** Later answers win: each load takes a ticket and drops its answer if a newer load started meanwhile. */
const tickets = { overview: 0, screen: 0, review: 0, pickers: 0 };

/** NOT_FOUND: no workspace or no cost section — an absence to explain, not an error to report. */
function isAbsence(error: unknown): boolean {
  return errorCode(error) === 'NOT_FOUND';
}

/** The chosen account as a call's `account` field (none: all accounts together). */
function accountField(): { account?: string } {
  const account = store().costAccount;
  return account ? { account } : {};
}

/** The Overview card's figures (at start, after a reconnect, and when the backend says figures changed). */
export async function loadCost(): Promise<void> {
  const ticket = ++tickets.overview;
  try {
    const overview = await api.cost.overview({ ...accountField() });
    if (ticket === tickets.overview) store().setCostOverview(overview);
  } catch (error) {
    if (ticket !== tickets.overview) return;
    if (isAbsence(error)) store().setCostAbsent(errorMessage(error));
    else store().setCostOverviewError(errorMessage(error));
  }
}

export type ScreenLoad = 'load' | 'refresh' | 'force';

/**
 * The Cost screen for the chosen grouping and range. `refresh` asks again for what is no longer fresh (the
 * cache decides); `force` asks AWS again for everything that can still change.
 */
export async function loadCostScreen(mode: ScreenLoad = 'load'): Promise<void> {
  const ticket = ++tickets.screen;
  const { costGroupBy: groupBy, costMonths: months, costScreen: before } = store();
  store().setCostScreenActivity(mode === 'force' ? 'forcing' : mode === 'refresh' ? 'refreshing' : 'loading');
  try {
    const screen = await api.cost.screen({ groupBy, months, force: mode === 'force', ...accountField() });
    if (ticket !== tickets.screen) return;
    store().setCostScreen(screen);
    if (mode !== 'load') {
      const sent = before ? screen.overview.apiSpend.requests - before.overview.apiSpend.requests : 0;
      // An answer that carries problems did not bring new figures: the refresh failed, whatever it sent.
      const [problem] = screen.overview.problems;
      store().setCostRefreshNote({
        requests: Math.max(sent, 0),
        at: new Date().toISOString(),
        ...(problem ? { failed: `${problem.message} ${problem.hint}` } : {}),
      });
    }
  } catch (error) {
    if (ticket !== tickets.screen) return;
    if (isAbsence(error)) store().setCostAbsent(errorMessage(error));
    else {
      store().setCostScreenError(errorMessage(error));
      if (mode !== 'load') {
        store().setCostRefreshNote({ requests: null, at: new Date().toISOString(), failed: errorMessage(error) });
      }
    }
  } finally {
    if (ticket === tickets.screen) store().setCostScreenActivity('idle');
  }
}

/**
 * Puts a deep link's view (`#/cost/review?month=…`, `#/cost?split=tag:env&months=14`) in the store. The views call
 * it as they mount, before loading; the address is kept in step with every change (syncCostHash), so it always
 * says what is shown.
 */
export function applyCostHash(): void {
  const view = parseCostHash(window.location.hash);
  const s = store();
  if (view.groupBy || view.months || view.filter !== undefined) {
    s.setCostView({
      ...(view.groupBy ? { groupBy: view.groupBy } : {}),
      ...(view.months ? { months: view.months } : {}),
      ...(view.filter !== undefined ? { filter: view.filter } : {}),
    });
  }
  if (view.month) s.setCostReviewMonth(view.month);
  if (view.tab) s.setCostTab(view.tab);
}

/** The address follows the view without a navigation, so a reload or a shared link opens the same one. */
export function syncCostHash(): void {
  if (!/^#\/?cost\b/i.test(window.location.hash)) return;
  const s = store();
  const hash = formatCostHash({
    tab: s.costTab,
    groupBy: s.costGroupBy,
    months: s.costMonths,
    month: s.costReviewMonth,
    filter: s.costFilter,
  });
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}

/**
 * The user changed the address by hand (or went back): the view becomes what it says, defaults included, and what
 * changed is reloaded (from the cache when fresh). replaceState fires no hashchange, so the app's own updates of
 * the address never come back here.
 */
export function followCostAddress(): void {
  if (!/^#\/?cost\b/i.test(window.location.hash)) return;
  const next = fullCostView(window.location.hash);
  const s = store();
  const chart = JSON.stringify(next.groupBy) !== JSON.stringify(s.costGroupBy) || next.months !== s.costMonths;
  const filter = next.filter !== s.costFilter;
  const month = next.month !== s.costReviewMonth;
  if (chart || filter) s.setCostView({ groupBy: next.groupBy, months: next.months, filter: next.filter });
  if (month) s.setCostReviewMonth(next.month);
  // Another tab mounts its view, which loads what it shows.
  if (next.tab !== s.costTab) {
    s.setCostTab(next.tab);
    return;
  }
  if (next.tab === 'daily' && (chart || s.costScreen === null)) void loadCostScreen();
  if (next.tab === 'review' && (month || s.costReview === null)) void loadCostReview(next.month);
}

/** Shows one group alone on the chart (null: all of them); the figures are already loaded. */
export function setCostFilter(filter: string | null): void {
  store().setCostView({ filter });
  syncCostHash();
}

export function setCostTab(tab: CostTab): void {
  store().setCostTab(tab);
  syncCostHash();
}

export function setCostGroupBy(groupBy: CostGroupBy): Promise<void> {
  store().setCostView({ groupBy });
  syncCostHash();
  return loadCostScreen();
}

export function setCostMonths(months: number): Promise<void> {
  store().setCostView({ months });
  syncCostHash();
  return loadCostScreen();
}

/**
 * Shows one account (or all together, null) on the card, the screen and the review: each reloads what it shows,
 * from the cache when it is fresh.
 */
export function setCostAccount(account: string | null): Promise<void> {
  const { costScreen, costReview } = store();
  store().setCostAccount(account);
  // The lists are the account's own: those of another choice stay (selectors ignore them), its error does not.
  store().setCostPickersError(null);
  const loads = [loadCost()];
  if (costScreen) loads.push(loadCostScreen());
  if (costReview) loads.push(loadCostReview());
  return Promise.all(loads).then(() => undefined);
}

/** The monthly review of `month` (null: last month); `force` re-asks what may still change. */
export async function loadCostReview(month: string | null = store().costReviewMonth, force = false): Promise<void> {
  const ticket = ++tickets.review;
  store().setCostReviewMonth(month);
  syncCostHash();
  store().setCostReviewActivity(force ? 'forcing' : 'loading');
  try {
    const review = await api.cost.review({ ...(month ? { month } : {}), force, ...accountField() });
    if (ticket === tickets.review) store().setCostReview(review);
  } catch (error) {
    if (ticket !== tickets.review) return;
    if (isAbsence(error)) store().setCostAbsent(errorMessage(error));
    else store().setCostReviewError(errorMessage(error));
  } finally {
    if (ticket === tickets.review) store().setCostReviewActivity('idle');
  }
}

/** Downloads the review as a file (a Blob and an <a download>: works in the browser and in Electron). */
export async function downloadCostReview(format: CostExportFormat): Promise<void> {
  const month = store().costReview?.month ?? store().costReviewMonth;
  store().setCostExporting(format);
  try {
    const file = await api.cost.exportReview({ ...(month ? { month } : {}), format, ...accountField() });
    saveFile(file);
  } catch (error) {
    reportError(`Could not export the review as ${format === 'csv' ? 'CSV' : 'Markdown'}`, error);
  } finally {
    store().setCostExporting(null);
  }
}

/**
 * Saves the review as a PDF file: the desktop app writes it itself (print styles leave only the review on the
 * page); a browser has no such call, so it opens the print dialog, where "Save as PDF" is a printer.
 */
export async function saveCostReviewPdf(canSavePdf: boolean): Promise<void> {
  if (!canSavePdf) {
    window.print();
    return;
  }
  const month = store().costReview?.month ?? store().costReviewMonth ?? 'review';
  try {
    const { path } = await api.app.savePdf({ suggestedName: `cost-review-${month}.pdf` });
    if (path) notify('Saved the cost review as a PDF', path);
  } catch (error) {
    reportError('Could not save the review as a PDF', error);
  }
}

/**
 * Cost Explorer's own lists of services, tag keys and their values (the last three months) for the chosen account:
 * more keys for the tag switch, choices for the budget draft. Only ever on the user's request: listing costs a
 * request per page (two, plus one per tag key) unless cached in the last 8 hours or replayed. An answer with
 * nothing in it but problems is a failure, shown where it was asked for.
 */
export async function loadCostPickers(): Promise<void> {
  const ticket = ++tickets.pickers;
  const account = store().costAccount;
  store().setCostPickersLoading(true);
  store().setCostPickersError(null);
  try {
    const lists = await api.cost.pickers({ ...accountField() });
    if (ticket !== tickets.pickers) return;
    const empty = lists.services.length === 0 && lists.tagKeys.length === 0;
    const [problem] = lists.problems;
    if (empty && problem) store().setCostPickersError(`${problem.message} ${problem.hint}`);
    else store().setCostPickers({ account, lists });
  } catch (error) {
    if (ticket === tickets.pickers) store().setCostPickersError(errorMessage(error));
  } finally {
    if (ticket === tickets.pickers) store().setCostPickersLoading(false);
  }
}

/** Reloads what is on screen from the cache (a cost.updated event: no request is sent for it). */
function reloadShown(): void {
  void loadCost();
  if (store().costScreen !== null || store().costScreenError !== null) void loadCostScreen();
  if (store().costReview !== null && store().costReviewActivity === 'idle') void loadCostReview();
}

export function subscribeCostEvents(): () => void {
  return api.on('cost.updated', (event) => {
    if (event.reason === 'workspace') {
      const { costScreen, costReview } = store();
      // A listing still on its way belongs to the old cost section.
      tickets.pickers++;
      store().setCostPickersLoading(false);
      store().resetCost();
      void loadCost();
      if (costScreen) void loadCostScreen();
      if (costReview) void loadCostReview(null);
      return;
    }
    // A load of this window already brought these figures; only other windows' refreshes need reloading.
    if (store().costScreenActivity !== 'idle') return;
    reloadShown();
  });
}
