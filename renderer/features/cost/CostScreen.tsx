/**
 * The Cost screen: this month's spend by day with budgets and movers, and the monthly review, as two tabs. The
 * header says how fresh the figures are and what the cockpit spent on Cost Explorer, and offers Refresh (asks AWS
 * only for what is no longer fresh) and Force refresh (asks again for everything that can change, its cost shown
 * before the click). The address follows the view (`#/cost/review?month=2026-10`, `#/cost?split=tag:env&months=14`),
 * so a reload or a shared link opens the same one.
 */
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useStore } from '../../store';
import { selectWorkspace } from '../../store/selectors';
import { COST_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { followCostAddress, loadCostReview, loadCostScreen, setCostTab } from './actions';
import { CostAccountPicker } from './CostAccountPicker';
import { type CostSource, costSources } from './cost-rows';
import { estimateText } from './cost-format';
import { CostDailyView } from './CostDailyView';
import { CostReviewView } from './CostReviewView';
import { ApiSpendLine, FreshnessLine } from './CostStatus';
import {
  selectCostOverview,
  selectCostRefreshNote,
  selectCostReviewActivity,
  selectCostScreen,
  selectCostScreenActivity,
  selectCostTab,
} from './selectors';
import { type CostTab } from '../../store/cost-slice';
import { refreshNoteText } from './refresh-note';

const tabs: { id: CostTab; label: string }[] = [
  { id: 'daily', label: 'Daily spend' },
  { id: 'review', label: 'Monthly review' },
];

function RefreshButtons() {
  const tab = useStore(selectCostTab);
  const screen = useStore(selectCostScreen);
  const activity = useStore(selectCostScreenActivity);
  const reviewActivity = useStore(selectCostReviewActivity);
  const busy = tab === 'daily' ? activity !== 'idle' : reviewActivity !== 'idle';
  const estimate = screen?.forceRefresh;
  const refresh = (force: boolean) => {
    if (tab === 'review') void loadCostReview(undefined, force);
    else void loadCostScreen(force ? 'force' : 'refresh');
  };
  return (
    <div className="cost-refresh">
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() => refresh(false)}
        title="Reads what is no longer fresh (AWS updates cost data up to three times a day); fresh figures come from the cache for free."
      >
        {activity === 'refreshing' ? 'Refreshing…' : 'Refresh'}
      </button>
      <button
        type="button"
        className="btn cost-force"
        disabled={busy}
        onClick={() => refresh(true)}
        title="Asks AWS again for everything that can still change, even when the cached figures are fresh. Closed months never change and stay cached."
      >
        <span>{activity === 'forcing' ? 'Refreshing…' : 'Force refresh'}</span>
        {tab === 'daily' && estimate ? <span className="btn-note">{estimateText(estimate)}</span> : null}
      </button>
    </div>
  );
}

function StatusBar() {
  const overview = useStore(selectCostOverview);
  const note = useStore(selectCostRefreshNote);
  if (!overview) return null;
  return (
    <p className="cost-statusbar">
      <FreshnessLine freshness={overview.freshness} problems={overview.problems} />
      <span aria-hidden="true" className="cost-dot">
        ·
      </span>
      <ApiSpendLine spend={overview.apiSpend} />
      <span role="status" className="cost-refresh-note">
        {note ? refreshNoteText(note) : ''}
      </span>
    </p>
  );
}

function Tabs() {
  const tab = useStore(selectCostTab);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const choose = (next: CostTab) => setCostTab(next);
  const onKey = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    const target = tabs[next];
    if (!target) return;
    choose(target.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="cost-tabs cost-no-print" role="tablist" aria-label="Cost views">
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`cost-tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={`cost-panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          className={tab === t.id ? 'cost-tab is-active' : 'cost-tab'}
          onClick={() => choose(t.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function CostViews() {
  const tab = useStore(selectCostTab);
  return (
    <>
      <Tabs />
      <div role="tabpanel" id={`cost-panel-${tab}`} aria-labelledby={`cost-tab-${tab}`} className="cost-panel">
        {tab === 'daily' ? <CostDailyView /> : <CostReviewView />}
      </div>
    </>
  );
}

const deriveStatus = () => null;

function sourceText(source: CostSource): string {
  return source.replay
    ? `sample data replayed from ${source.replay}`
    : source.profile
      ? `profile “${source.profile}”`
      : 'the default AWS credentials';
}

/** Where the figures come from, in a sentence: one account, or each of several. */
function leadText(sources: readonly CostSource[]): string {
  const [only] = sources;
  if (!only) return 'Cloud spend against budgets, and where the money went.';
  if (sources.length > 1) {
    const list = sources.map((s) => `${s.name} (${sourceText(s)})`).join(', ');
    return `AWS Cost Explorer for ${sources.length} accounts, shown together or one at a time: ${list}.`;
  }
  return only.replay
    ? `Sample data replayed from ${only.replay}: nothing is sent to AWS.`
    : `AWS Cost Explorer through ${sourceText(only)}.`;
}

export function CostScreen() {
  const { status } = useWorkspaceRows(deriveStatus);
  const workspace = useStore(selectWorkspace);
  const sources = workspace ? costSources(workspace) : [];
  const hasCost = Boolean(workspace?.cost);
  useEffect(() => {
    window.addEventListener('hashchange', followCostAddress);
    return () => window.removeEventListener('hashchange', followCostAddress);
  }, []);
  return (
    <div className="cost-screen">
      <ScreenHeader
        title="Cost"
        lead={leadText(hasCost ? sources : [])}
        actions={
          hasCost ? (
            <>
              <CostAccountPicker />
              <RefreshButtons />
            </>
          ) : undefined
        }
      />
      <WorkspaceGate status={status}>
        {hasCost ? (
          <>
            <StatusBar />
            <CostViews />
          </>
        ) : (
          <EmptyState title="No cloud cost source declared" snippet={COST_SNIPPET}>
            Add a <code>cost:</code> key to <code>cockpit.yaml</code>: the AWS profile that may read billing
            (credentials stay in <code>~/.aws</code>; SSO works), the cost-allocation <code>tags</code> to split by, and
            the <code>budgets</code> to hold spend to. Alerts fire at 80 % and 100 % by default.
          </EmptyState>
        )}
      </WorkspaceGate>
    </div>
  );
}

export default CostScreen;
