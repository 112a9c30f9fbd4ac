/**
 * A drill from its injection to its report, step after step: inject → detect → the press → recover → verify. A
 * cancel, a failed step or a failure nobody noticed restores the service before the report.
 */
import { type RollbackDrill } from '../../shared/model/drills';
import { log } from '../log';
import { type ActiveDrill, errorMessage } from './active-drill';
import { restore } from './cancel-and-restore';
import { type DrillContext } from './drill-context';
import { endPhase } from './drill-progress';
import { inject } from './inject-step';
import { durationWords } from './measures';
import { recovered } from './recover-step';
import { finish } from './report-step';
import { verify } from './verify-step';

/** The whole drill after its preflight. Never rejects. */
export async function driveDrill(ctx: DrillContext, a: ActiveDrill): Promise<RollbackDrill> {
  let failure: string | null = null;
  let cancelled = false;
  try {
    const injectFailure = await inject(ctx, a);
    if (injectFailure === 'cancelled') cancelled = true;
    else if (injectFailure !== null) failure = injectFailure;
    if (!cancelled && failure === null) {
      const heard = await Promise.race([
        a.cancelled.promise,
        a.detected.promise,
        a.acted.promise,
        a.detectTimedOut.promise,
      ]);
      if (heard === 'cancelled') cancelled = true;
      else if (heard === 'timeout' && a.drill.times.detectedAt === null && a.drill.times.actedAt === null) {
        failure = `not detected within ${durationWords(a.drill.plan.detectTimeoutMs)}: none of ${a.drill.plan.watch.map((c) => c.checkId).join(', ')} noticed the failure`;
        endPhase(ctx, a, 'detect', 'failed', failure, 0);
      }
    }
    if (!cancelled && failure === null) {
      if ((await Promise.race([a.cancelled.promise, a.acted.promise])) === 'cancelled') cancelled = true;
    }
    if (!cancelled && failure === null && a.recover) {
      // The recovery runs to its end even when cancelled meanwhile: it is what a cancel would do anyway.
      const run = await a.recover.done;
      if (a.cancelled.settled) cancelled = true;
      else failure = recovered(ctx, a, a.recover, run);
    }
    if (!cancelled && failure === null) {
      const verified = await verify(ctx, a);
      if (verified === 'cancelled') cancelled = true;
      else failure = verified;
    }
  } catch (error) {
    log.error('A rollback drill stopped on an unexpected error:', error);
    failure = `the drill stopped on an unexpected error: ${errorMessage(error)}`;
  }
  if (cancelled || failure !== null) {
    const why = cancelled ? 'the drill was cancelled' : 'the drill failed';
    try {
      await restore(ctx, a, why);
    } catch (error) {
      log.error('A rollback drill could not restore the service:', error);
    }
  }
  return finish(ctx, a, cancelled ? 'cancelled' : failure === null ? null : 'failed');
}
