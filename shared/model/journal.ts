import { z } from 'zod';

export const actionStatuses = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

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
