/**
 * The Overview's "Readiness 72" beside the screen title: the score with its tone against the team's bar, linking to
 * the scorecard. Tiny on purpose: the Overview ships in the first bundle.
 */
import { type Scorecard } from '../../../shared/model/readiness';
import { scoreTone } from './score-tone';
import { useReadiness } from './store';

export function OverviewReadinessChip() {
  const scorecard = useReadiness((s) => s.scorecard);
  return scorecard ? <ReadinessChip score={scorecard.score} threshold={scorecard.threshold} /> : null;
}

/** The words are the link's name: "Readiness 72", or "Readiness 42 · below 70" (colour is never the only cue). */
export function ReadinessChip({ score, threshold }: Pick<Scorecard, 'score' | 'threshold'>) {
  const below = score < threshold;
  return (
    <a
      href="#/readiness"
      className={`readiness-chip is-${scoreTone(score, threshold)}`}
      title={`${score} of 100 · your bar is ${threshold}: open the scorecard`}
    >
      Readiness <strong>{score}</strong>
      {below ? ` · below ${threshold}` : null}
    </a>
  );
}
