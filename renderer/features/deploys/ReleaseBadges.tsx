/** A release's badges (bad, failed gate, outside the app, not on every host), each with what it means on hover. */
import { type ReleaseBadge } from '../../../shared/api/deploys';
import { badgeClass, badgeLabel, badgeTitle } from './release-badges';

export function ReleaseBadges({
  badges,
  missingOn,
}: {
  badges: readonly ReleaseBadge[];
  missingOn?: readonly string[];
}) {
  if (badges.length === 0) return null;
  return (
    <>
      {badges.map((b) => (
        <span key={b} className={badgeClass[b]} title={badgeTitle(b, missingOn)}>
          {b === 'not-everywhere' && missingOn && missingOn.length > 0
            ? `not on ${missingOn.join(', ')}`
            : badgeLabel[b]}
        </span>
      ))}
    </>
  );
}
