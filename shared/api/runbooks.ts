/**
 * Runbooks: the contract the Runbooks screen, the runbook offered beside a failing check or an alert, the
 * Overview's next action and `cockpit runbook list|show|run` share. A run goes through the deploy engine (hosts,
 * confirm, health gate, timeouts, cancel, journal); its live log comes as `runbooks.run` events.
 */
import { z } from 'zod';
import { runEventSchema } from '../model/deploys';
import { runbookDetailSchema, runbookRunLogSchema, runbookSummarySchema } from '../model/runbooks';
import { defineEvent, defineMethod } from '../rpc';
import { name } from '../workspace/units';

const runId = z.strictObject({ runId: z.string().min(1).max(100) });

export const runbooksMethods = {
  'runbooks.list': defineMethod(
    z.strictObject({ service: name.optional(), check: name.optional() }),
    z.object({ runbooks: z.array(runbookSummarySchema) }),
    'The workspace’s runbooks (for one service, or those answering one health check), each with its last run.',
  ),
  'runbooks.get': defineMethod(
    z.strictObject({ id: name, environment: name.optional() }),
    runbookDetailSchema,
    'One runbook: its steps as they will run in the environment (default: its first), its Markdown doc and its runs.',
  ),
  'runbooks.start': defineMethod(
    z.strictObject({
      id: name,
      environment: name,
      reason: z.string().max(500).optional(),
      confirmation: z
        .string()
        .max(100)
        .optional()
        .describe('for a protected environment: its name, typed by the person'),
    }),
    z.object({ runId: z.string() }),
    'Starts a runbook in the background and answers with its run id; the live log comes as runbooks.run events. A protected environment needs `confirmation` equal to its name (FORBIDDEN otherwise). Journaled before it starts and when it ends.',
  ),
  'runbooks.cancel': defineMethod(
    runId,
    z.object({ cancelling: z.boolean() }),
    'Stops a running runbook at its current step. NOT_FOUND when it is not running.',
  ),
  'runbooks.runLog': defineMethod(
    runId,
    runbookRunLogSchema,
    'A runbook run and its log so far (for a window opened mid-run, or a run that ended).',
  ),
} as const;

export const runbooksEvents = {
  'runbooks.run': defineEvent(
    runEventSchema,
    'A step of a runbook run started or ended, output arrived, or the run ended.',
  ),
  'runbooks.changed': defineEvent(
    z.object({
      runbookId: z.string().nullable(),
      runId: z.string().nullable(),
      reason: z.enum(['run-started', 'run-ended', 'workspace']),
    }),
    'A runbook run started or ended, or the workspace changed: lists reload.',
  ),
} as const;
