/**
 * The guided rollback drill, one at a time per backend: preflight (a failure refuses with every reason, journaled,
 * and changes nothing) → inject the failure (a practice deploy of the broken release, or the team's `break:`) →
 * detect (the service's own checks, at their own intervals) → recover (a person presses "Roll back now"; the same
 * engine the on-call uses) → verify (passes in a row, every host on the release it returned to) → report. Cancel,
 * a failed step or a failure nobody noticed restores a healthy release and says where each host stands. Everything
 * goes through the other features' capabilities and the event bus; the record is kept by ./store.ts.
 *
 * This file wires the service together; each step lives in its own module (./start-drill.ts, ./inject-step.ts,
 * ./detect-step.ts, ./recover-step.ts, ./verify-step.ts, ./cancel-and-restore.ts, ./report-step.ts), sharing one
 * ./drill-context.ts.
 */
import { log } from '../log';
import { cancel } from './cancel-and-restore';
import { createDrillContext } from './drill-context';
import { onEvent } from './health-listener';
import { preflight } from './preflight';
import { act } from './recover-step';
import { drillReportMarkdown } from './report';
import { type RollbackDrillService, type RollbackDrillServiceDeps } from './service-contract';
import { preflightContext, startDrill } from './start-drill';

export { PRACTICE_REASON } from './drill-context';
export type { RollbackDrillService, RollbackDrillServiceDeps, StartRollbackDrill } from './service-contract';

export function createRollbackDrillService(deps: RollbackDrillServiceDeps): RollbackDrillService {
  const ctx = createDrillContext(deps);
  const { caps, events, store } = ctx;

  // While a drill practises on a service × environment, its alerts and incidents are marked practice.
  const previousPractice = caps.practice;
  caps.practice = (service, environment) => {
    const a = ctx.active;
    if (a?.practising && a.drill.service === service && a.drill.environment === environment) {
      return { drillId: a.drill.id, notify: a.drill.plan.notify };
    }
    return previousPractice(service, environment);
  };

  const unsubscribe = events.subscribe((message) => onEvent(ctx, message));

  // The previous process may have died mid-drill: say so, once, at start.
  for (const drill of store.closeInterrupted()) {
    log.warn(`[cockpit] rollback drill ${drill.id} (${drill.service} on ${drill.environment}) was interrupted`);
  }

  return {
    preflight: async (input) => (await preflight(input, preflightContext(ctx))).plan,
    start: (input) => startDrill(ctx, input),
    act: (drillId, actor) => act(ctx, drillId, actor),
    cancel: (drillId) => cancel(ctx, drillId),
    get(drillId) {
      const { active } = ctx;
      if (active?.drill.id === drillId) return { drill: active.drill, log: active.log.snapshot() };
      return store.get(drillId);
    },
    list(filter) {
      const { active } = ctx;
      return store.list(filter).map((d) => (active?.drill.id === d.id ? active.drill : d));
    },
    running() {
      if (ctx.active) return ctx.active.drill;
      return store.list({ limit: 5 }).find((d) => d.status === 'running') ?? null;
    },
    report(drillId) {
      const drill = ctx.active?.drill.id === drillId ? ctx.active.drill : store.get(drillId)?.drill;
      return drill ? drillReportMarkdown(drill) : undefined;
    },
    async close() {
      if (ctx.closed) return;
      ctx.closed = true;
      const a = ctx.active;
      if (a) {
        cancel(ctx, a.drill.id);
        let bound: NodeJS.Timeout | undefined;
        await Promise.race([
          a.done ?? Promise.resolve(),
          new Promise<void>((resolve) => {
            bound = setTimeout(resolve, deps.closeTimeoutMs ?? 120_000);
          }),
        ]);
        if (bound) clearTimeout(bound);
      }
      unsubscribe();
      caps.practice = previousPractice;
    },
  };
}
