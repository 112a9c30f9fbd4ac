/**
 * Merging the features' items into one scorecard and scoring it. Pure.
 * Score = 100 × (green + ½ amber) / items, rounded; no item at all scores 0 (nothing is known to be ready).
 */
import { type ReadinessItem, readinessItemIds } from '../../shared/model/readiness';
import { worse } from '../features/readiness-items';

/**
 * One item per id, in the fixed order of the contract. Should two sources answer the same id (they should not),
 * the worse one stands: a scorecard must never look better than its evidence.
 */
export function mergeItems(lists: ReadonlyArray<readonly ReadinessItem[]>): ReadinessItem[] {
  const byId = new Map<string, ReadinessItem>();
  for (const found of lists.flat()) {
    const before = byId.get(found.id);
    if (!before || worse(before.status, found.status) !== before.status) byId.set(found.id, found);
  }
  return readinessItemIds.flatMap((id) => {
    const found = byId.get(id);
    return found ? [found] : [];
  });
}

export function scoreOf(items: readonly ReadinessItem[]): number {
  if (items.length === 0) return 0;
  const points = items.reduce((sum, i) => sum + (i.status === 'green' ? 1 : i.status === 'amber' ? 0.5 : 0), 0);
  return Math.round((100 * points) / items.length);
}
