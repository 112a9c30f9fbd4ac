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

export function brokerPassphrasePrompt(broker: PromptBroker, options: { timeoutMs: number }): PassphrasePrompt {
  const asking = new Map<string, Promise<PromptReply>>();

  function ask(request: PassphraseRequest): Promise<PromptReply> {
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
