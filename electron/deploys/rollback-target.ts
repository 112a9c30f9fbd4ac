/**
 * Choosing where a rollback goes, and saying it in a line a person can decide on under pressure:
 * "15 min ago · 8b71ff7 · healthy for 3 days". The default is the newest release older than the current one
 * that passed its health gate and is not marked BAD_RELEASE, present on every host.
 */
import { ago, span } from './labels';
import { parseReleaseId } from './release-id';

export interface ReleaseView {
  id: string;
  createdAt: string | null;
  goodAt: string | null;
  bad: { at: string | null; reason: string } | null;
  /** Present on every host of the environment (a rollback needs it everywhere). */
  everywhere: boolean;
}

export interface RollbackChoice {
  target: ReleaseView | null;
  /** Every release one could roll back to, newest first (the default included). */
  alternatives: ReleaseView[];
  /** Why there is no target, for the person. */
  problem: string | null;
}

const newestFirst = (a: ReleaseView, b: ReleaseView) => b.id.localeCompare(a.id);

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
    if (!target.everywhere) return { target: null, alternatives, problem: `release ${to} is missing on some hosts` };
    return { target, alternatives, problem: null };
  }
  const older = alternatives.filter((r) => current === null || r.id < current);
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
 * "15 min ago · 8b71ff7 · healthy for 3 days": when it was last live (replaced by the next release that passed
 * its gate, 15 minutes ago), its ref, and how long it ran healthy. The one still live reads "live now · …";
 * a release never gated reads from when it was made.
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
    .filter((r) => r.id > release.id && r.goodAt && !r.bad)
    .map((r) => new Date(r.goodAt as string).getTime())
    .sort((a, b) => a - b)[0];
  if (replacedAt === undefined) return ['live now', ref, `healthy for ${span(now.getTime() - from)}`].join(' · ');
  return [ago(now.getTime() - replacedAt), ref, `healthy for ${span(replacedAt - from)}`].join(' · ');
}
