/**
 * The end of a rollback drill: the practice release it deployed (the designated broken one) is removed from every
 * host, so it is never offered as a rollback target nor counted by retention. A host where it is still current is
 * refused — removing the directory `current` points at would take the service down for real. Journaled
 * (`deploy.practice.remove`) and audited on each host (`practice-remove`), like every change the cockpit makes.
 */
import { type Journal } from '../journal/types';
import { quote, quotePath, sh } from '../remote/quote';
import { type Transport } from '../remote/types';
import { auditScript } from './layout';
import { type DeployTarget, lockBase } from './target';

const TIMEOUT_MS = 30_000;

const CURRENT = 'COCKPIT-RELEASE-CURRENT';
const REMOVED = 'COCKPIT-RELEASE-REMOVED';
const MISSING = 'COCKPIT-RELEASE-MISSING';

/**
 * In one round trip: refuses when `current` points at the release, else removes its directory. The check and the
 * removal run together so a switch in between (a teammate's run) has the smallest window; the deploy lock is not
 * taken, as the drill's own runs have released it and a held lock must not keep the practice release around.
 */
export function removeUnlessCurrentScript(base: string, release: string): string {
  return [
    `base=${quotePath(base)}`,
    `cd "$base" 2>/dev/null || { echo ${MISSING}; exit 0; }`,
    'link=$(readlink current 2>/dev/null)',
    'link=${link%/}',
    `if [ "\${link##*/}" = ${quote(release)} ]; then echo ${CURRENT}; exit 0; fi`,
    sh`[ -d releases/${release} ] || { echo ${MISSING}; exit 0; }`,
    sh`rm -rf -- releases/${release} && echo ${REMOVED}`,
  ].join('\n');
}

export type RemoveAnswer = 'current' | 'removed' | 'missing';

export function parseRemoveAnswer(stdout: string): RemoveAnswer | null {
  const last = stdout.trim().split('\n').pop()?.trim();
  if (last === CURRENT) return 'current';
  if (last === REMOVED) return 'removed';
  if (last === MISSING) return 'missing';
  return null;
}

export async function removePracticeRelease(input: {
  target: DeployTarget;
  release: string;
  drillId: string;
  journal: Journal;
  transports: (host: string) => Transport;
  actor: string;
  now: Date;
}): Promise<{ removedOn: string[]; problems: string[] }> {
  const { target: t, release } = input;
  const base = lockBase(t);
  const handle = input.journal.begin({
    kind: 'deploy.practice.remove',
    title: `Remove the practice release ${release} (${t.service}@${t.environment})`,
    target: `${t.service}@${t.environment}`,
    actor: input.actor,
    data: { release, practice: input.drillId, hosts: t.hosts },
  });
  const removedOn: string[] = [];
  const problems: string[] = [];
  await Promise.all(
    t.hosts.map(async (host) => {
      const exec = (command: string) => input.transports(host).exec(command, { timeoutMs: TIMEOUT_MS });
      try {
        const r = await exec(removeUnlessCurrentScript(base, release));
        const answer = r.exitCode === 0 ? parseRemoveAnswer(r.stdout) : null;
        if (!answer) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
        if (answer === 'current') {
          problems.push(
            `${host}: ${release} is still the current release there, so it was kept. Roll ${host} back to a healthy release, then remove it.`,
          );
          handle.step(`Kept ${release} on ${host}: it is current there`, { host, ok: false });
          return;
        }
        if (answer === 'missing') {
          handle.step(`${release} is not on ${host}: nothing to remove`, { host });
          return;
        }
        removedOn.push(host);
        handle.step(`Removed releases/${release} on ${host}`, { host });
        const entry = {
          at: input.now.toISOString(),
          actor: input.actor,
          action: 'practice-remove',
          release,
          result: `removed after drill ${input.drillId}`,
          runId: handle.id,
        };
        const audit = await exec(auditScript(base, entry));
        if (audit.exitCode !== 0) handle.step(`Could not append to the audit log on ${host}`, { host, ok: false });
      } catch (error) {
        problems.push(`${host}: could not remove ${release} (${(error as Error).message}); remove it by hand.`);
      }
    }),
  );
  removedOn.sort((a, b) => t.hosts.indexOf(a) - t.hosts.indexOf(b));
  if (problems.length > 0) {
    handle.fail(`Removed ${release} on ${removedOn.join(', ') || 'no host'}; not everywhere: ${problems.join('; ')}`);
  } else {
    handle.succeed(
      removedOn.length > 0 ? `Removed ${release} on ${removedOn.join(', ')}` : `${release} was on no host`,
    );
  }
  return { removedOn, problems };
}
