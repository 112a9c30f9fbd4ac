/**
 * The verify step: after the press, the watched checks must pass their runs in a row (within the verify timeout),
 * and every host must run the release it ran before the drill.
 */
import { type ActiveDrill, deferred } from './active-drill';
import { type DrillContext, iso, nowMs } from './drill-context';
import { changed, endPhase, note, startPhase, timer } from './drill-progress';
import { readHosts, returnRelease } from './host-releases';
import { durationWords, recoverAction } from './measures';
import { withPhase } from './record';

/** Waits for the passes in a row and checks every host runs the release it returned to; null when verified. */
export async function verify(ctx: DrillContext, a: ActiveDrill): Promise<string | null | 'cancelled'> {
  const { plan } = a.drill;
  startPhase(ctx, a, 'verify');
  a.drill = withPhase(a.drill, 'verify', { detail: `passes in a row: ${a.watch.progress()}` });
  changed(ctx, a);
  const verifyTimeoutMs = ctx.deps.verifyTimeoutMs ?? Math.max(3 * plan.targets.recoverMs, 5 * 60_000);
  const actedAt = Date.parse(a.drill.times.actedAt ?? iso(nowMs(ctx)));
  const timedOut = deferred<'timeout'>();
  timer(a, Math.max(0, actedAt + verifyTimeoutMs - nowMs(ctx)), () => timedOut.resolve('timeout'));
  const outcome = await Promise.race([a.cancelled.promise, a.passed.promise, timedOut.promise]);
  if (outcome === 'cancelled') return 'cancelled';
  const passedAt = nowMs(ctx);
  const overheadMs = await readHosts(ctx, a);
  if (outcome === 'timeout') {
    const why = `the watched checks did not pass ${plan.passes} times in a row within ${durationWords(verifyTimeoutMs)} of "${recoverAction(plan.method)}" (${a.watch.progress()})`;
    endPhase(ctx, a, 'verify', 'failed', why, overheadMs);
    return why;
  }
  const off = a.drill.hosts.filter((h) => !h.onReturnRelease);
  if (off.length > 0) {
    const why = `the checks pass, but ${off.map((h) => `${h.host} runs ${h.release ?? 'no readable release'}`).join(', ')}, not the release it ran before`;
    endPhase(ctx, a, 'verify', 'failed', why, overheadMs);
    return why;
  }
  a.drill = { ...a.drill, times: { ...a.drill.times, verifiedAt: iso(passedAt) } };
  const to = returnRelease(plan);
  const detail = `${plan.passes} passes in a row${plan.method === 'release' && to ? `; every host runs ${to}` : ''}`;
  note(ctx, a, 'verify', 'Recovery verified', detail);
  endPhase(ctx, a, 'verify', 'passed', detail, overheadMs);
  return null;
}
