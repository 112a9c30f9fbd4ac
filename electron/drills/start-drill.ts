/**
 * Starting a drill: its preflight (one at a time per backend, no deploy of the target going on), a refusal that is
 * journaled with every reason and changes nothing, else the drill's record, its journal entry and its live log —
 * then the drill runs on by itself.
 */
import { type RollbackDrill } from '../../shared/model/drills';
import { CockpitError } from '../../shared/rpc';
import { log } from '../log';
import { activeDrill, errorMessage } from './active-drill';
import { type DrillContext } from './drill-context';
import { emitRun, endPhase, startPhase } from './drill-progress';
import { driveDrill } from './drive-drill';
import { type PreflightContext, preflight, refusalOf } from './preflight';
import { newDrill, withPhase } from './record';
import { type StartRollbackDrill } from './service-contract';

/** The drill running now, in words, from this backend or another process on the same journal; else null. */
function runningName(ctx: DrillContext): string | null {
  const { active } = ctx;
  if (active) return `${active.drill.service} on ${active.drill.environment}, drill ${active.drill.id}`;
  if (ctx.starting) return ctx.starting;
  const other = ctx.store.list({ limit: 5 }).find((d) => d.status === 'running');
  return other ? `${other.service} on ${other.environment}, drill ${other.id}, in another cockpit process` : null;
}

export function preflightContext(ctx: DrillContext): PreflightContext {
  return {
    workspace: ctx.deps.workspace(),
    capabilities: ctx.caps,
    runningDrill: runningName(ctx),
    deployRunsOn: (service: string, environment: string) =>
      [...ctx.deployRuns.entries()]
        .filter(([, t]) => t.service === service && t.environment === environment)
        .map(([runId]) => runId),
  };
}

export async function startDrill(
  ctx: DrillContext,
  input: StartRollbackDrill,
): Promise<{ drillId: string; done: Promise<RollbackDrill> }> {
  const { deps, journal } = ctx;
  if (ctx.closed)
    throw new CockpitError('UNAVAILABLE', 'The cockpit is shutting down: start the drill again after it restarts.');
  const actor = input.actor ?? deps.actor;
  let checked: Awaited<ReturnType<typeof preflight>>;
  // The drill and its preflight phase start when the preflight does: its reads are the phase's time.
  const preflightAt = deps.now();
  try {
    checked = await preflight(input, preflightContext(ctx));
  } catch (error) {
    // No plan at all (no such service, no drill declared, no environment to practise in): journaled all the same.
    const handle = journal.begin({
      kind: 'drill.rollback',
      title: `Rollback drill of ${input.service}`,
      target: `${input.service}@${input.environment ?? '?'}`,
      actor,
      data: { service: input.service, environment: input.environment ?? null },
    });
    handle.fail(`Refused: ${errorMessage(error)}`, {
      refused: true,
      code: error instanceof CockpitError ? error.code : 'INTERNAL',
    });
    throw error;
  }
  const { plan } = checked;
  const target = `${plan.service}@${plan.environment}`;
  // The preflight awaited the hosts: another start may have begun meanwhile.
  const other = runningName(ctx);
  if (!plan.ready || other) {
    const items = other
      ? plan.items.map((i) =>
          i.id === 'idle'
            ? {
                ...i,
                ok: false,
                detail: `another rollback drill is running (${other}): wait for it to end, or cancel it`,
              }
            : i,
        )
      : plan.items;
    const refusal = refusalOf({ ...plan, items, ready: false });
    const handle = journal.begin({
      kind: 'drill.rollback',
      title: `Rollback drill of ${plan.service} on ${plan.environment}`,
      target,
      actor,
      data: { service: plan.service, environment: plan.environment, method: plan.method },
    });
    handle.fail(`Refused: ${refusal.message}`, { refused: true, code: refusal.code, items });
    throw new CockpitError(refusal.code, refusal.message, {
      items,
      ...(refusal.code === 'FORBIDDEN' ? { needsConfirmation: plan.environment } : {}),
    });
  }
  ctx.starting = `${plan.service} on ${plan.environment}`;
  try {
    const handle = journal.begin({
      kind: 'drill.rollback',
      title: `Rollback drill of ${plan.service} on ${plan.environment}`,
      target,
      actor,
      data: {
        service: plan.service,
        environment: plan.environment,
        method: plan.method,
        breakRelease: plan.breakRelease,
        returnTo: plan.returnTo,
        auto: input.auto ?? false,
      },
    });
    const startedAt = preflightAt;
    const a = activeDrill(newDrill({ id: handle.id, plan, actor, auto: input.auto ?? false, startedAt }), handle, plan);
    a.drill = { ...a.drill, alertsDelivered: plan.notify };
    ctx.active = a;
    emitRun(ctx, a, {
      type: 'run.started',
      runId: a.drill.id,
      kind: 'drill.rollback',
      title: `Rollback drill of ${plan.service} on ${plan.environment}${a.drill.auto ? ' (demo)' : ''}`,
      hosts: plan.hosts,
      at: a.drill.startedAt,
      service: plan.service,
      environment: plan.environment,
      actor,
    });
    startPhase(ctx, a, 'preflight');
    a.drill = withPhase(a.drill, 'preflight', { startedAt: preflightAt.toISOString() });
    const preflightDetail = plan.items.map((i) => i.detail).join('; ');
    endPhase(ctx, a, 'preflight', 'passed', preflightDetail, checked.overheadMs);
    const done = driveDrill(ctx, a).catch((error: unknown) => {
      // Nobody may be waiting on `done` (the app answers with the id at once): it must never reject.
      log.error('A rollback drill could not record its end:', error);
      if (ctx.active === a) ctx.active = null;
      return a.drill;
    });
    a.done = done;
    return { drillId: a.drill.id, done };
  } finally {
    ctx.starting = null;
  }
}
