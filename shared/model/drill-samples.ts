/**
 * Sample rollback drills for unit tests (the engine's, the CLI's and the screens'): the demo's checkout drill on
 * staging, with one critical readiness check. Tests override what they are about.
 */
import { type DrillPlan, type RollbackDrill, type WatchedCheck } from './drills';

export const sampleReadinessCheck: WatchedCheck = {
  checkId: 'checkout-ready',
  critical: true,
  everyMs: 5000,
  everyFailingMs: 5000,
  retries: 1,
  timeoutMs: 3000,
};

export function sampleDrillPlan(overrides: Partial<DrillPlan> = {}): DrillPlan {
  return {
    service: 'checkout',
    environment: 'staging',
    protected: false,
    method: 'release',
    breakRelease: 'v1.6.0',
    breakCommand: null,
    healCommand: null,
    hosts: ['demo-stg'],
    returnTo: [{ host: 'demo-stg', release: 'v1.4.0' }],
    watch: [sampleReadinessCheck],
    passes: 3,
    targets: { detectMs: 120_000, recoverMs: 300_000 },
    detectTimeoutMs: 600_000,
    notify: false,
    items: [
      { id: 'environment', ok: true, detail: 'staging is not protected' },
      { id: 'release-to-return-to', ok: true, detail: 'demo-stg runs v1.4.0: the drill returns to it' },
      { id: 'no-lock', ok: true, detail: 'no deploy lock is held' },
    ],
    ready: true,
    ...overrides,
  };
}

/** A drill of `plan` started at `startedAt`, its failure injected a second later, nothing detected yet. */
export function sampleRollbackDrill(
  plan: DrillPlan = sampleDrillPlan(),
  overrides: Partial<RollbackDrill> = {},
  startedAt = '2026-12-06T10:00:00.000Z',
): RollbackDrill {
  return {
    id: 'drill-1',
    service: plan.service,
    environment: plan.environment,
    actor: 'ana',
    auto: false,
    startedAt,
    endedAt: null,
    status: 'running',
    phase: 'detect',
    waitingForAction: false,
    cancelling: false,
    phases: [],
    plan,
    times: {
      injectedAt: new Date(Date.parse(startedAt) + 1000).toISOString(),
      firstFailureAt: null,
      detectedAt: null,
      alertedAt: null,
      actedAt: null,
      recoveredAt: null,
      verifiedAt: null,
    },
    measures: [],
    improvements: [],
    events: [],
    hosts: [{ host: 'demo-stg', release: 'v1.6.0', onReturnRelease: false }],
    injectRunId: 'run-inject',
    recoverRunId: null,
    incidentId: null,
    alertsDelivered: false,
    summary: null,
    ...overrides,
  };
}
