/**
 * Why the figures are not current, in the user's words, and what to do — credentials, Cost Explorer not enabled,
 * throttling, no network. Shown above the figures, which stay (the cache keeps the last good answer).
 */
import { type CostProblem } from '../../../shared/model/cost';
import { RelativeTime } from '../../components/RelativeTime';
import { problemTitles as titles } from './availability';

interface Props {
  problems: readonly CostProblem[];
  /** A failed call with no problem attached (the whole view failed). */
  error?: string | null;
  /** When the figures still shown were fetched; null when nothing is shown. */
  shownSince?: string | null;
}

export function CostProblems({ problems, error, shownSince }: Props) {
  if (problems.length === 0 && !error) return null;
  const title = problems[0] ? titles[problems[0].kind] : 'Could not read cost data';
  return (
    <section className="cost-problems" role="alert" aria-label={title}>
      <p className="cost-problems-title">{title}</p>
      <ul className="cost-problems-list">
        {problems.map((p) => (
          <li key={`${p.kind}:${p.message}`}>
            <span className="cost-problems-message">{p.message}</span>{' '}
            <span className="cost-problems-hint">{p.hint}</span>
          </li>
        ))}
        {error ? (
          <li>
            <span className="cost-problems-message">{error}</span>
          </li>
        ) : null}
      </ul>
      <p className="cost-problems-foot">
        {shownSince ? (
          <>
            The figures below are the last good ones, read <RelativeTime iso={shownSince} />.
          </>
        ) : (
          'Nothing is cached yet for this view.'
        )}
      </p>
    </section>
  );
}
