/**
 * The detect step: the service's own checks notice the failure (down or degraded), the down alert is decided, and
 * the practice incident it opened is looked up. Detection ends the phase and waits for "Roll back now" — which the
 * demo's cockpit presses itself.
 */
import { log } from '../log';
import { type ActiveDrill } from './active-drill';
import { type DrillContext, iso, nowMs } from './drill-context';
import { changed, endPhase, note, startPhase, timer } from './drill-progress';
import { durationWords } from './measures';
import { withEvent } from './record';
import { act } from './recover-step';

const INCIDENT_LOOKUP_MS = 2_000;
const INCIDENT_LOOKUP_EVERY_MS = 250;

export function onDown(ctx: DrillContext, a: ActiveDrill, at: number, reason: string): void {
  const { times } = a.drill;
  if (a.injectStartedAt === null || times.detectedAt !== null || times.actedAt !== null) return;
  if (at < a.injectStartedAt) return;
  if (times.injectedAt === null) {
    a.downWhileInjecting ??= { at, reason };
    return;
  }
  detected(ctx, a, Math.max(at, Date.parse(times.injectedAt)), reason);
}

export function onAlert(ctx: DrillContext, a: ActiveDrill, at: number, title: string, delivered: boolean | null): void {
  if (a.injectStartedAt === null || a.drill.times.alertedAt !== null || at < a.injectStartedAt) return;
  const injectedAt = a.drill.times.injectedAt;
  const when = injectedAt === null ? at : Math.max(at, Date.parse(injectedAt));
  const sent = delivered ?? a.drill.plan.notify;
  a.drill = {
    ...a.drill,
    times: { ...a.drill.times, alertedAt: iso(when) },
    alertsDelivered: a.drill.alertsDelivered || sent,
  };
  note(
    ctx,
    a,
    'alert',
    'Down alert decided',
    `${title} — ${sent ? 'sent to the desktop and Slack, marked practice' : 'recorded only (practice): it would have been sent now'}`,
  );
  changed(ctx, a);
  lookUpIncident(ctx, a);
}

export function detected(ctx: DrillContext, a: ActiveDrill, at: number, reason: string): void {
  const injectedAt = Date.parse(a.drill.times.injectedAt ?? iso(at));
  const firstFailure = ctx.caps.firstFailure({
    service: a.drill.service,
    environment: a.drill.environment,
    checkIds: a.drill.plan.watch.map((c) => c.checkId),
    from: a.injectStartedAt ?? injectedAt,
    to: at,
  });
  a.drill = {
    ...a.drill,
    times: {
      ...a.drill.times,
      detectedAt: iso(at),
      firstFailureAt: firstFailure === null ? null : iso(firstFailure),
    },
  };
  if (firstFailure !== null) {
    a.drill = withEvent(a.drill, {
      at: iso(firstFailure),
      kind: 'sample',
      title: 'First failing sample',
      detail: null,
    });
  }
  const after = durationWords(at - injectedAt);
  note(ctx, a, 'detect', `${a.drill.service} down`, `${reason} (${after} after the failure went live)`);
  endPhase(ctx, a, 'detect', 'passed', `${reason}, ${after} after the failure went live`, 0);
  a.drill = { ...a.drill, waitingForAction: true };
  startPhase(ctx, a, 'recover', 'waiting');
  lookUpIncident(ctx, a);
  a.detected.resolve('detected');
  if (a.drill.auto) {
    timer(a, ctx.autoActDelayMs, () => {
      if (ctx.active !== a || a.drill.times.actedAt !== null || a.cancelled.settled) return;
      act(ctx, a.drill.id, a.drill.actor, true).catch((error: unknown) => {
        log.warn('The demo drill could not press "Roll back now" itself:', error);
      });
    });
  }
}

/** The practice incident the failure opened: asked now, and again for a short while (it may open on the alert). */
function lookUpIncident(ctx: DrillContext, a: ActiveDrill): void {
  const deadline = nowMs(ctx) + INCIDENT_LOOKUP_MS;
  const ask = () => {
    if (a.drill.incidentId !== null || ctx.active !== a) return;
    const id = ctx.caps.openIncident(a.drill.service, a.drill.environment);
    if (id !== null) {
      a.drill = { ...a.drill, incidentId: id };
      changed(ctx, a);
    } else if (nowMs(ctx) < deadline) {
      timer(a, INCIDENT_LOOKUP_EVERY_MS, ask);
    }
  };
  ask();
}
