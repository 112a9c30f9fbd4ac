/**
 * Asks every host of an environment what it has (releases, markers, `current`, audit log) for the history view.
 * Never creates anything; a host that cannot be reached is listed as such instead of failing the whole view.
 */
import { type Transport } from '../remote/types';
import { type HostLayout, inspectScript, parseInspect } from './layout';
import { type DeployTarget, lockBase } from './target';

export async function collectHostLayouts(
  t: DeployTarget,
  transports: (host: string) => Transport,
): Promise<{ layouts: HostLayout[]; unreachable: Array<{ host: string; message: string }> }> {
  const layouts: HostLayout[] = [];
  const unreachable: Array<{ host: string; message: string }> = [];
  await Promise.all(
    t.hosts.map(async (host) => {
      try {
        const transport = transports(host);
        const result = await transport.exec(inspectScript(lockBase(t), { create: false }), { timeoutMs: 30_000 });
        if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `exit ${result.exitCode}`);
        const layout = parseInspect(host, result.stdout);
        if (t.config.strategy === 'script') await addScriptReleases(t, transport, layout);
        layouts.push(layout);
      } catch (error) {
        unreachable.push({ host, message: (error as Error).message });
      }
    }),
  );
  layouts.sort((a, b) => t.hosts.indexOf(a.host) - t.hosts.indexOf(b.host));
  return { layouts, unreachable };
}

/** For the script strategy, the team's `list` and `current` commands say what exists and what runs. */
async function addScriptReleases(t: DeployTarget, transport: Transport, layout: HostLayout): Promise<void> {
  if (t.config.strategy !== 'script') return;
  const lines = async (command: string | undefined) => {
    if (!command) return [];
    const r = await transport.exec(command, { timeoutMs: 30_000 });
    return r.exitCode === 0
      ? r.stdout
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
  };
  const [listed, current] = await Promise.all([lines(t.config.list), lines(t.config.current)]);
  layout.releases = listed.map((id) => ({ id, goodAt: null, bad: null, mtime: null }));
  layout.current = current[0] ?? null;
}
