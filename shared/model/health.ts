/**
 * Health as the UI and the CLI see it: check and service statuses, samples, chart series, uptime, SLO burn,
 * "not watched" gaps and alerts. The engine (electron/health, electron/alerts) produces exactly these shapes, so
 * the contract can carry them without translation. Times are epoch milliseconds.
 */
import { z } from 'zod';

/** What one run of a check observed. */
export const outcomeStatuses = ['up', 'degraded', 'down'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];

/** A check's or a service's confirmed status; `unknown` until a first result is confirmed. */
export const healthStatuses = ['up', 'degraded', 'down', 'unknown'] as const;
export type HealthStatus = (typeof healthStatuses)[number];

/** Worst first: the order used to pick what a service or the tray icon shows. */
export const statusSeverityOrder: Record<HealthStatus, number> = { down: 3, degraded: 2, unknown: 1, up: 0 };

export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'up';
  let any = false;
  for (const status of statuses) {
    any = true;
    if (statusSeverityOrder[status] > statusSeverityOrder[worst]) worst = status;
  }
  return any ? worst : 'unknown';
}

/** One stored result of one check run. */
export const healthSampleSchema = z.object({
  /** `service/check@environment`, or `…#host` for one host's instance of a per-host check */
  key: z.string(),
  at: z.number(),
  status: z.enum(outcomeStatuses),
  latencyMs: z.number().nullable(),
  /** In words: "503 from /health/ready", "timed out after 10 s", "certificate expires in 5 days". */
  reason: z.string(),
  /** The stretch of time this sample speaks for (the interval to the next planned run); weights uptime. */
  coverMs: z.number(),
  metrics: z.record(z.string(), z.number()).optional(),
});
export type HealthSample = z.infer<typeof healthSampleSchema>;

/** A check as the Health screen lists it. */
export const checkViewSchema = z.object({
  key: z.string(),
  service: z.string(),
  environment: z.string(),
  checkId: z.string(),
  /**
   * The host of a per-host instance (key `service/check@environment#host`); absent for an environment-wide check.
   * Screens group instances under their check.
   */
  host: z.string().optional(),
  kind: z.enum(['http', 'tcp', 'tls', 'ssh', 'prometheus']),
  /** What it looks at, short: "/health/ready", "api.acme.com:443", "web-1 disk /". */
  subject: z.string(),
  critical: z.boolean(),
  status: z.enum(healthStatuses),
  /** When the status last changed; null while unknown. */
  since: z.number().nullable(),
  /** The last run's reason, and the one-line form used in service statuses. */
  reason: z.string().nullable(),
  headline: z.string().nullable(),
  latencyMs: z.number().nullable(),
  lastRunAt: z.number().nullable(),
  nextRunAt: z.number().nullable(),
  /** Failures in a row not yet (or already) confirmed by retries. */
  consecutiveFailures: z.number().int(),
  /** Changing status too often: alerts wait until it settles. */
  flapping: z.boolean(),
});
export type CheckView = z.infer<typeof checkViewSchema>;

/** One service in one environment: the worst of its checks, said in words. */
export const serviceHealthSchema = z.object({
  service: z.string(),
  environment: z.string(),
  status: z.enum(healthStatuses),
  /** "checkout: /health/ready 503 for 3 min", "all 3 checks passing", "not checked yet". */
  reason: z.string(),
  /** When the status last changed; null when never known. */
  since: z.number().nullable(),
  flapping: z.boolean(),
  checks: z.array(z.string()),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

/** A stretch of time nobody watched (the laptop slept, the app was not running): excluded from uptime. */
export const watchGapSchema = z.object({
  start: z.number(),
  end: z.number(),
  reason: z.enum(['asleep', 'not-running']),
});
export type WatchGap = z.infer<typeof watchGapSchema>;

/** One chart point: a raw sample (resolution = 0) or an aggregate over `resolutionMs`. */
export const seriesPointSchema = z.object({
  at: z.number(),
  count: z.number(),
  up: z.number(),
  degraded: z.number(),
  down: z.number(),
  latencyAvg: z.number().nullable(),
  latencyMin: z.number().nullable(),
  latencyMax: z.number().nullable(),
  /** Exact for raw points and 5-minute buckets; for coarser points the worst of their 5-minute p95s. */
  latencyP95: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const seriesSchema = z.object({
  key: z.string(),
  from: z.number(),
  to: z.number(),
  /** 0 for raw samples, otherwise the bucket width in ms. */
  resolutionMs: z.number(),
  points: z.array(seriesPointSchema),
  gaps: z.array(watchGapSchema),
});
export type Series = z.infer<typeof seriesSchema>;

/** Availability over a window, weighted by time: degraded counts as available, gaps are left out. */
export const uptimeSchema = z.object({
  windowMs: z.number(),
  /** null when nothing was watched in the window. */
  percent: z.number().nullable(),
  watchedMs: z.number(),
  downMs: z.number(),
  notWatchedMs: z.number(),
});
export type Uptime = z.infer<typeof uptimeSchema>;

export const sloReportSchema = z.object({
  targetPercent: z.number(),
  windowMs: z.number(),
  availabilityPercent: z.number().nullable(),
  /** Allowed downtime in the window so far, and how much of it is used. */
  budgetMs: z.number(),
  budgetUsedMs: z.number(),
  /** 100 = untouched, 0 = spent, negative = overspent. */
  budgetRemainingPercent: z.number().nullable(),
  /** How fast the budget burns now: 1 = exactly on budget; 14.4 over 1 h pages in Google's SRE workbook. */
  burnRate1h: z.number().nullable(),
  burnRate6h: z.number().nullable(),
});
export type SloReport = z.infer<typeof sloReportSchema>;

export const alertSeverities = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertSchema = z.object({
  id: z.string(),
  at: z.number(),
  service: z.string(),
  environment: z.string(),
  kind: z.enum(['down', 'degraded', 'recovered', 'flapping']),
  severity: z.enum(alertSeverities),
  status: z.enum(healthStatuses),
  title: z.string(),
  /** What failed, in words, and what changed recently. */
  body: z.string(),
  reason: z.string(),
  /** "last deploy 12 min ago: 8b71ff7 by ana", when known. */
  recentChange: z.string().nullable(),
  /** Held by quiet hours and sent when they ended. */
  delayed: z.boolean(),
  /** A status that outlasted flap suppression: titled "… is down (after flapping)". Absent on older alerts. */
  afterFlapping: z.boolean().optional(),
  /**
   * Raised while a rollback drill practised on this service × environment: recorded, and sent to the desktop and
   * Slack (marked practice) only when the drill asks for it (`notify: true`).
   */
  practice: z.object({ drillId: z.string(), delivered: z.boolean() }).optional(),
});
export type Alert = z.infer<typeof alertSchema>;

// ---- What the contract carries to the Overview, the Health screen and `cockpit status` ---------------------------

/** A service × environment as the Overview's matrix shows it: its status plus what a person needs next to it. */
export const serviceRowSchema = serviceHealthSchema.extend({
  /** What fails, without the service name and duration: "503 from /health/ready"; null when nothing fails. */
  cause: z.string().nullable(),
  /** "last deploy 12 min ago: 8b71ff7 by ana", when the deploy history knows one. */
  lastDeploy: z.string().nullable(),
  /** Its checks with a known status, and how many of those pass. */
  known: z.number().int(),
  passing: z.number().int(),
});
export type ServiceRow = z.infer<typeof serviceRowSchema>;

/** The one line the on-call person reads first: "checkout is down in production". */
export const healthVerdictSchema = z.object({
  status: z.enum(healthStatuses),
  /** "All services up", "checkout is down in production", "2 services are down". */
  title: z.string(),
  /** "503 from /health/ready for 3 min · last deploy 12 min ago: 8b71ff7 by ana"; null when there is nothing to add. */
  detail: z.string().nullable(),
  /** The service × environment the title is about, when it is about one. */
  service: z.string().nullable(),
  environment: z.string().nullable(),
});
export type HealthVerdict = z.infer<typeof healthVerdictSchema>;

export const planProblemSchema = z.object({ key: z.string(), message: z.string() });
export type HealthPlanProblem = z.infer<typeof planProblemSchema>;

export const healthOverviewSchema = z.object({
  /** When the reasons were worded ("for 3 min" counts from here). */
  at: z.number(),
  /** The worst status of all; what the tray icon shows. */
  worst: z.enum(healthStatuses),
  verdict: healthVerdictSchema,
  /** Failing first, then by service and environment in the workspace's order. */
  services: z.array(serviceRowSchema),
  counts: z.object({ up: z.number(), degraded: z.number(), down: z.number(), unknown: z.number() }),
  /** True while the scheduler watches (the app, serve mode); false in the CLI, which checks once on demand. */
  watching: z.boolean(),
  /** Checks of the workspace that could not be planned (an undefined ${var}, an environment without hosts …). */
  problems: z.array(planProblemSchema),
});
export type HealthOverview = z.infer<typeof healthOverviewSchema>;

/** A check as the Health screen's table lists it: its live view, its timing, and uptime over three windows. */
export const checkRowSchema = checkViewSchema.extend({
  everyMs: z.number(),
  everyFailingMs: z.number(),
  timeoutMs: z.number(),
  retries: z.number().int(),
  uptime: z.object({ day: uptimeSchema, week: uptimeSchema, month: uptimeSchema }),
});
export type CheckRow = z.infer<typeof checkRowSchema>;

/** The chart ranges of the Health screen: the last hour sample by sample, then 24 h, 7 d and 30 d. */
export const healthRanges = ['1h', '24h', '7d', '30d'] as const;
export type HealthRange = (typeof healthRanges)[number];
export const healthRangeMs: Record<HealthRange, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** A service × environment's SLO, for services that declare `slo:`. */
export const sloRowSchema = z.object({
  service: z.string(),
  environment: z.string(),
  /** The checks that speak for the service (its critical ones, else all). */
  checks: z.array(z.string()),
  report: sloReportSchema,
});
export type SloRow = z.infer<typeof sloRowSchema>;

/** Quiet hours as "HH:MM-HH:MM" in local time; equal start and end means none. */
export const quietHoursText = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'expected quiet hours as "HH:MM-HH:MM"');

/** A `keychain:NAME` entry's name, as the workspace file writes it. */
export const keychainName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'expected a keychain entry name (letters, digits, "_", "." and "-")');

/** Whether the OS keychain holds an entry (its value never leaves the backend). */
export const keychainEntrySchema = z.object({ name: z.string(), stored: z.boolean() });
export type KeychainEntry = z.infer<typeof keychainEntrySchema>;

/** How alerts are sent, from the workspace's `alerts:` section, with what is not ready said in words. */
export const alertSettingsSchema = z.object({
  desktop: z.boolean(),
  slack: z
    .object({
      /** The reference as written: "env:COCKPIT_SLACK_WEBHOOK" (never the URL). */
      reference: z.string(),
      channel: z.string().nullable(),
      ready: z.boolean(),
      /** Why it cannot send: "environment variable COCKPIT_SLACK_WEBHOOK is not set". */
      problem: z.string().nullable(),
    })
    .nullable(),
  /** The quiet hours alerts follow: the app's own setting when made, else the workspace's. */
  quietHours: z.string().nullable(),
  /** Where `quietHours` comes from: set in the app (over the file), the workspace file, or neither. */
  quietHoursSource: z.enum(['app', 'workspace']).nullable(),
  /** What the workspace file says, shown next to the app's own setting. */
  workspaceQuietHours: z.string().nullable(),
  /** Quiet hours are on right now: warnings and recoveries wait, critical alerts do not. */
  quietNow: z.boolean(),
  /** The OS keychain, for `keychain:NAME` references (desktop app only). */
  keychain: z.object({
    available: z.boolean(),
    /** Why secrets cannot be stored here, in words; null when they can. */
    problem: z.string().nullable(),
    /** The entries the workspace refers to, and whether each is stored. */
    entries: z.array(keychainEntrySchema),
  }),
  /** A service flapping (this many changes within the window) gets one notice, then silence until stable. */
  flap: z.object({ transitions: z.number(), windowMs: z.number(), stableMs: z.number() }),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/**
 * A check's detection time: the longest it takes to notice an outage — the wait for its next run, the retries that
 * confirm the failure, and a run that hangs until its timeout. The rollback drill measures against it; flap
 * suppression never holds a status unspoken for longer.
 */
export function detectionTimeMs(check: {
  everyMs: number;
  everyFailingMs: number;
  retries: number;
  timeoutMs: number;
}): number {
  return check.everyMs + check.retries * check.everyFailingMs + check.timeoutMs;
}
