import { z } from 'zod';
import { journalActionSchema, journalEntrySchema } from '../model/journal';
import { defineEvent, defineMethod } from '../rpc';

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
} as const;

export const journalEvents = {
  'journal.action': defineEvent(journalActionSchema, 'An action started, changed status or ended.'),
  'journal.entry': defineEvent(journalEntrySchema, 'An entry was appended to an action (step, output, result).'),
} as const;
