/**
 * Which releases to delete after a deploy: keep the `keep` newest, and NEVER the current one nor the last known
 * good one (Kamal's users lost their rollback target to pruning; this is the rule that prevents it), nor one
 * being deployed right now.
 */

export interface RetentionInput {
  /** Release ids on the host, any order (ids sort by time). */
  releases: readonly string[];
  keep: number;
  current: string | null;
  lastGood: string | null;
  /** Other ids that must stay (the release being deployed, a rollback target …). */
  protect?: readonly string[];
}

export function releasesToPrune(input: RetentionInput): string[] {
  const newestFirst = [...input.releases].sort((a, b) => b.localeCompare(a));
  const kept = new Set(newestFirst.slice(0, Math.max(1, input.keep)));
  for (const id of [input.current, input.lastGood, ...(input.protect ?? [])]) if (id) kept.add(id);
  return newestFirst.filter((id) => !kept.has(id)).reverse();
}

/** The newest release that passed its gate and is not marked bad. */
export function lastKnownGood(
  releases: ReadonlyArray<{ id: string; goodAt: string | null; bad: unknown }>,
): string | null {
  const good = releases.filter((r) => r.goodAt && !r.bad).map((r) => r.id);
  return good.sort((a, b) => b.localeCompare(a))[0] ?? null;
}
