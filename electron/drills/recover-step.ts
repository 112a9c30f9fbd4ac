/**
 * The recover step: a person presses "Roll back now" (or the demo's cockpit does) and the same engine the on-call
 * uses rolls back — or the team's `heal:` command runs on every host. Ends the phase when that run ends.
 */
import { CockpitError } from '../../shared/rpc';
import { type ActiveDrill, type RunResult, errorMessage, runResult } from './active-drill';
import { runOnHosts } from './commands';
import { type DrillContext, PRACTICE_REASON, iso, nowMs } from './drill-context';
import { changed, emitRun, endPhase, line, note, startPhase } from './drill-progress';
import { returnRelease } from './host-releases';
import { durationWords, recoverAction } from './measures';

/** Runs the `heal:` command on every host, remembering where it worked. */
export async function heal(ctx: DrillContext, a: ActiveDrill, title: string): Promise<RunResult> {
  const command = a.drill.plan.healCommand ?? '';
  const result = await runOnHosts({
    runId: a.drill.id,
    step: 'heal',
    title,
    command,
    hosts: a.drill.plan.hosts,
    transports: ctx.deps.transports,
    emit: (event) => emitRun(ctx, a, event),
    now: ctx.deps.now,
  });
  for (const host of result.okOn) a.healed.add(host);
  return {
    ok: result.ok,
    detail: result.ok ? `healed on ${result.okOn.join(', ')}` : result.problems.join('; '),
    durationMs: result.durationMs,
  };
}

/** "Roll back now": starts the recovery; refuses, saying why, when there is nothing to recover yet. */
export async function act(
  ctx: DrillContext,
  drillId: string,
  actor?: string,
  auto = false,
): Promise<{ runId: string | null }> {
  const a = ctx.active;
  if (!a || a.drill.id !== drillId) {
    const stored = ctx.store.get(drillId);
    if (!stored) {
      throw new CockpitError(
        'NOT_FOUND',
        `No rollback drill "${drillId}" in this journal. Copy its id from the Drills screen.`,
      );
    }
    throw new CockpitError(
      'CONFLICT',
      `The rollback drill of ${stored.drill.service} on ${stored.drill.environment} is not running here (${stored.drill.status}): nothing to roll back.`,
    );
  }
  if (a.acting) {
    await a.acting.catch(() => undefined);
    if (a.recover) return { runId: a.recover.runId };
  }
  if (a.cancelled.settled) {
    throw new CockpitError('CONFLICT', 'The drill is being cancelled: it restores the service itself.');
  }
  if (a.drill.times.injectedAt === null) {
    throw new CockpitError(
      'CONFLICT',
      `The failure is not injected yet, so there is nothing to ${a.drill.plan.method === 'command' ? 'heal' : 'roll back'}: wait for the "Inject the failure" step to end.`,
    );
  }
  const { plan } = a.drill;
  const press = recoverAction(plan.method);
  const pressedAt = nowMs(ctx);
  const pressing = (async () => {
    a.drill = {
      ...a.drill,
      waitingForAction: false,
      times: { ...a.drill.times, actedAt: iso(pressedAt) },
    };
    a.watch.startCounting(pressedAt);
    if (a.drill.times.detectedAt === null) {
      endPhase(ctx, a, 'detect', 'skipped', `"${press}" was pressed before the checks noticed: not measured`, 0);
    }
    const detectedAt = a.drill.times.detectedAt;
    const who = auto
      ? `pressed by the cockpit itself, ${durationWords(ctx.autoActDelayMs)} after detection (the demo's drill)`
      : `pressed by ${actor ?? a.drill.actor}${detectedAt ? `, ${durationWords(pressedAt - Date.parse(detectedAt))} after detection` : ''}`;
    note(ctx, a, 'act', `"${press}" pressed`, who);
    startPhase(ctx, a, 'recover');
    if (plan.method === 'command') {
      a.recover = { runId: null, done: heal(ctx, a, 'Heal the service') };
      return;
    }
    const to = returnRelease(plan);
    if (to === null) throw new CockpitError('CONFLICT', 'The drill has no release to return to.');
    const started = await ctx.caps.deploys.rollback(
      { service: a.drill.service, environment: a.drill.environment, to, markBad: false, reason: PRACTICE_REASON },
      { drillId: a.drill.id },
    );
    a.runIds.add(started.runId);
    a.drill = { ...a.drill, recoverRunId: started.runId };
    line(ctx, a, `Rolling back to ${to} (practice run ${started.runId})`);
    changed(ctx, a);
    a.recover = { runId: started.runId, done: runResult(started.outcome) };
  })();
  a.acting = pressing;
  try {
    await pressing;
  } catch (error) {
    // Nothing started: the person may press again (or cancel, which restores).
    a.acting = null;
    a.drill = {
      ...a.drill,
      waitingForAction: true,
      times: { ...a.drill.times, actedAt: null },
      phases: a.drill.phases.map((p) => (p.id === 'recover' ? { ...p, status: 'waiting' } : p)),
    };
    note(ctx, a, 'note', `"${press}" could not start`, errorMessage(error));
    changed(ctx, a);
    throw new CockpitError(
      'UNAVAILABLE',
      `Could not start the rollback: ${errorMessage(error)}. Press "${press}" again, or cancel the drill (it restores the service).`,
    );
  }
  a.acted.resolve('acted');
  return { runId: a.recover?.runId ?? null };
}

/**
 * Ends the recover phase on the recovery run's result; answers why the drill failed, or null. The health gate's
 * wait is the checks' time, not the cockpit's, so it is not counted as overhead.
 */
export function recovered(
  ctx: DrillContext,
  a: ActiveDrill,
  recovery: { runId: string | null },
  run: RunResult,
): string | null {
  if (!run.ok) {
    const failure = `the ${a.drill.plan.method === 'command' ? 'heal command' : 'rollback'} did not finish: ${run.detail}`;
    endPhase(ctx, a, 'recover', 'failed', failure, run.durationMs);
    return failure;
  }
  const gateMs = recovery.runId === null ? 0 : (a.gateWaitMs.get(recovery.runId) ?? 0);
  const detail = gateMs > 0 ? `${run.detail} (its health gate waited ${durationWords(gateMs)})` : run.detail;
  endPhase(ctx, a, 'recover', 'passed', detail, Math.max(0, run.durationMs - gateMs));
  return null;
}
