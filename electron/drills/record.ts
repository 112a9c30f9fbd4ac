/**
 * A rollback drill's record as it moves: a new one with every phase pending, a phase started or ended, a moment on
 * the timeline, and its list form. Pure: the service decides when, these say how.
 */
import {
  type DrillEvent,
  type DrillPhase,
  type DrillPlan,
  type RollbackDrill,
  type RollbackDrillPhaseId,
  type RollbackDrillSummary,
  noDrillTimes,
  rollbackDrillPhaseIds,
} from '../../shared/model/drills';

const titles: Record<RollbackDrillPhaseId, string> = {
  preflight: 'Preflight',
  inject: 'Inject the failure',
  detect: 'Detect',
  recover: 'Recover',
  verify: 'Verify',
  report: 'Report',
};

export function newDrill(input: {
  id: string;
  plan: DrillPlan;
  actor: string;
  auto: boolean;
  startedAt: Date;
}): RollbackDrill {
  return {
    id: input.id,
    service: input.plan.service,
    environment: input.plan.environment,
    actor: input.actor,
    auto: input.auto,
    startedAt: input.startedAt.toISOString(),
    endedAt: null,
    status: 'running',
    phase: 'preflight',
    waitingForAction: false,
    cancelling: false,
    phases: rollbackDrillPhaseIds.map((id) => ({
      id,
      title: titles[id],
      status: 'pending',
      startedAt: null,
      endedAt: null,
      detail: null,
      overheadMs: null,
    })),
    plan: input.plan,
    times: noDrillTimes(),
    measures: [],
    improvements: [],
    events: [],
    hosts: input.plan.returnTo.map((r) => ({ host: r.host, release: r.release, onReturnRelease: true })),
    injectRunId: null,
    recoverRunId: null,
    incidentId: null,
    alertsDelivered: false,
    summary: null,
  };
}

export function phaseOf(drill: RollbackDrill, id: RollbackDrillPhaseId): DrillPhase | undefined {
  return drill.phases.find((p) => p.id === id);
}

/** The phase changed (started, waiting, ended): the drill's current phase follows an open one. */
export function withPhase(
  drill: RollbackDrill,
  id: RollbackDrillPhaseId,
  change: Partial<Omit<DrillPhase, 'id' | 'title'>>,
): RollbackDrill {
  const opens = change.status === 'running' || change.status === 'waiting';
  return {
    ...drill,
    phase: opens ? id : drill.phase,
    phases: drill.phases.map((p) => (p.id === id ? { ...p, ...change } : p)),
  };
}

/** Adds a moment to the timeline in time order (a first failing sample is learnt of after the detection). */
export function withEvent(drill: RollbackDrill, event: DrillEvent): RollbackDrill {
  const at = Date.parse(event.at);
  const index = drill.events.findIndex((e) => Date.parse(e.at) > at);
  const events = [...drill.events];
  events.splice(index === -1 ? events.length : index, 0, event);
  return { ...drill, events };
}

/** At the end: phases left open are closed as the drill ended (cancelled or failed); pending ones are skipped. */
export function closeOpenPhases(drill: RollbackDrill, as: 'cancelled' | 'failed', at: string): RollbackDrill {
  return {
    ...drill,
    phases: drill.phases.map((p) => {
      if (p.id === 'report') return p;
      if (p.status === 'running' || p.status === 'waiting') return { ...p, status: as, endedAt: at };
      if (p.status === 'pending') return { ...p, status: 'skipped' };
      return p;
    }),
  };
}

export function summaryOf(drill: RollbackDrill): RollbackDrillSummary {
  const { id, service, environment, actor, auto, startedAt, endedAt, status, phase, summary, measures } = drill;
  return { id, service, environment, actor, auto, startedAt, endedAt, status, phase, summary, measures };
}

/** ms since an ISO moment (never negative); null when there is none. */
export function since(iso: string | null, now: number): number | null {
  return iso === null ? null : Math.max(0, now - Date.parse(iso));
}
