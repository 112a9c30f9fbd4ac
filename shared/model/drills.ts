/**
 * The guided rollback drill as the Drills screen, the CLI and the journal see it: practise a failure on a
 * non-production environment, measured — when it was injected, when the service's own checks noticed it, when the
 * alert would have gone out, when a person pressed "Roll back now", when the service was healthy again — against
 * the team's targets, with what to improve derived from the evidence. Times are ISO strings; durations in ms.
 */
import { z } from 'zod';

export const rollbackDrillPhaseIds = ['preflight', 'inject', 'detect', 'recover', 'verify', 'report'] as const;
export type RollbackDrillPhaseId = (typeof rollbackDrillPhaseIds)[number];

export const drillPhaseSchema = z.object({
  id: z.enum(rollbackDrillPhaseIds),
  /** "Preflight", "Inject the failure", "Detect", "Recover", "Verify", "Report". */
  title: z.string(),
  status: z.enum(['pending', 'running', 'waiting', 'passed', 'failed', 'skipped', 'cancelled']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** What happened in words: "checkout-ready down (503) after 7.9 s", "Roll back now pressed by ana". */
  detail: z.string().nullable(),
  /** The cockpit's own time in this phase (SSH round trips, journal writes), apart from waiting on checks or a person. */
  overheadMs: z.number().nullable(),
});
export type DrillPhase = z.infer<typeof drillPhaseSchema>;

/** One preflight item: the environment is not protected, every host has a healthy release to return to, … */
export const preflightItemSchema = z.object({
  id: z.enum(['environment', 'release-to-return-to', 'health-green', 'no-lock', 'checks-exist', 'break-ready', 'idle']),
  ok: z.boolean(),
  /** "staging is not protected", "demo-stg runs v1.5.0 (healthy for 3 days): the drill returns to it". */
  detail: z.string(),
});
export type PreflightItem = z.infer<typeof preflightItemSchema>;

/** A watched check and its timing: what decides how fast a failure can be noticed. */
export const watchedCheckSchema = z.object({
  checkId: z.string(),
  critical: z.boolean(),
  everyMs: z.number(),
  /** The interval while failing (checks run sooner to confirm). */
  everyFailingMs: z.number(),
  retries: z.number().int(),
  timeoutMs: z.number(),
});
export type WatchedCheck = z.infer<typeof watchedCheckSchema>;

/** What `drills.preflight` answers, and what a drill's first phase records: the drill's plan and whether it may start. */
export const drillPlanSchema = z.object({
  service: z.string(),
  environment: z.string(),
  protected: z.boolean(),
  method: z.enum(['release', 'command']),
  /** The broken release deployed as the failure (method `release`). */
  breakRelease: z.string().nullable(),
  /** The team's commands (method `command`). */
  breakCommand: z.string().nullable(),
  healCommand: z.string().nullable(),
  hosts: z.array(z.string()),
  /** The release each host runs now, which the drill returns to. */
  returnTo: z.array(z.object({ host: z.string(), release: z.string().nullable() })),
  watch: z.array(watchedCheckSchema),
  passes: z.number().int(),
  targets: z.object({ detectMs: z.number(), recoverMs: z.number() }),
  detectTimeoutMs: z.number(),
  /** Alerts go to the desktop and Slack (marked practice), or are only recorded. */
  notify: z.boolean(),
  items: z.array(preflightItemSchema),
  /** Every item is ok. */
  ready: z.boolean(),
});
export type DrillPlan = z.infer<typeof drillPlanSchema>;

/** The moments a drill measures. null: not (yet) reached. */
export const drillTimesSchema = z.object({
  injectedAt: z.string().nullable(),
  /** The first failing sample of a watched check. */
  firstFailureAt: z.string().nullable(),
  /** The service went down (or degraded) by its checks' own rules (retries included). */
  detectedAt: z.string().nullable(),
  /** The "down" alert was (or would have been) sent. */
  alertedAt: z.string().nullable(),
  /** "Roll back now" (or "Heal now") was pressed. */
  actedAt: z.string().nullable(),
  /** Every watched check passed again. */
  recoveredAt: z.string().nullable(),
  /** `passes` passes in a row, and every host on the release it returned to. */
  verifiedAt: z.string().nullable(),
});
export type DrillTimes = z.infer<typeof drillTimesSchema>;

/** A drill before anything was measured. */
export function noDrillTimes(): DrillTimes {
  return {
    injectedAt: null,
    firstFailureAt: null,
    detectedAt: null,
    alertedAt: null,
    actedAt: null,
    recoveredAt: null,
    verifiedAt: null,
  };
}

/** One measure against its target: "Time to detect 7.9 s (target 2 min) ✓". */
export const drillMeasureSchema = z.object({
  id: z.enum(['detect', 'alert', 'act', 'recover', 'total']),
  /** "Time to detect" … */
  label: z.string(),
  /** From → to, in words: "failure injected → checkout down". */
  span: z.string(),
  ms: z.number().nullable(),
  targetMs: z.number().nullable(),
  /** null when there is no target or nothing was measured. */
  met: z.boolean().nullable(),
});
export type DrillMeasure = z.infer<typeof drillMeasureSchema>;

/** Something to improve, derived from the evidence, with the evidence. */
export const drillImprovementSchema = z.object({
  id: z.string(),
  severity: z.enum(['fix', 'consider']),
  /** "The check runs every 5 min: it cannot detect within 2 min." */
  line: z.string(),
  /** "checkout-ready: every 5m, retries 1" */
  evidence: z.string(),
});
export type DrillImprovement = z.infer<typeof drillImprovementSchema>;

/** One moment on the drill's timeline. */
export const drillEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['phase', 'inject', 'sample', 'detect', 'alert', 'act', 'recover', 'verify', 'cancel', 'note']),
  title: z.string(),
  detail: z.string().nullable(),
});
export type DrillEvent = z.infer<typeof drillEventSchema>;

export const rollbackDrillStatuses = ['running', 'passed', 'missed-target', 'failed', 'cancelled'] as const;

export const rollbackDrillSchema = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  actor: z.string(),
  /** Started by the demo on first launch: the cockpit pressed "Roll back now" itself. */
  auto: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** `passed`: recovered and every target met; `missed-target`: recovered, some target missed; `failed`: not recovered, not detected, or a step failed. */
  status: z.enum(rollbackDrillStatuses),
  /** The phase going on now (or where it ended). */
  phase: z.enum(rollbackDrillPhaseIds),
  /** Waiting for a person to press "Roll back now" (or "Heal now"). */
  waitingForAction: z.boolean(),
  cancelling: z.boolean(),
  phases: z.array(drillPhaseSchema),
  plan: drillPlanSchema,
  times: drillTimesSchema,
  measures: z.array(drillMeasureSchema),
  improvements: z.array(drillImprovementSchema),
  events: z.array(drillEventSchema),
  /** Where each host stands now: the release it runs. */
  hosts: z.array(z.object({ host: z.string(), release: z.string().nullable(), onReturnRelease: z.boolean() })),
  /** The deploy-engine runs of the drill (on the Deploys screen, marked practice). */
  injectRunId: z.string().nullable(),
  recoverRunId: z.string().nullable(),
  /** The practice incident the failure opened. */
  incidentId: z.string().nullable(),
  /** Alerts were sent (notify: true) or only recorded. */
  alertsDelivered: z.boolean(),
  /** The result in a sentence; for a failure, what went wrong and where each host stands. */
  summary: z.string().nullable(),
});
export type RollbackDrill = z.infer<typeof rollbackDrillSchema>;

/** A drill in a list: enough to show the history and its trend. */
export const rollbackDrillSummarySchema = rollbackDrillSchema.pick({
  id: true,
  service: true,
  environment: true,
  actor: true,
  auto: true,
  startedAt: true,
  endedAt: true,
  status: true,
  phase: true,
  summary: true,
  measures: true,
});
export type RollbackDrillSummary = z.infer<typeof rollbackDrillSummarySchema>;

/** A service with a drill declared, as the Drills screen lists it. */
export const drillableServiceSchema = z.object({
  service: z.string(),
  environment: z.string().nullable(),
  method: z.enum(['release', 'command']),
  /** "deploys v1.6.0", "runs `systemctl stop worker`". */
  how: z.string(),
  lastDrill: rollbackDrillSummarySchema.nullable(),
  /** When the next drill is due (`every`), and whether it is overdue. */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Why it cannot be drilled as declared (no environment to practise in, …); null when it can. */
  problem: z.string().nullable(),
});
export type DrillableService = z.infer<typeof drillableServiceSchema>;
