/**
 * Why Rollback cannot be pressed, and what to do instead (shared/api/deploys.ts `rollbackBlock`). Pure and
 * unit-tested. The overview builds every target from its history, so each row says which case it is: a single
 * release, an earlier one missing on a host, or every earlier one marked bad.
 */
import { type DeployTarget, type RollbackAlternative, type RollbackBlock } from '../../shared/api/deploys';
import { type DeployHistory, type ReleaseInfo } from '../../shared/model/deploys';
import { parseReleaseId } from './release-id';

/** "v1.5.0" for "20250102T120000Z-v1.5.0"; the id itself when it names nothing else. */
const releaseName = (id: string | null): string => (id ? (parseReleaseId(id).ref ?? id) : '—');

type TargetFacts = Omit<DeployTarget, 'rollbackBlock'>;

const readAgain: RollbackAlternative = { kind: 'read-again', label: 'Read the hosts again' };
const deployAnother: RollbackAlternative = { kind: 'deploy', label: 'Deploy another release', release: null };

/** "demo-stg", "demo-prod-1 and demo-prod-2", "its 3 hosts". */
function hostWords(hosts: readonly string[]): string {
  if (hosts.length === 1) return hosts[0] ?? '';
  if (hosts.length === 2) return `${hosts[0]} and ${hosts[1]}`;
  return hosts.length === 0 ? 'its hosts' : `its ${hosts.length} hosts`;
}

/** Where a release must be for a rollback: "demo-stg", "both prod-1 and prod-2", "all 3 hosts". */
function everyHost(hosts: readonly string[]): string {
  if (hosts.length === 2) return `both ${hosts[0]} and ${hosts[1]}`;
  return hosts.length > 2 ? `all ${hosts.length} hosts` : hostWords(hosts);
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/** Releases made before the current one (all others when either time is unknown). */
function earlierThan(releases: readonly ReleaseInfo[], current: string): ReleaseInfo[] {
  const now = releases.find((r) => r.id === current);
  const madeNow = time(now?.createdAt ?? null);
  return releases.filter((r) => {
    if (r.id === current) return false;
    const made = time(r.createdAt);
    return Number.isNaN(made) || Number.isNaN(madeNow) || made < madeNow;
  });
}

const newestFirst = (a: ReleaseInfo, b: ReleaseInfo) => (b.createdAt ?? b.id).localeCompare(a.createdAt ?? a.id);

/** All the overview can tell: the history says which of the cases it is. */
function generic(target: TargetFacts): RollbackBlock {
  return {
    reason: `No earlier good release on ${everyHost(target.hosts)} to roll back to`,
    brief: 'No earlier good release',
    alternative: deployAnother,
  };
}

/** The precise case, from the target's history. */
function fromHistory(target: TargetFacts, current: string, history: DeployHistory): RollbackBlock {
  const earlier = earlierThan(history.releases, current).sort(newestFirst);
  const where = hostWords(target.hosts);
  if (earlier.length === 0) {
    const others = history.releases.filter((r) => r.id !== current);
    // After a rollback the live release may be the oldest left: going forward again is the way out.
    // A proven release first: one that failed its gate is neither marked bad nor a way out.
    const usable = others.filter((r) => !r.bad).sort(newestFirst);
    const newer = usable.find((r) => r.goodAt !== null) ?? usable[0];
    const now = releaseName(current);
    return {
      reason: `No earlier release on ${where} to roll back to: ${now} is the ${others.length === 0 ? 'only' : 'oldest'} one there`,
      brief: 'No earlier release',
      alternative: newer
        ? { kind: 'deploy', label: `Deploy ${releaseName(newer.id)} instead`, release: releaseName(newer.id) }
        : deployAnother,
    };
  }
  const missing = earlier.find((r) => !r.bad && target.hosts.some((h) => !r.hosts.includes(h)));
  if (missing) {
    const lacking = target.hosts.filter((h) => !missing.hosts.includes(h));
    const name = releaseName(missing.id);
    return {
      reason: `No earlier release on ${hostWords(lacking)} to roll back to: ${name} is not there`,
      brief: `${name} is not on ${hostWords(lacking)}`,
      alternative: { kind: 'deploy', label: `Deploy ${name} instead`, release: name },
    };
  }
  const bad = earlier.filter((r) => r.bad);
  if (bad.length === 0) return generic(target);
  const names = bad.map((r) => releaseName(r.id)).join(', ');
  return {
    reason: `Every earlier release is marked bad (${names}): nothing healthy to roll back to`,
    brief: 'Earlier releases marked bad',
    alternative: { kind: 'deploy', label: 'Deploy a fixed release', release: null },
  };
}

/** Null when Rollback can be pressed. */
export function rollbackBlock(target: TargetFacts, history: DeployHistory | null): RollbackBlock | null {
  if (target.rollbackTarget) return null;
  if (target.problem) {
    return {
      reason: 'The hosts could not be read, so nothing is known to roll back to',
      brief: 'Hosts not read',
      alternative: readAgain,
    };
  }
  if (target.hosts.length > 0 && target.unreachable.length >= target.hosts.length) {
    return {
      reason: `${hostWords(target.hosts)} did not answer, so nothing is known to roll back to`,
      brief: 'No host answered',
      alternative: readAgain,
    };
  }
  const running = target.currentByHost.filter((h) => h.release);
  if (!target.current && running.length === 0) {
    return {
      reason: `Nothing is deployed to ${target.environment} yet, so there is nothing to roll back`,
      brief: 'Nothing deployed yet',
      alternative: { kind: 'deploy', label: 'Deploy a first release', release: null },
    };
  }
  if (!target.current) {
    const newest = running.map((h) => h.release ?? '').sort((a, b) => b.localeCompare(a))[0] ?? '';
    const which = running.map((h) => `${h.host}: ${releaseName(h.release)}`).join(', ');
    return {
      reason: `The hosts run different releases (${which}), and no earlier one is on every host`,
      brief: 'Hosts run different releases',
      alternative: {
        kind: 'deploy',
        label: `Deploy ${releaseName(newest)} to every host`,
        release: releaseName(newest),
      },
    };
  }
  const own = history && history.service === target.service && history.environment === target.environment;
  return own ? fromHistory(target, target.current, history) : generic(target);
}
