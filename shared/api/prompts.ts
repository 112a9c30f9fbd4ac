/**
 * Questions the backend asks a person in the middle of its work: the passphrase of an encrypted SSH key that no
 * ssh-agent holds, and a runbook's `confirm` step. Every window hears `prompts.requested` and shows a dialog
 * wherever the person is; the first `prompts.answer` wins and `prompts.settled` closes the dialog in every window.
 * A question nobody answers in time is settled as timed out, and the work waiting on it fails with a message
 * saying so. Secrets travel one way only: a passphrase goes in `prompts.answer` and never comes back in an event,
 * a list, a log or the journal.
 */
import { z } from 'zod';
import { defineEvent, defineMethod } from '../rpc';

const promptBase = {
  id: z.string(),
  askedAt: z.string(),
  /** When the question is given up on if nobody answers. */
  expiresAt: z.string(),
};

export const promptRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('passphrase'),
    ...promptBase,
    /** The workspace host being connected to. */
    host: z.string(),
    keyFile: z.string(),
    /** 1 on the first ask, 2 after a wrong passphrase … up to `maxAttempts`. */
    attempt: z.number().int().min(1),
    maxAttempts: z.number().int().min(1),
  }),
  z.object({
    kind: z.literal('confirm'),
    ...promptBase,
    /** The step's question, e.g. "Drop the old tables?". */
    prompt: z.string(),
    /** The deploy or rollback waiting on the answer, when there is one. */
    runId: z.string().nullable(),
  }),
]);
export type PromptRequest = z.infer<typeof promptRequestSchema>;

export const promptOutcomes = ['answered', 'cancelled', 'timed-out', 'closed'] as const;
export type PromptOutcome = (typeof promptOutcomes)[number];

const promptId = z.string().min(1).max(100);

export const promptAnswerSchema = z.union([
  z.strictObject({ id: promptId, passphrase: z.string().min(1).max(4096) }),
  z.strictObject({ id: promptId, confirmed: z.boolean() }),
  z.strictObject({ id: promptId, cancel: z.literal(true) }),
]);
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;

export const promptMethods = {
  'prompts.pending': defineMethod(
    z.strictObject({}),
    z.array(promptRequestSchema),
    'The questions waiting for an answer now, oldest first (for a window opened while one is open).',
  ),
  'prompts.answer': defineMethod(
    promptAnswerSchema,
    z.object({ accepted: z.boolean() }),
    'Answers a question: a passphrase, yes/no for a confirm step, or cancel. `accepted` is false when it was already settled (answered in another window, or timed out). BAD_REQUEST when the answer does not fit the question.',
  ),
} as const;

export const promptEvents = {
  'prompts.requested': defineEvent(
    promptRequestSchema,
    'The backend waits for a person: show the question (never carries a secret).',
  ),
  'prompts.settled': defineEvent(
    z.object({ id: z.string(), outcome: z.enum(promptOutcomes) }),
    'A question was answered, cancelled, timed out or dropped (the backend closed): close its dialog everywhere.',
  ),
} as const;
