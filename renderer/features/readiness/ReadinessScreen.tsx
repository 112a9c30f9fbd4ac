/**
 * Readiness: the playbooks' production checklist computed from live evidence. The score against the team's bar with
 * its trend, then each item — what is not ready first — with its evidence and the way to fix it. It reloads when the
 * evidence changes (see ./actions.ts) and on Refresh.
 */
import { useEffect } from 'react';
import { type Scorecard } from '../../../shared/model/readiness';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { useStore } from '../../store';
import { selectLoaded, selectWorkspace } from '../../store/selectors';
import { NoWorkspace } from '../workspace/NoWorkspace';
import { loadScorecard } from './actions';
import { ReadinessChecklist } from './ReadinessChecklist';
import { ReadinessTrend } from './ReadinessTrend';
import { barText, outOfText, scoreTone } from './readiness-model';
import { useReadiness } from './store';

function ScoreCard({ scorecard }: { scorecard: Scorecard }) {
  const { score, threshold } = scorecard;
  return (
    <Card title="Score" meta={<RelativeTime iso={scorecard.computedAt} prefix="computed" />}>
      <div className="readiness-score-row">
        <div className="readiness-score">
          <p className={`readiness-score-value is-${scoreTone(score, threshold)}`}>{score}</p>
          <p className="readiness-score-bar">
            {outOfText(threshold)}
            <br />
            <span className="muted">{barText(score, threshold)}</span>
          </p>
        </div>
        <ReadinessTrend trend={scorecard.trend} threshold={threshold} />
      </div>
      <p className="readiness-ci muted">
        <code>cockpit scorecard</code> exits 1 below {threshold} — use it in CI. The bar is{' '}
        <code>
          readiness: {'{'} threshold: {threshold} {'}'}
        </code>{' '}
        in <code>cockpit.yaml</code>.
      </p>
    </Card>
  );
}

function Refresh() {
  const loading = useReadiness((s) => s.loading);
  return (
    <button type="button" className="btn" onClick={() => void loadScorecard()} disabled={loading}>
      {loading ? 'Refreshing…' : 'Refresh'}
    </button>
  );
}

function Body() {
  const { scorecard, error } = useReadiness();
  // Some evidence has no event (a host key trusted, a day passing): opening the screen recomputes it.
  useEffect(() => void loadScorecard(), []);
  if (!scorecard && error) {
    return (
      <div className="readiness-error" role="alert">
        <p className="readiness-error-title">Could not compute the scorecard</p>
        <p>{error}</p>
        <p className="muted">
          Press Refresh to try again; if it keeps failing, the Activity screen lists what went wrong.
        </p>
      </div>
    );
  }
  if (!scorecard) return <Skeleton lines={8} label="Computing the scorecard…" />;
  return (
    <div className="stack">
      {error ? (
        <p className="readiness-stale" role="status">
          Showing the scorecard computed earlier: the last refresh failed ({error}).
        </p>
      ) : null}
      <ScoreCard scorecard={scorecard} />
      <ReadinessChecklist items={scorecard.items} />
    </div>
  );
}

export default function ReadinessScreen() {
  const hasWorkspace = useStore((s) => selectWorkspace(s) !== null);
  const loaded = useStore(selectLoaded);
  return (
    <>
      <ScreenHeader
        title="Readiness"
        lead="The production checklist, computed from live evidence: what is ready, what is not, and where to fix it."
        actions={hasWorkspace ? <Refresh /> : undefined}
      />
      {hasWorkspace ? <Body /> : loaded ? <NoWorkspace /> : <Skeleton lines={6} label="Loading the workspace…" />}
    </>
  );
}
