import { z } from 'zod';
import { journalActionSchema, journalEntrySchema } from '../model/journal';
import { defineEvent, defineMethod } from '../rpc';

/**
 * One day of the Activity chart: how many actions began that day, by how they went — the outcome's tone when the
 * writer stated one, else the status's (failed is bad, interrupted warn, cancelled info).
 */
export const journalDaySchema = z.object({
  /** The day's start, as the ISO time the caller sent (normalised to `toISOString()`). */
  start: z.string(),
  total: z.number().int(),
  ok: z.number().int(),
  warn: z.number().int(),
  bad: z.number().int(),
  info: z.number().int(),
  running: z.number().int(),
});
export type JournalDay = z.infer<typeof journalDaySchema>;

export const journalMethods = {
  'journal.list': defineMethod(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        /** Paging back: the id of the last action already shown (exact), or an ISO time. */
        before: z.string().optional(),
        kind: z.string().max(100).optional(),
      })
      .strict(),
    z.object({ actions: z.array(journalActionSchema), hasMore: z.boolean() }),
    'Actions the app took, newest first.',
  ),
  'journal.get': defineMethod(
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({ action: journalActionSchema, entries: z.array(journalEntrySchema) }),
    'One action with every entry it wrote: intent, steps, output, result.',
  ),
  'journal.days': defineMethod(
    z
      .object({
        /**
         * Each day's start, oldest first: the caller's own midnights, so the days are its calendar days (and a
         * daylight-saving change cannot shift them).
         */
        starts: z.array(z.iso.datetime()).min(1).max(92),
        /** Where the last day ends (exclusive). */
        end: z.iso.datetime(),
      })
      .strict(),
    z.object({ days: z.array(journalDaySchema) }),
    'How many actions began on each day, counted by the journal over the whole range (not a page of the list).',
  ),
} as const;

export const journalEvents = {
  'journal.action': defineEvent(journalActionSchema, 'An action started, changed status or ended.'),
  'journal.entry': defineEvent(journalEntrySchema, 'An entry was appended to an action (step, output, result).'),
} as const;
