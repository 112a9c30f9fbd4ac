import { useId } from 'react';
import { Card } from '../../components/Card';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { useStore } from '../../store';
import { loadMoreActions, setKindFilter } from '../../store/actions';
import {
  selectActions,
  selectHasMore,
  selectKind,
  selectKinds,
  selectLoaded,
  selectLoadingActions,
  selectSelectedId,
} from '../../store/selectors';
import { ActionDetailPane } from './ActionDetailPane';
import { ActionsTable } from './ActionsTable';
import { ActivityChart } from './ActivityChart';

function KindFilter() {
  const kind = useStore(selectKind);
  const kinds = useStore(selectKinds);
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        Kind
      </label>
      <select
        id={id}
        className="select"
        value={kind ?? ''}
        onChange={(e) => void setKindFilter(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">All kinds</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </div>
  );
}

function ActionsCard() {
  const actions = useStore(selectActions);
  const hasMore = useStore(selectHasMore);
  const loading = useStore(selectLoadingActions);
  const loaded = useStore(selectLoaded);
  const kind = useStore(selectKind);
  return (
    <Card title="Journal" meta="Newest first · updates live" actions={<KindFilter />} flush>
      {!loaded ? (
        <Skeleton lines={6} label="Loading the journal…" />
      ) : actions.length === 0 ? (
        <p className="card-note">
          {kind
            ? `No actions of kind ${kind} yet.`
            : 'The journal is empty. Every action the cockpit takes — opening a workspace, a deploy, a drill — is written here before it starts.'}
        </p>
      ) : (
        <ActionsTable actions={actions} />
      )}
      {hasMore ? (
        <div className="card-foot">
          <button type="button" className="btn" onClick={() => void loadMoreActions()} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </Card>
  );
}

/** The journal: every action the app took, newest first, live; a row opens every entry it wrote. */
export function ActivityScreen() {
  const selectedId = useStore(selectSelectedId);
  return (
    <>
      <ScreenHeader title="Activity" lead="Every action the cockpit took: intent, steps, output and result." />
      <div className="stack">
        <ActivityChart />
        <div className={selectedId ? 'split' : undefined}>
          <ActionsCard />
          {selectedId ? <ActionDetailPane /> : null}
        </div>
      </div>
    </>
  );
}

export default ActivityScreen;
