/**
 * The report step, which every drill ends on: removes the practice release, stops the practice and the health
 * watch, reads where each host stands, measures the spans against the targets, finds what to improve, and closes
 * the journal entry and the live log with the drill's one-line summary.
 */
import { performance } from 'node:perf_hooks';
import { type RollbackDrill } from '../../shared/model/drills';
import { log } from '../log';
import { type ActiveDrill, errorMessage } from './active-drill';
import { type DrillContext } from './drill-context';
import { changed, emitRun, endPhase, note, startPhase } from './drill-progress';
import { readHosts } from './host-releases';
import { improvements } from './improvements';
import { drillMeasures, drillVerdict, recoverAction } from './measures';
import { closeOpenPhases, summaryOf, withPhase } from './record';
import { drillSummaryLine } from './report';

/** Ends the drill: `ended` says it was cancelled or failed; null lets the measures give the verdict. */
export async function finish(
  ctx: DrillContext,
  a: ActiveDrill,
  ended: 'cancelled' | 'failed' | null,
): Promise<RollbackDrill> {
  const { caps, deps, store } = ctx;
  const t0 = performance.now();
  const { plan } = a.drill;
  const stoppedAt = a.drill.phase;
  for (const handle of a.timers) clearTimeout(handle);
  a.timers.clear();
  startPhase(ctx, a, 'report');
  try {
    if (plan.method === 'release' && a.practiceRelease) {
      const removal = await caps.deploys.removeRelease({
        service: a.drill.service,
        environment: a.drill.environment,
        release: a.practiceRelease,
        practice: { drillId: a.drill.id },
      });
      if (removal.removedOn.length > 0) {
        note(ctx, a, 'note', `Practice release ${a.practiceRelease} removed`, removal.removedOn.join(', '));
      }
      if (removal.problems.length > 0) {
        note(
          ctx,
          a,
          'note',
          `Practice release ${a.practiceRelease} not removed everywhere`,
          removal.problems.join('; '),
        );
      }
    }
  } catch (error) {
    note(ctx, a, 'note', `Could not remove the practice release ${a.practiceRelease ?? ''}`, errorMessage(error));
  }
  a.practising = false;
  try {
    a.stopWatch?.();
  } catch (error) {
    log.warn('Could not stop watching health after a rollback drill:', error);
  }
  a.stopWatch = null;
  if (ended !== null || a.drill.hosts.length === 0 || a.drill.times.verifiedAt === null) await readHosts(ctx, a);

  const endedAt = deps.now().toISOString();
  const service = deps.workspace()?.services[a.drill.service];
  const alerts = deps.workspace()?.alerts;
  const measures = drillMeasures(a.drill.times, plan.targets, {
    service: a.drill.service,
    action: recoverAction(plan.method),
  });
  const recovered = a.drill.times.verifiedAt !== null;
  const status = ended ?? drillVerdict(measures, recovered);
  let found: RollbackDrill['improvements'] = [];
  if (status !== 'cancelled') {
    try {
      found = improvements({
        plan,
        times: a.drill.times,
        measures,
        deploy: service?.deploy
          ? {
              gate: service.deploy.gate,
              gateTimeoutMs: service.deploy.gateTimeout,
              strategy: service.deploy.strategy,
            }
          : null,
        alerts: {
          desktop: alerts?.desktop ?? true,
          slack: alerts?.slack !== undefined,
          quietHours: alerts?.quietHours ?? null,
        },
        detected: a.drill.times.detectedAt !== null,
        recovered,
        previous: store
          .list({ service: a.drill.service, limit: 20 })
          .filter((d) => d.id !== a.drill.id && d.status !== 'running')
          .map(summaryOf),
      });
    } catch (error) {
      log.warn('Could not work out what to improve after a rollback drill:', error);
    }
  }
  if (ended !== null) a.drill = closeOpenPhases(a.drill, ended, endedAt);
  if (ended === 'cancelled') note(ctx, a, 'cancel', 'Drill cancelled', null);
  a.drill = {
    ...a.drill,
    status,
    endedAt,
    waitingForAction: false,
    cancelling: false,
    measures,
    improvements: found,
  };
  endPhase(ctx, a, 'report', 'passed', null, Math.round(performance.now() - t0));
  // A drill that did not get through shows where it stopped; one that did ends on its report.
  a.drill = { ...a.drill, phase: ended === null ? 'report' : stoppedAt };
  a.drill = { ...a.drill, summary: drillSummaryLine(a.drill) };
  a.drill = withPhase(a.drill, 'report', { detail: a.drill.summary });
  const data = { measures, status, hosts: a.drill.hosts };
  const summary = a.drill.summary ?? '';
  if (status === 'passed' || status === 'missed-target') a.handle.succeed(summary, data);
  else if (status === 'cancelled') a.handle.cancel(summary, data);
  else a.handle.fail(summary, data);
  emitRun(ctx, a, {
    type: 'run.ended',
    runId: a.drill.id,
    status: status === 'cancelled' ? 'cancelled' : status === 'failed' ? 'failed' : 'succeeded',
    summary,
    outcome: null,
  });
  try {
    store.save(a.drill, a.log.snapshot());
  } catch (error) {
    log.warn('Could not write a rollback drill to the journal:', error);
  }
  if (ctx.active === a) ctx.active = null;
  changed(ctx, a, false);
  return a.drill;
}
