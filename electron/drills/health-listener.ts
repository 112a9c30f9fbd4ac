/**
 * What the drill hears on the event bus: deploy runs going on (for the preflight), the drill's own deploy-engine
 * runs echoed into its log, and health — down, the alert, every check up again, the passes in a row.
 */
import { type RunEvent } from '../../shared/model/deploys';
import { type EventMessage } from '../../shared/rpc';
import { type ActiveDrill } from './active-drill';
import { onAlert, onDown } from './detect-step';
import { type DrillContext, iso, nowMs } from './drill-context';
import { changed, line, note } from './drill-progress';
import { durationWords, recoverAction } from './measures';
import { phaseOf, withPhase } from './record';

/** The deploy engine's health-gate steps: their time is the checks', not the cockpit's. */
const GATE_STEPS = new Set(['gate', 'rollback-gate']);
/** The steps that make a release live on a host: the releases strategy's switch, a script deploy's own command. */
const LIVE_STEPS = new Set(['switch', 'deploy']);

export function onEvent(ctx: DrillContext, message: EventMessage): void {
  if (message.event === 'deploys.run') trackDeployRun(ctx, message);
  const a = ctx.active;
  if (!a || a.drill.status !== 'running') return;
  if (message.event === 'deploys.run') echoRun(ctx, a, message);
  const heard = a.watch.hear(message);
  if (heard.down) onDown(ctx, a, heard.down.at, heard.down.reason);
  if (heard.alert) onAlert(ctx, a, heard.alert.at, heard.alert.title, heard.alert.delivered);
  if (heard.allUp && a.drill.times.actedAt !== null && a.drill.times.recoveredAt === null) {
    const actedAt = Date.parse(a.drill.times.actedAt);
    a.drill = { ...a.drill, times: { ...a.drill.times, recoveredAt: iso(heard.allUp.at) } };
    const checks = a.drill.plan.watch.map((c) => c.checkId).join(', ');
    const after = durationWords(Math.max(0, heard.allUp.at - actedAt));
    note(
      ctx,
      a,
      'recover',
      'Every watched check up again',
      `${checks} up ${after} after "${recoverAction(a.drill.plan.method)}"`,
    );
    changed(ctx, a);
  }
  if (message.event === 'health.sample' && a.drill.times.actedAt !== null && !a.passed.settled) {
    if (heard.allPassed) a.passed.resolve('passed');
    else if (phaseOf(a.drill, 'verify')?.status === 'running') {
      a.drill = withPhase(a.drill, 'verify', { detail: `passes in a row: ${a.watch.progress()}` });
      changed(ctx, a, false);
    }
  }
}

function trackDeployRun(ctx: DrillContext, message: EventMessage): void {
  const event = message.payload as RunEvent; // checked against runEventSchema when emitted
  if (event.type === 'run.started' && event.service && event.environment) {
    ctx.deployRuns.set(event.runId, { service: event.service, environment: event.environment });
  } else if (event.type === 'run.ended') {
    ctx.deployRuns.delete(event.runId);
  }
}

function echoRun(ctx: DrillContext, a: ActiveDrill, message: EventMessage): void {
  const event = message.payload as RunEvent; // checked against runEventSchema when emitted
  if (!a.runIds.has(event.runId)) return;
  // The failure is live from the first host switched to the broken release, not from when the run ended (after
  // restarts and other hosts): counting from the end made time to detect read 0 ms when checks were quicker.
  if (event.type === 'step.ended' && event.ok && a.injecting !== null && LIVE_STEPS.has(event.step)) {
    a.liveAt ??= nowMs(ctx);
  }
  if (event.type === 'step.ended') {
    if (GATE_STEPS.has(event.step)) {
      a.gateWaitMs.set(event.runId, (a.gateWaitMs.get(event.runId) ?? 0) + event.durationMs);
    }
    const where = event.host ? `${event.host}: ` : '';
    const result = event.ok ? '✓' : `✗ ${event.error ?? ''}`.trim();
    line(
      ctx,
      a,
      `  ${where}${event.title} ${result} (${durationWords(event.durationMs)})`,
      event.ok ? 'stdout' : 'stderr',
    );
  } else if (event.type === 'run.ended') {
    line(ctx, a, `  ${event.summary}`, event.status === 'succeeded' ? 'stdout' : 'stderr');
  }
}
