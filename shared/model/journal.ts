import { z } from 'zod';

export const actionStatuses = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * What an action's result means in the user's words, where the bare status would mislead: an alert that was
 * delivered about an outage "succeeded" as a delivery but is "down" to the person reading Activity. A writer states
 * it in the result's data (`action.succeed(summary, { outcome: { word: 'down', tone: 'bad' } })`); the journal
 * hands it back on the action.
 */
export const actionOutcomeSchema = z.object({
  /** One or two words: "down", "degraded", "recovered", "flapping", "down (after flapping)", "over budget" … */
  word: z.string().min(1).max(40),
  tone: z.enum(['ok', 'warn', 'bad', 'info']),
});
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/** One action the app took, as the journal tells it: intent first, result last. */
export const journalActionSchema = z.object({
  id: z.string(),
  /** What kind of action, `domain.verb`: workspace.open, deploy.run, rollback.run, drill.run … */
  kind: z.string(),
  title: z.string(),
  /** What it acted on, e.g. `api@production` or a file path. */
  target: z.string().nullable(),
  actor: z.string(),
  status: z.enum(actionStatuses),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** The result in a sentence, or the error. */
  summary: z.string().nullable(),
  /** The result in the user's words when the writer stated it (see actionOutcomeSchema); absent otherwise. */
  outcome: actionOutcomeSchema.nullable().optional(),
});
export type JournalAction = z.infer<typeof journalActionSchema>;

export const journalPhases = ['intent', 'step', 'output', 'result'] as const;
export type JournalPhase = (typeof journalPhases)[number];

export const journalEntrySchema = z.object({
  seq: z.number().int(),
  actionId: z.string(),
  at: z.string(),
  phase: z.enum(journalPhases),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;
