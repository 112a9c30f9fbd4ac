/**
 * One timeline: everything that happened to the workspace on one time axis — deploys and rollbacks, health
 * transitions, alerts, incidents, budget crossings, backup checks, drills and runbook runs — so "did it break after
 * the deploy?" is answered by looking. Each feature contributes its own entries; times are ISO strings.
 */
import { z } from 'zod';

export const timelineKinds = [
  'deploy',
  'rollback',
  'health',
  'alert',
  'incident',
  'budget',
  'backup',
  'drill',
  'runbook',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineKindTitles: Record<TimelineKind, string> = {
  deploy: 'Deploys',
  rollback: 'Rollbacks',
  health: 'Health',
  alert: 'Alerts',
  incident: 'Incidents',
  budget: 'Budgets',
  backup: 'Backups',
  drill: 'Drills',
  runbook: 'Runbooks',
};

/** Where an entry leads when clicked: a screen, and what to open on it. */
export const timelineLinkSchema = z.object({
  route: z.enum(['deploys', 'health', 'cost', 'backups', 'drills', 'incidents', 'runbooks', 'activity']),
  /** A run, incident, drill, check key or journal action id the screen opens. */
  id: z.string().nullable(),
});
export type TimelineLink = z.infer<typeof timelineLinkSchema>;

export const timelineEntrySchema = z.object({
  /** Unique across kinds (e.g. `deploy:<runId>`), stable between reads. */
  id: z.string(),
  kind: z.enum(timelineKinds),
  at: z.string(),
  /** When it ended, for things with a duration (a deploy, an incident, a drill); null for a moment or still going. */
  endAt: z.string().nullable(),
  service: z.string().nullable(),
  environment: z.string().nullable(),
  /** "Deploy v1.5.0 to checkout in production", "checkout down in production", "All of AWS passed 80 %". */
  title: z.string(),
  detail: z.string().nullable(),
  /** ok: went well / recovered; warn: degraded, a warning; bad: down, failed, breached; info: neutral. */
  tone: z.enum(['ok', 'warn', 'bad', 'info']),
  /** A rollback drill's practice (its deploys, alerts, incident). */
  practice: z.boolean(),
  link: timelineLinkSchema.nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineQuerySchema = z.strictObject({
  /** ISO time, or a duration back from now: `1h`, `24h`, `7d`, `30d`. Default 24h. */
  since: z.string().max(40).default('24h'),
  /** ISO time; default now. */
  until: z.string().max(40).optional(),
  service: z.string().max(100).optional(),
  environment: z.string().max(100).optional(),
  kinds: z.array(z.enum(timelineKinds)).optional(),
  limit: z.number().int().min(1).max(5000).default(2000),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;
export type ParsedTimelineQuery = z.output<typeof timelineQuerySchema>;

export const timelineSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Oldest first. */
  entries: z.array(timelineEntrySchema),
  /** More entries matched than `limit`: the newest were kept. */
  truncated: z.boolean(),
  /** Services and environments of the workspace, for the filters. */
  services: z.array(z.string()),
  environments: z.array(z.string()),
});
export type Timeline = z.infer<typeof timelineSchema>;
