/**
 * Before a rollback by hand marks the release it leaves BAD_RELEASE, the evidence: did the service start failing
 * after that release went live? "checkout started failing 3 min after v1.5.0 went live" suggests marking it;
 * "no check failed after v1.5.0 went live" (an outage the release did not cause) suggests not to, so the last
 * known good release is not turned bad and rollback stays possible.
 */
import { type MarkEvidence } from '../../shared/api/deploys';
import { type HealthEvidence } from '../features/types';
import { span } from './labels';
import { parseReleaseId } from './release-id';
import { type ReleaseView } from './rollback-target';

export type AskHealthEvidence = (request: {
  service: string;
  environment: string;
  since: Date;
}) => Promise<HealthEvidence>;

/** When a release went live: its dated id (the deploy's start), else its directory's time, else its gate pass. */
function wentLive(release: ReleaseView): Date | null {
  const at = parseReleaseId(release.id).createdAt?.toISOString() ?? release.createdAt ?? release.goodAt;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}

export async function markEvidence(
  ask: AskHealthEvidence,
  target: { service: string; environment: string },
  release: ReleaseView,
): Promise<MarkEvidence> {
  const name = parseReleaseId(release.id).ref ?? release.id;
  const live = wentLive(release);
  const base = { release: release.id, wentLiveAt: live?.toISOString() ?? null };
  if (!live) {
    return {
      ...base,
      kind: 'unknown',
      failingSince: null,
      line: `when ${name} went live is not known, so nothing tells whether it caused the failure`,
      markBadDefault: false,
    };
  }
  let evidence: HealthEvidence;
  try {
    evidence = await ask({ ...target, since: live });
  } catch (error) {
    evidence = { kind: 'unknown', failingSince: null, detail: (error as Error).message };
  }
  const after = evidence.failingSince ? Date.parse(evidence.failingSince) - live.getTime() : 0;
  const line =
    evidence.kind === 'failing-after'
      ? `${target.service} started failing ${span(after)} after ${name} went live (${evidence.detail})`
      : evidence.kind === 'failing-before'
        ? `${target.service} was already failing before ${name} went live (${evidence.detail})`
        : evidence.kind === 'no-failure'
          ? `no check failed after ${name} went live`
          : `nothing tells whether ${name} caused the failure (${evidence.detail})`;
  return {
    ...base,
    kind: evidence.kind,
    failingSince: evidence.failingSince,
    line,
    markBadDefault: evidence.kind === 'failing-after',
  };
}
