/**
 * The SSH transport's passphrase prompt, asked through the broker (a dialog in every window). Hosts that connect
 * at the same moment with the same key — a deploy fans out to every host — share one question, so the person types
 * the passphrase once; the pool then keeps the decrypted key, never the passphrase.
 */
import { MAX_PASSPHRASE_ATTEMPTS, type PassphrasePrompt, type PassphraseRequest } from '../remote/ssh/auth';
import { type PromptBroker, type PromptReply } from './broker';

/** "2 minutes", "45 seconds": how long a question waited, for messages. */
export function durationWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = seconds / 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function brokerPassphrasePrompt(
  broker: PromptBroker,
  options: { timeoutMs: number; now?: () => number },
): PassphrasePrompt {
  const now = options.now ?? Date.now;
  const asking = new Map<string, Promise<PromptReply>>();
  /** Key file → when a person last cancelled its question. */
  const declinedAt = new Map<string, number>();

  function ask(request: PassphraseRequest): Promise<PromptReply> {
    // A connection that started before the person cancelled is part of what they cancelled (a screen loading
    // several things at once): it must not pop the same question up again. Work started afterwards asks.
    // Background work (a health check every 30 s) never re-asks what a person declined or left unanswered; the
    // person's own next action asks, and unlocking the key there serves the checks too.
    const declined = declinedAt.get(request.keyFile);
    if (request.attempt === 1 && declined !== undefined && (request.unattended || request.startedAt <= declined)) {
      return Promise.resolve({ outcome: 'cancelled' });
    }
    const key = `${request.keyFile}\n${request.attempt}`;
    const shared = asking.get(key);
    if (shared) return shared;
    const reply = broker
      .ask(
        {
          kind: 'passphrase',
          host: request.host,
          keyFile: request.keyFile,
          attempt: request.attempt,
          maxAttempts: MAX_PASSPHRASE_ATTEMPTS,
        },
        { timeoutMs: options.timeoutMs },
      )
      .then((reply) => {
        if (reply.outcome === 'cancelled' || reply.outcome === 'timed-out') declinedAt.set(request.keyFile, now());
        else if (reply.outcome === 'answered') declinedAt.delete(request.keyFile);
        return reply;
      })
      .finally(() => asking.delete(key));
    asking.set(key, reply);
    return reply;
  }

  return async (request) => {
    const reply = await ask(request);
    if (reply.outcome === 'answered') return 'passphrase' in reply ? reply.passphrase : null;
    if (reply.outcome === 'timed-out') {
      throw new Error(
        `no passphrase given for ${request.keyFile} on ${request.host} (nobody answered within ${durationWords(options.timeoutMs)})`,
      );
    }
    return null;
  };
}
