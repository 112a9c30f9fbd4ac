/**
 * The guided rollback drill: the contract the Drills screen's wizard and the CLI's twin (`cockpit drill rollback`)
 * share. `drills.start` runs the preflight and, when it passes, injects the failure and answers with the drill's id
 * at once; the drill goes on in the backend whatever the window does. Every change comes as a `drills.changed`
 * event carrying the whole drill (the wizard redraws from it), its log as `drills.run` events (the deploy run-event
 * shape, `runId` = the drill's id). A protected environment is refused unless `confirmation` is its name.
 */
import { z } from 'zod';
import { runEventSchema } from '../model/deploys';
import {
  drillPlanSchema,
  drillableServiceSchema,
  rollbackDrillSchema,
  rollbackDrillSummarySchema,
} from '../model/drills';
import { name } from '../workspace/units';
import { defineEvent, defineMethod } from '../rpc';

const drillId = z.strictObject({ drillId: z.string().min(1).max(100) });

export const drillsOverviewSchema = z.object({
  /** Services that declare `drill:`, with their last drill and when the next is due. */
  services: z.array(drillableServiceSchema),
  /** The drill going on now, if any. */
  running: rollbackDrillSchema.nullable(),
  /** Newest first. */
  history: z.array(rollbackDrillSummarySchema),
});
export type DrillsOverview = z.infer<typeof drillsOverviewSchema>;

export const drillsMethods = {
  'drills.overview': defineMethod(
    z.strictObject({}),
    drillsOverviewSchema,
    'The services with a rollback drill declared, the drill going on now, and past drills with their measures.',
  ),
  'drills.preflight': defineMethod(
    z.strictObject({ service: name, environment: name.optional() }),
    drillPlanSchema,
    "A rollback drill's plan and preflight, checked now (reads each host): where it runs, how it breaks, what it returns to, the checks it watches and their timing. Changes nothing.",
  ),
  'drills.start': defineMethod(
    z.strictObject({
      service: name,
      environment: name.optional(),
      /** The environment's name, typed, when it is protected. */
      confirmation: z.string().max(100).optional(),
    }),
    drillId,
    'Starts a rollback drill: preflight (a failure refuses with the reasons and changes nothing), then injects the failure and watches. Answers with the drill id.',
  ),
  'drills.act': defineMethod(
    drillId,
    z.object({ runId: z.string().nullable() }),
    '"Roll back now" (or "Heal now"): the recovery, by the same engine the on-call uses. Refused before the failure was injected.',
  ),
  'drills.cancel': defineMethod(
    drillId,
    z.object({ cancelling: z.boolean() }),
    'Cancels a drill at any step: a healthy release is restored (or the heal command runs) and the drill says where each host stands.',
  ),
  'drills.get': defineMethod(
    drillId,
    z.object({ drill: rollbackDrillSchema, log: z.array(runEventSchema) }),
    'One rollback drill with its timeline, measures, improvements and log.',
  ),
  'drills.report': defineMethod(
    drillId,
    z.object({ markdown: z.string(), fileName: z.string() }),
    "A rollback drill's report as Markdown: timeline, measures against targets, what to improve.",
  ),
} as const;

export const drillsEvents = {
  'drills.changed': defineEvent(
    rollbackDrillSchema,
    'A rollback drill moved on (a phase started or ended, the failure was detected, the service recovered): the whole drill.',
  ),
  'drills.run': defineEvent(runEventSchema, "A rollback drill's live log: steps, output, the end."),
} as const;
