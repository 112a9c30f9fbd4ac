/**
 * Clearing a BAD_RELEASE mark a person judged wrong (the outage was not the release's doing): the marker is removed
 * on every host that has it, the reason is journaled (`deploy.mark.clear`), and each host's audit log gets a line so
 * teammates see who cleared it. Hosts that cannot be reached are named; the others are cleared anyway.
 */
import { CockpitError } from '../../shared/rpc';
import { type Journal } from '../journal/types';
import { type Transport } from '../remote/types';
import { auditScript, clearMarkScript, inspectScript, parseInspect } from './layout';
import { type DeployTarget, lockBase } from './target';

const TIMEOUT_MS = 30_000;

export async function clearMarkOnHosts(input: {
  target: DeployTarget;
  release: string;
  reason: string;
  journal: Journal;
  transports: (host: string) => Transport;
  actor: string;
  machine: string;
  now: Date;
}): Promise<{ release: string; clearedOn: string[]; problems: string[] }> {
  const { target: t, release } = input;
  const base = lockBase(t);
  const marked: string[] = [];
  const problems: string[] = [];
  await Promise.all(
    t.hosts.map(async (host) => {
      try {
        const r = await input.transports(host).exec(inspectScript(base, { create: false }), { timeoutMs: TIMEOUT_MS });
        if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
        if (parseInspect(host, r.stdout).releases.some((x) => x.id === release && x.bad)) marked.push(host);
      } catch (error) {
        problems.push(`${host}: could not be read (${(error as Error).message})`);
      }
    }),
  );
  if (marked.length === 0 && problems.length === 0) {
    throw new CockpitError(
      'NOT_FOUND',
      `${release} is not marked bad on any host of ${t.service}@${t.environment}: there is nothing to clear.`,
    );
  }
  const handle = input.journal.begin({
    kind: 'deploy.mark.clear',
    title: `Clear the BAD_RELEASE mark of ${release} (${t.service}@${t.environment})`,
    target: `${t.service}@${t.environment}`,
    actor: input.actor,
    data: { release, reason: input.reason, hosts: marked, machine: input.machine },
  });
  const clearedOn: string[] = [];
  await Promise.all(
    marked.map(async (host) => {
      const exec = (command: string) => input.transports(host).exec(command, { timeoutMs: TIMEOUT_MS });
      try {
        const r = await exec(clearMarkScript(base, release));
        if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
        clearedOn.push(host);
        handle.step(`Cleared the mark of ${release} on ${host}`, { host });
        const entry = {
          at: input.now.toISOString(),
          actor: input.actor,
          action: 'unmark',
          release,
          result: `cleared: ${input.reason}`,
          runId: handle.id,
        };
        const audit = await exec(auditScript(base, entry));
        if (audit.exitCode !== 0) handle.step(`Could not append to the audit log on ${host}`, { host, ok: false });
      } catch (error) {
        problems.push(`${host}: ${(error as Error).message}`);
      }
    }),
  );
  clearedOn.sort((a, b) => t.hosts.indexOf(a) - t.hosts.indexOf(b));
  if (problems.length > 0) {
    handle.fail(
      `Cleared the mark of ${release} on ${clearedOn.join(', ') || 'no host'}; not everywhere: ${problems.join('; ')}. Try again once every host can be reached.`,
    );
  } else {
    handle.succeed(`Cleared the mark of ${release} on ${clearedOn.join(', ')}: ${input.reason}`);
  }
  return { release, clearedOn, problems };
}
