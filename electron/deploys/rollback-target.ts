/**
 * Choosing where a rollback goes, and saying it in a line a person can decide on under pressure:
 * "3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago". The default is the newest release older than the current one
 * that passed its health gate and is not marked BAD_RELEASE, present on every host.
 */
import { ago, span } from './labels';
import { parseReleaseId } from './release-id';
import { byCreationNewestFirst } from './retention';

export interface ReleaseView {
  id: string;
  createdAt: string | null;
  goodAt: string | null;
  bad: { at: string | null; reason: string } | null;
  /** Present on every host of the environment (a rollback needs it everywhere). */
  everywhere: boolean;
  /** The hosts that lack it, when known. */
  missingOn?: readonly string[];
}

export interface RollbackChoice {
  target: ReleaseView | null;
  /** Every release one could roll back to, newest first (the default included). */
  alternatives: ReleaseView[];
  /** Why there is no target, for the person. */
  problem: string | null;
}

const newestFirst = byCreationNewestFirst;

/** Made before `current` (by time, not by name: "v1.4.0" sorts after every dated id as text). */
function olderThan(releases: readonly ReleaseView[], current: string | null): (r: ReleaseView) => boolean {
  const cur = releases.find((r) => r.id === current);
  if (!current || !cur) return () => true;
  return (r) => newestFirst(r, cur) > 0;
}

export function chooseRollbackTarget(
  releases: readonly ReleaseView[],
  current: string | null,
  to?: string,
): RollbackChoice {
  const alternatives = releases.filter((r) => r.id !== current && r.everywhere).sort(newestFirst);
  if (to !== undefined) {
    const target = releases.find((r) => r.id === to) ?? null;
    if (!target) return { target: null, alternatives, problem: `release ${to} does not exist on the hosts` };
    if (to === current) return { target: null, alternatives, problem: `${to} is already the current release` };
    if (!target.everywhere) {
      const where = target.missingOn?.length ? target.missingOn.join(', ') : 'some hosts';
      return { target: null, alternatives, problem: `release ${to} is missing on ${where}` };
    }
    return { target, alternatives, problem: null };
  }
  const older = alternatives.filter(olderThan(releases, current));
  const healthy = older.filter((r) => r.goodAt !== null && !r.bad);
  // Releases nobody gated (made outside the app) are a fallback: better than nothing, but never before a proven one.
  const target = healthy[0] ?? older.find((r) => !r.bad) ?? null;
  return {
    target,
    alternatives,
    problem: target ? null : 'no earlier release that is not marked bad is present on every host',
  };
}

/**
 * "3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago": when it was made (its age: a release made 12
 * minutes ago reads "12 min ago", never "just now"), its ref, how long it ran healthy and when the next proven
 * release replaced it. The one still live reads "live now · …"; a release never gated reads "health unknown".
 */
export function releaseLabel(release: ReleaseView, all: readonly ReleaseView[], now: Date): string {
  const parsed = parseReleaseId(release.id);
  const made = release.createdAt ? new Date(release.createdAt) : parsed.createdAt;
  const since = (at: Date | null) => (at ? ago(now.getTime() - at.getTime()) : 'time unknown');
  const ref = parsed.ref ?? release.id;
  if (release.bad) return [since(made), ref, `BAD: ${release.bad.reason}`].join(' · ');
  if (!release.goodAt) return [since(made), ref, 'health unknown'].join(' · ');
  const from = new Date(release.goodAt).getTime();
  const replacedAt = all
    .filter((r) => r.id !== release.id && newestFirst(r, release) < 0 && r.goodAt && !r.bad)
    .map((r) => new Date(r.goodAt as string).getTime())
    .filter((at) => at >= from)
    .sort((a, b) => a - b)[0];
  if (replacedAt === undefined) return ['live now', ref, `healthy for ${span(now.getTime() - from)}`].join(' · ');
  const age = since(made ?? new Date(from));
  return [age, ref, `healthy for ${span(replacedAt - from)}, until ${ago(now.getTime() - replacedAt)}`].join(' · ');
}
