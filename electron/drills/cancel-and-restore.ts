/**
 * Cancel, and putting the service back as it was after a cancel or a failed step: a recovery already pressed is
 * waited for; otherwise the hosts are rolled back to the release they ran before (or the `heal:` command runs).
 */
import { type ActiveDrill, errorMessage, runResult } from './active-drill';
import { type DrillContext, PRACTICE_REASON } from './drill-context';
import { changed, line, note } from './drill-progress';
import { readHosts, returnRelease } from './host-releases';
import { heal } from './recover-step';

/** Asks the running drill to stop; false when it is not the one running, or already stopping. */
export function cancel(ctx: DrillContext, drillId: string): boolean {
  const a = ctx.active;
  if (!a || a.drill.id !== drillId || a.cancelled.settled) return false;
  a.drill = { ...a.drill, cancelling: true, waitingForAction: false };
  line(ctx, a, 'Cancelling: the service is restored to the release it ran before');
  a.cancelled.resolve('cancelled');
  // A practice deploy still going stops now; the engine puts back the hosts it already switched.
  if (a.drill.injectRunId && a.injecting) ctx.caps.deploys.cancel(a.drill.injectRunId);
  changed(ctx, a);
  return true;
}

/** Puts the service back as it was: waits for a recovery already pressed, else rolls back (or heals). */
export async function restore(ctx: DrillContext, a: ActiveDrill, why: string): Promise<void> {
  const { plan } = a.drill;
  if (a.acting) await a.acting.catch(() => undefined);
  if (a.recover) {
    const result = await a.recover.done;
    if (result.ok) return;
  }
  if (plan.method === 'command') {
    if (!a.breakRan) return;
    const healed = await heal(ctx, a, `Heal (${why})`);
    if (!healed.ok) note(ctx, a, 'note', 'The heal command failed', healed.detail);
    return;
  }
  if (a.injecting) await a.injecting.catch(() => undefined);
  await readHosts(ctx, a);
  if (a.drill.hosts.every((h) => h.onReturnRelease)) return;
  const to = returnRelease(plan);
  if (to === null) return;
  note(ctx, a, 'note', `Restoring ${to}`, why);
  try {
    const started = await ctx.caps.deploys.rollback(
      {
        service: a.drill.service,
        environment: a.drill.environment,
        to,
        markBad: false,
        reason: `${PRACTICE_REASON}: ${why}`,
      },
      { drillId: a.drill.id },
    );
    a.runIds.add(started.runId);
    if (a.drill.recoverRunId === null) a.drill = { ...a.drill, recoverRunId: started.runId };
    changed(ctx, a);
    const result = await runResult(started.outcome);
    if (!result.ok) note(ctx, a, 'note', `The rollback to ${to} did not finish`, result.detail);
  } catch (error) {
    note(ctx, a, 'note', `Could not start the rollback to ${to}`, errorMessage(error));
  }
}
