/**
 * Before a rollback by hand marks the release it leaves BAD_RELEASE, the evidence: did the service start failing
 * after that release went live? "checkout started failing 3 min after v1.5.0 went live" suggests marking it;
 * "no check failed after v1.5.0 went live" (an outage the release did not cause) suggests not to, so the last
 * known good release is not turned bad and rollback stays possible.
 */
import { type MarkEvidence } from '../../shared/api/deploys';
import { type HealthEvidence, type HealthEvidenceRequest } from '../features/types';
import { span } from './labels';
import { type JournaledRun, type LiveWindow, liveWindow } from './live-windows';
import { parseReleaseId } from './release-id';
import { type ReleaseView } from './rollback-target';

export type AskHealthEvidence = (request: HealthEvidenceRequest) => Promise<HealthEvidence>;

/** When a release went live: its dated id (the deploy's start), else its directory's time, else its gate pass. */
function wentLive(release: ReleaseView): Date | null {
  const at = parseReleaseId(release.id).createdAt?.toISOString() ?? release.createdAt ?? release.goodAt;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** "10:02" (UTC, like the journal): the evidence names moments a person can find in the history. */
const clock = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

const refOf = (release: string | null) => (release ? (parseReleaseId(release).ref ?? release) : 'another release');
/** "10:01–10:02 UTC", or "10:23:05–10:23:20 UTC" when minutes alone would read as no time at all. */
function between(from: Date, to: Date): string {
  const sameMinute = clock(from) === clock(to);
  const at = (d: Date) => d.toISOString().slice(11, sameMinute ? 19 : 16);
  return `${at(from)}–${at(to)} UTC`;
}
const otherLive = (span: LiveWindow['excluding'][number]) =>
  `${refOf(span.release)} was live ${between(span.from, span.to)}`;

/**
 * "checkout started failing 12 s after v1.5.0 went live", measured from when it went live, or from when it became
 * current again after another release's span if the failure came after that.
 */
function evidenceLine(service: string, name: string, window: LiveWindow, evidence: HealthEvidence): string {
  const wentLive = window.cameBack ? `${name} became current again at ${clock(window.since)}` : `${name} went live`;
  switch (evidence.kind) {
    case 'failing-after': {
      const failedAt = Date.parse(evidence.failingSince ?? '');
      const back = window.excluding.filter((s) => s.to.getTime() <= failedAt).at(-1);
      const from = back ? `${name} became current again at ${clock(back.to)}` : wentLive;
      const start = back?.to ?? window.since;
      return `${service} started failing ${span(failedAt - start.getTime())} after ${from} (${evidence.detail})`;
    }
    case 'failing-before': {
      const carried = evidence.carriedOver;
      const during = carried && window.excluding.find((s) => s.to.toISOString() === carried.to);
      if (carried) {
        return `${service} was failing when ${name} became current again at ${clock(new Date(carried.to))}: it started while ${during ? otherLive(during) : 'another release was live'} (${evidence.detail})`;
      }
      return `${service} was already failing before ${wentLive} (${evidence.detail})`;
    }
    case 'no-failure': {
      const notCounted =
        window.excluding.length > 0 ? ` (not counted: ${window.excluding.map(otherLive).join('; ')})` : '';
      return `no check failed ${window.cameBack ? 'since' : 'after'} ${wentLive}${notCounted}`;
    }
    default:
      return `nothing tells whether ${name} caused the failure (${evidence.detail})`;
  }
}

/**
 * `runs`: this journal's runs of the service@env (see live-windows.ts), so that only the time the release was
 * actually live counts against it. Without them, everything since it went live counts.
 */
export async function markEvidence(
  ask: AskHealthEvidence,
  target: { service: string; environment: string },
  release: ReleaseView,
  runs: readonly JournaledRun[] = [],
  now: Date = new Date(),
): Promise<MarkEvidence> {
  const name = parseReleaseId(release.id).ref ?? release.id;
  const live = wentLive(release);
  if (!live) {
    return {
      release: release.id,
      wentLiveAt: null,
      kind: 'unknown',
      failingSince: null,
      line: `when ${name} went live is not known, so nothing tells whether it caused the failure`,
      markBadDefault: false,
    };
  }
  const window = liveWindow(release.id, live, runs, now);
  const excluding = window.excluding.map(({ from, to }) => ({ from, to }));
  let evidence: HealthEvidence;
  try {
    evidence = await ask({ ...target, since: window.since, ...(excluding.length > 0 ? { excluding } : {}) });
  } catch (error) {
    evidence = { kind: 'unknown', failingSince: null, detail: (error as Error).message };
  }
  const line = evidenceLine(target.service, name, window, evidence);
  return {
    release: release.id,
    wentLiveAt: window.since.toISOString(),
    kind: evidence.kind,
    failingSince: evidence.failingSince,
    line,
    markBadDefault: evidence.kind === 'failing-after',
  };
}
