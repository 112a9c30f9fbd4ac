/**
 * Which releases to delete after a deploy. The rule keeps the way back: NEVER the current release, the last known
 * good one, or one being deployed right now (Kamal's users lost their rollback target to pruning), and never a
 * healthy release newer than the last known good. Bad releases go first. Releases are ordered by when they were
 * made, not by their names: a hand-made "v1.4.0" sorts after every dated id as text, and once kept a bad release
 * while the healthy one was deleted. One keep-set is computed for the whole environment, so every host keeps the
 * same releases and a rollback finds its target everywhere.
 */
import { parseReleaseId } from './release-id';

export interface RetainedRelease {
  id: string;
  /** When it was made (from a dated id, else the directory's time); null when unknown. */
  createdAt: string | null;
  /** When it passed its gate. */
  goodAt?: string | null;
  bad: unknown;
}

export interface RetentionInput {
  /** Releases on the hosts (ids, or ids with their time and mark), any order. */
  releases: ReadonlyArray<string | RetainedRelease>;
  keep: number;
  /** The release each host runs (one for a consistent environment). */
  current: string | null | ReadonlyArray<string | null>;
  lastGood: string | null;
  /** Other ids that must stay (the release being deployed, a rollback target …). */
  protect?: readonly string[];
}

function asRelease(r: string | RetainedRelease): RetainedRelease {
  if (typeof r !== 'string') return r;
  return { id: r, createdAt: parseReleaseId(r).createdAt?.toISOString() ?? null, bad: null };
}

function timeOf(r: { id: string; createdAt?: string | null }): number | null {
  const at = r.createdAt ?? parseReleaseId(r.id).createdAt?.toISOString() ?? null;
  const ms = at === null ? NaN : Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/** Newest first by when a release was made; releases of unknown time after dated ones, then by name. */
export function byCreationNewestFirst<T extends { id: string; createdAt?: string | null }>(a: T, b: T): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== null && tb !== null && ta !== tb) return tb - ta;
  if (ta !== null && tb === null) return -1;
  if (ta === null && tb !== null) return 1;
  return b.id.localeCompare(a.id);
}

/** The releases every host should keep. */
export function releasesToKeep(input: RetentionInput): Set<string> {
  const all = input.releases.map(asRelease).sort(byCreationNewestFirst);
  const currents = (Array.isArray(input.current) ? input.current : [input.current]) as Array<string | null>;
  const kept = new Set<string>();
  for (const id of [...currents, input.lastGood, ...(input.protect ?? [])]) if (id) kept.add(id);
  // A release that passed its gate and is newer than the last known good stays, whatever the names say.
  const lastGoodAt = input.lastGood ? all.findIndex((r) => r.id === input.lastGood) : -1;
  if (lastGoodAt > 0) for (const r of all.slice(0, lastGoodAt)) if (r.goodAt && !r.bad) kept.add(r.id);
  // Then the newest `keep` releases, those not marked bad first: a bad one is kept only when there is room.
  const newest = [...all.filter((x) => !x.bad), ...all.filter((x) => x.bad)].slice(0, Math.max(1, input.keep));
  for (const r of newest) kept.add(r.id);
  return kept;
}

/** What to delete, oldest first. */
export function releasesToPrune(input: RetentionInput): string[] {
  const kept = releasesToKeep(input);
  const all = input.releases.map(asRelease).sort(byCreationNewestFirst);
  // Bad ones first, then the oldest: the order the deletion runs in and the log line reads.
  const prune = all.filter((r) => !kept.has(r.id)).reverse();
  return [...prune.filter((r) => r.bad), ...prune.filter((r) => !r.bad)].map((r) => r.id);
}

/** The newest release (by when it was made) that passed its gate and is not marked bad. */
export function lastKnownGood(
  releases: ReadonlyArray<{ id: string; goodAt: string | null; bad: unknown; createdAt?: string | null }>,
): string | null {
  const good = releases.filter((r) => r.goodAt && !r.bad);
  return [...good].sort(byCreationNewestFirst)[0]?.id ?? null;
}
