/**
 * The prompt broker: work in the backend that needs a person (an SSH key's passphrase, a confirm step) asks here
 * and waits; every window is told through `prompts.requested`, and the first answer through `prompts.answer`
 * settles it. A question nobody answers is settled as timed out, so nothing waits forever (a deploy holds locks).
 * Answers are handed to the asker and forgotten: the broker keeps no passphrase once it has passed it on.
 */
import { randomUUID } from 'node:crypto';
import { type PromptAnswer, type PromptOutcome, type PromptRequest } from '../../shared/api/prompts';
import { CockpitError } from '../../shared/rpc';

/** Omit applied to each member of a union, so the question keeps its kind-specific fields. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What an asker describes; the broker adds the id and the times. */
export type PromptQuestion = OmitEach<PromptRequest, 'id' | 'askedAt' | 'expiresAt'>;

/** How a question ended, as its asker sees it: the answer only when there was one. */
export type PromptReply =
  | { outcome: 'answered'; passphrase: string }
  | { outcome: 'answered'; confirmed: boolean }
  | { outcome: Exclude<PromptOutcome, 'answered'> };

export interface PromptBrokerOptions {
  /** Publishes the question and its end to every window (the backend's event bus). */
  emit: {
    requested(request: PromptRequest): void;
    settled(notice: { id: string; outcome: PromptOutcome }): void;
  };
  /** How long a question waits for an answer (default 2 minutes). */
  timeoutMs?: number;
  now?: () => Date;
}

export interface AskOptions {
  timeoutMs?: number;
  /** The work gave up waiting (a run was cancelled): the question is dropped as cancelled. */
  signal?: AbortSignal;
}

export interface PromptBroker {
  ask(question: PromptQuestion, options?: AskOptions): Promise<PromptReply>;
  /** An answer from a window; false when the question was already settled. */
  answer(answer: PromptAnswer): { accepted: boolean };
  /** The open questions, oldest first. */
  pending(): PromptRequest[];
  /** Settles every open question as `closed` (the backend is shutting down). */
  close(): void;
}

export const DEFAULT_PROMPT_TIMEOUT_MS = 2 * 60_000;

interface Open {
  request: PromptRequest;
  settle(outcome: PromptOutcome, reply: PromptReply): void;
}

/** Which answers fit which question: a passphrase question takes a passphrase, a confirm yes or no. */
function replyFor(request: PromptRequest, answer: PromptAnswer): PromptReply {
  if ('cancel' in answer) return { outcome: 'cancelled' };
  if (request.kind === 'passphrase' && 'passphrase' in answer) {
    return { outcome: 'answered', passphrase: answer.passphrase };
  }
  if (request.kind === 'confirm' && 'confirmed' in answer) return { outcome: 'answered', confirmed: answer.confirmed };
  throw new CockpitError(
    'BAD_REQUEST',
    request.kind === 'passphrase'
      ? 'This question asks for a passphrase (or cancel).'
      : 'This question asks for yes or no (`confirmed`), or cancel.',
  );
}

export function createPromptBroker(options: PromptBrokerOptions): PromptBroker {
  const now = options.now ?? (() => new Date());
  const open = new Map<string, Open>();

  return {
    ask(question, askOptions = {}) {
      const timeoutMs = askOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
      const signal = askOptions.signal;
      if (signal?.aborted) return Promise.resolve({ outcome: 'cancelled' });
      const askedAt = now();
      // The spread keeps the question's own kind; TypeScript cannot follow a spread over a union.
      const request = {
        ...question,
        id: randomUUID(),
        askedAt: askedAt.toISOString(),
        expiresAt: new Date(askedAt.getTime() + timeoutMs).toISOString(),
      } as PromptRequest;
      return new Promise<PromptReply>((resolve) => {
        const onAbort = () => entry.settle('cancelled', { outcome: 'cancelled' });
        const timer = setTimeout(() => entry.settle('timed-out', { outcome: 'timed-out' }), timeoutMs);
        const entry: Open = {
          request,
          settle(outcome, reply) {
            if (!open.delete(request.id)) return;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            options.emit.settled({ id: request.id, outcome });
            resolve(reply);
          },
        };
        open.set(request.id, entry);
        signal?.addEventListener('abort', onAbort, { once: true });
        options.emit.requested(request);
      });
    },

    answer(answer) {
      const entry = open.get(answer.id);
      if (!entry) return { accepted: false };
      const reply = replyFor(entry.request, answer);
      entry.settle(reply.outcome, reply);
      return { accepted: true };
    },

    pending() {
      return [...open.values()].map((e) => e.request);
    },

    close() {
      for (const entry of [...open.values()]) entry.settle('closed', { outcome: 'closed' });
    },
  };
}
