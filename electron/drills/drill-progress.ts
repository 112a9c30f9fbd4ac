/**
 * How a running drill tells what it does: its live log (the `drills.run` events), its record saved to the journal
 * and announced (`drills.changed`), a moment on its timeline, a phase started or ended, and its own timers (cleared
 * when it ends).
 */
import { type RunEvent } from '../../shared/model/deploys';
import { type RollbackDrill, type RollbackDrillPhaseId } from '../../shared/model/drills';
import { redactText } from '../journal/redact';
import { log } from '../log';
import { type ActiveDrill } from './active-drill';
import { type DrillContext } from './drill-context';
import { phaseOf, since, withEvent, withPhase } from './record';

export function emitRun(ctx: DrillContext, a: ActiveDrill, event: RunEvent): void {
  a.log.push(event);
  try {
    ctx.events.emit('drills.run', event);
  } catch (error) {
    log.warn('A rollback drill log event could not be delivered:', error);
  }
}

export function line(ctx: DrillContext, a: ActiveDrill, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  emitRun(ctx, a, {
    type: 'output',
    runId: a.drill.id,
    host: null,
    step: a.drill.phase,
    stream,
    text: `${redactText(text)}\n`,
  });
}

export function changed(ctx: DrillContext, a: ActiveDrill, persist = true): void {
  if (persist) {
    try {
      ctx.store.save(a.drill);
    } catch (error) {
      log.warn('Could not write a rollback drill to the journal:', error);
    }
  }
  try {
    ctx.events.emit('drills.changed', a.drill);
  } catch (error) {
    log.error('A rollback drill change could not be delivered:', error);
  }
}

export function note(
  ctx: DrillContext,
  a: ActiveDrill,
  kind: RollbackDrill['events'][number]['kind'],
  title: string,
  detail: string | null,
): void {
  a.drill = withEvent(a.drill, { at: ctx.deps.now().toISOString(), kind, title, detail });
  line(ctx, a, detail ? `${title}: ${detail}` : title);
  a.handle.step(detail ? `${title}: ${detail}` : title, { step: a.drill.phase });
}

export function startPhase(
  ctx: DrillContext,
  a: ActiveDrill,
  id: RollbackDrillPhaseId,
  status: 'running' | 'waiting' = 'running',
): void {
  const phase = phaseOf(a.drill, id);
  a.drill = withPhase(a.drill, id, { status, startedAt: phase?.startedAt ?? ctx.deps.now().toISOString() });
  if (phase?.status === 'pending') {
    emitRun(ctx, a, {
      type: 'step.started',
      runId: a.drill.id,
      host: null,
      step: id,
      title: phase.title,
      command: null,
      at: ctx.deps.now().toISOString(),
    });
  }
  changed(ctx, a);
}

export function endPhase(
  ctx: DrillContext,
  a: ActiveDrill,
  id: RollbackDrillPhaseId,
  status: 'passed' | 'failed' | 'skipped' | 'cancelled',
  detail: string | null,
  overheadMs: number | null,
): void {
  const phase = phaseOf(a.drill, id);
  const endedAt = ctx.deps.now().toISOString();
  a.drill = withPhase(a.drill, id, { status, endedAt, detail, overheadMs });
  emitRun(ctx, a, {
    type: 'step.ended',
    runId: a.drill.id,
    host: null,
    step: id,
    title: phase?.title ?? id,
    command: null,
    ok: status === 'passed' || status === 'skipped',
    exitCode: null,
    durationMs: since(phase?.startedAt ?? null, Date.parse(endedAt)) ?? 0,
    error: (status === 'failed' || status === 'cancelled') && detail !== null ? redactText(detail) : null,
  });
  changed(ctx, a);
}

/** A timer the drill owns: cleared when the drill ends. */
export function timer(a: ActiveDrill, ms: number, fn: () => void): void {
  const handle = setTimeout(() => {
    a.timers.delete(handle);
    fn();
  }, ms);
  a.timers.add(handle);
}
