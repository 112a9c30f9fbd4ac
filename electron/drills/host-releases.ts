/** Which release the drill returns the service to, and what each host runs now (read into the record). */
import { performance } from 'node:perf_hooks';
import { type DrillPlan } from '../../shared/model/drills';
import { type ActiveDrill, errorMessage } from './active-drill';
import { type DrillContext } from './drill-context';
import { note } from './drill-progress';

/** The one release every host ran before the drill, or null when they ran different ones. */
export function returnRelease(plan: DrillPlan): string | null {
  const releases = [...new Set(plan.returnTo.map((r) => r.release))];
  return releases.length === 1 ? (releases[0] ?? null) : null;
}

/** Reads what each host runs now into the record; answers the time the reads took. */
export async function readHosts(ctx: DrillContext, a: ActiveDrill): Promise<number> {
  const t0 = performance.now();
  const { plan } = a.drill;
  const expected = new Map(plan.returnTo.map((r) => [r.host, r.release]));
  const service = ctx.deps.workspace()?.services[a.drill.service];
  let current: Array<{ host: string; release: string | null }> | null = null;
  if (service?.deploy) {
    try {
      current = await ctx.caps.deploys.currentByHost({ service: a.drill.service, environment: a.drill.environment });
    } catch (error) {
      note(ctx, a, 'note', 'Could not read what each host runs', errorMessage(error));
    }
  }
  a.drill = {
    ...a.drill,
    hosts: plan.hosts.map((host) => {
      const release = current?.find((c) => c.host === host)?.release ?? null;
      const onReturnRelease =
        plan.method === 'command'
          ? a.healed.has(host) || !a.breakRan
          : current !== null && release !== null && release === expected.get(host);
      return { host, release, onReturnRelease };
    }),
  };
  return Math.round(performance.now() - t0);
}
