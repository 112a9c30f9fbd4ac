/**
 * The inject step: a practice deploy of the broken release, or the team's `break:` command on every host. From
 * here until the drill ends, the service × environment's alerts and incidents are practice and health is watched.
 * Once the failure is live, detection starts, with its deadline.
 */
import { type DeployOutcome } from '../../shared/model/deploys';
import { redactText } from '../journal/redact';
import { type StartedRun } from '../features/types';
import { type ActiveDrill, errorMessage, reached } from './active-drill';
import { runOnHosts } from './commands';
import { detected } from './detect-step';
import { type DrillContext, PRACTICE_REASON, iso, nowMs } from './drill-context';
import { changed, emitRun, endPhase, line, note, startPhase, timer } from './drill-progress';

/** Injects the failure; answers null when it is live, 'cancelled', else why not. */
export async function inject(ctx: DrillContext, a: ActiveDrill): Promise<string | null> {
  const { caps } = ctx;
  const { plan } = a.drill;
  startPhase(ctx, a, 'inject');
  a.practising = true;
  a.stopWatch = caps.watchHealth(a.drill.service, a.drill.environment);
  a.injectStartedAt = nowMs(ctx);
  if (plan.method === 'command') {
    a.breakRan = true;
    const result = await runOnHosts({
      runId: a.drill.id,
      step: 'break',
      title: 'Break the service',
      command: plan.breakCommand ?? '',
      hosts: plan.hosts,
      transports: ctx.deps.transports,
      emit: (event) => emitRun(ctx, a, event),
      now: ctx.deps.now,
    });
    if (!result.ok) {
      const why = `the break command failed: ${result.problems.join('; ')}`;
      endPhase(ctx, a, 'inject', 'failed', why, result.durationMs);
      return why;
    }
    injected(ctx, a, nowMs(ctx), `\`${plan.breakCommand ?? ''}\` ran on ${plan.hosts.join(', ')}`, result.durationMs);
    return null;
  }
  const breakRelease = plan.breakRelease ?? '';
  let started: StartedRun;
  try {
    started = await caps.deploys.deploy(
      {
        service: a.drill.service,
        environment: a.drill.environment,
        release: { ref: breakRelease },
        reason: PRACTICE_REASON,
      },
      { drillId: a.drill.id },
    );
  } catch (error) {
    const why = `the practice deploy of ${breakRelease} could not start: ${errorMessage(error)}`;
    endPhase(ctx, a, 'inject', 'failed', why, null);
    return why;
  }
  a.runIds.add(started.runId);
  a.drill = { ...a.drill, injectRunId: started.runId };
  line(ctx, a, `Deploying ${breakRelease} to ${a.drill.environment} (practice run ${started.runId})`);
  changed(ctx, a);
  // Cancelled while the deploy was starting: it stops now, and the engine puts back what it switched.
  if (a.cancelled.settled) caps.deploys.cancel(started.runId);
  a.injecting = started.outcome;
  let outcome: DeployOutcome;
  try {
    outcome = await started.outcome;
  } catch (error) {
    const why = `the practice deploy of ${breakRelease} failed: ${redactText(errorMessage(error))}`;
    endPhase(ctx, a, 'inject', 'failed', why, null);
    return why;
  } finally {
    a.injecting = null;
  }
  if (outcome.releaseId) a.practiceRelease = outcome.releaseId;
  if (a.cancelled.settled) {
    endPhase(
      ctx,
      a,
      'inject',
      'cancelled',
      'cancelled while the broken release was being deployed',
      outcome.durationMs,
    );
    return 'cancelled';
  }
  if (!reached(outcome)) {
    const why = `the practice deploy of ${breakRelease} did not go live: ${redactText(outcome.summary)}`;
    endPhase(ctx, a, 'inject', 'failed', why, outcome.durationMs);
    return why;
  }
  const endedAt = Date.parse(outcome.endedAt);
  injected(
    ctx,
    a,
    a.liveAt ?? (Number.isNaN(endedAt) ? nowMs(ctx) : endedAt),
    `${outcome.releaseId ?? breakRelease} is live on ${plan.hosts.join(', ')} (practice run ${started.runId})`,
    outcome.durationMs,
  );
  return null;
}

function injected(ctx: DrillContext, a: ActiveDrill, at: number, detail: string, overheadMs: number): void {
  a.drill = { ...a.drill, times: { ...a.drill.times, injectedAt: iso(at) } };
  note(ctx, a, 'inject', 'Failure injected', detail);
  endPhase(ctx, a, 'inject', 'passed', detail, overheadMs);
  startPhase(ctx, a, 'detect');
  timer(a, Math.max(0, at + a.drill.plan.detectTimeoutMs - nowMs(ctx)), () => a.detectTimedOut.resolve('timeout'));
  // It may have gone down while the release was still being deployed, or before anyone listened.
  const already = a.downWhileInjecting;
  const now = ctx.caps.healthOf(a.drill.service, a.drill.environment).status;
  if (already) detected(ctx, a, Math.max(already.at, at), already.reason);
  else if (now && (now.status === 'down' || now.status === 'degraded')) detected(ctx, a, at, now.reason);
}
