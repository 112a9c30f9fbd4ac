/**
 * Incidents: the contract the Incidents screens, the Overview's open-incident card and the CLI's twin
 * (`cockpit incidents`, `cockpit incident show`) share. Incidents open and close themselves from health; a person
 * acknowledges one ("I'm on it"), edits its post-mortem and ticks off its action items.
 */
import { z } from 'zod';
import { actionItemSchema, incidentSchema, incidentStatsSchema, incidentSummarySchema } from '../model/incidents';
import { defineEvent, defineMethod } from '../rpc';

const incidentId = z.strictObject({ id: z.string().min(1).max(100) });

export const incidentsListSchema = z.object({
  /** Open incidents first, then resolved ones, newest first (real and practice alike; `drillId` tells them apart). */
  incidents: z.array(incidentSummarySchema),
  /** Real incidents only. */
  stats: z.object({ last30: incidentStatsSchema, last90: incidentStatsSchema }),
  /** Drill incidents, never mixed into `stats`. */
  practiceStats: z.object({ last30: incidentStatsSchema, last90: incidentStatsSchema }),
  /** Action items not done yet, with their incident. */
  openActionItems: z.array(actionItemSchema.extend({ incidentId: z.string(), incidentTitle: z.string() })),
});
export type IncidentsList = z.infer<typeof incidentsListSchema>;

const actionItemInput = z.strictObject({
  id: z.string().max(100).optional(),
  text: z.string().trim().min(1, 'say what is to be done').max(500),
  owner: z.string().trim().max(100).nullable().optional(),
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .nullable()
    .optional(),
  done: z.boolean().default(false),
});

export const incidentsMethods = {
  'incidents.list': defineMethod(
    z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    incidentsListSchema,
    'Incidents (open first), the real figures for 30 and 90 days, the drills’ figures apart, and open action items.',
  ),
  'incidents.get': defineMethod(
    incidentId,
    incidentSchema,
    'One incident with its timeline, figures, post-mortem and action items.',
  ),
  'incidents.acknowledge': defineMethod(
    incidentId,
    incidentSchema,
    '"I\'m on it": records who acknowledged the incident and when (the first acknowledgement counts).',
  ),
  'incidents.savePostmortem': defineMethod(
    z.strictObject({
      id: z.string().min(1).max(100),
      markdown: z.string().max(100_000).optional(),
      actionItems: z.array(actionItemInput).max(3, 'keep it to three action items: the ones that matter').optional(),
    }),
    incidentSchema,
    'Saves the post-mortem text and/or its action items (at most three: owner, due date, done).',
  ),
  'incidents.postmortem': defineMethod(
    incidentId,
    z.object({ markdown: z.string(), fileName: z.string() }),
    'The post-mortem as Markdown (the saved text, else a draft from the timeline), with its action items.',
  ),
} as const;

export const incidentsEvents = {
  'incidents.changed': defineEvent(
    z.object({
      id: z.string(),
      reason: z.enum(['opened', 'joined', 'updated', 'acknowledged', 'resolved', 'postmortem']),
    }),
    'An incident opened, moved on, was acknowledged or resolved, or its post-mortem changed: views reload.',
  ),
} as const;
