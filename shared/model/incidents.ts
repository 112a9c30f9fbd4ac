/**
 * Incidents, measured: a critical "down" of a service in an environment opens one (or joins the open one), and it
 * closes when the service is healthy again. Its timeline fills itself from the evidence; its figures are time to
 * detect (first failing sample → alert), to acknowledge (alert → "I'm on it") and to recover (start → healthy).
 * Incidents a rollback drill caused are practice: shown apart, never in the real figures. Times are ISO strings.
 */
import { z } from 'zod';

export const incidentEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['failing', 'down', 'alert', 'acknowledged', 'action', 'change', 'recovered', 'note']),
  title: z.string(),
  detail: z.string().nullable(),
  /** What it links to: a deploy run, a journal action, a drill. */
  ref: z.object({ kind: z.enum(['run', 'action', 'drill', 'alert']), id: z.string() }).nullable(),
});
export type IncidentEvent = z.infer<typeof incidentEventSchema>;

export const actionItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  owner: z.string().nullable(),
  /** YYYY-MM-DD */
  due: z.string().nullable(),
  done: z.boolean(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const incidentFiguresSchema = z.object({
  /** Time to detect: first failing sample → alert sent. */
  detectMs: z.number().nullable(),
  /** Time to acknowledge: alert → "I'm on it". */
  acknowledgeMs: z.number().nullable(),
  /** Time to recover: first failing sample → healthy again. */
  recoverMs: z.number().nullable(),
});
export type IncidentFigures = z.infer<typeof incidentFiguresSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  status: z.enum(['open', 'resolved']),
  /** "checkout down in production" */
  title: z.string(),
  /** What failed, in words: "503 from /health/ready". */
  cause: z.string().nullable(),
  /** The rollback drill that caused it; null for a real incident. */
  drillId: z.string().nullable(),
  /** The first failing sample. */
  startedAt: z.string(),
  /** The service went down (the incident opened). */
  openedAt: z.string(),
  alertedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  figures: incidentFiguresSchema,
  timeline: z.array(incidentEventSchema),
  /** The post-mortem: the draft generated from the timeline, or the text a person saved. */
  postmortem: z.object({ markdown: z.string(), editedAt: z.string().nullable(), editedBy: z.string().nullable() }),
  /** At most three. */
  actionItems: z.array(actionItemSchema),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentSummarySchema = incidentSchema.pick({
  id: true,
  service: true,
  environment: true,
  status: true,
  title: true,
  cause: true,
  drillId: true,
  startedAt: true,
  openedAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  figures: true,
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

/** Means over a window (null when nothing was measured), with how many incidents they speak for. */
export const incidentStatsSchema = z.object({
  windowDays: z.number(),
  incidents: z.number().int(),
  mttdMs: z.number().nullable(),
  mttaMs: z.number().nullable(),
  mttrMs: z.number().nullable(),
});
export type IncidentStats = z.infer<typeof incidentStatsSchema>;
