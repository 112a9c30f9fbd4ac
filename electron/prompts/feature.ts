/**
 * The prompts feature: the broker, the contract's `prompts.*` handlers, and the two askers the backend hands out —
 * the SSH pool's passphrase prompt and the runbooks' confirm. Created before the transport pool (which needs the
 * passphrase prompt), so it takes the event bus rather than the whole feature context. The CLI replaces both askers
 * with its terminal; the app and serve mode ask every window.
 */
import { type promptMethods } from '../../shared/api/prompts';
import { type Handlers } from '../api/dispatch';
import { type EventBus } from '../api/events';
import { type Feature } from '../features/types';
import { type PassphrasePrompt } from '../remote/ssh/auth';
import { type ConfirmAsk } from '../runbooks/types';
import { DEFAULT_PROMPT_TIMEOUT_MS, type PromptBroker, createPromptBroker } from './broker';
import { brokerPassphrasePrompt } from './passphrase';

export type PromptsMethodName = keyof typeof promptMethods & string;

/** A confirm step may wait longer than a passphrase: someone may need to look before saying yes. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 10 * 60_000;

export interface PromptAskers {
  /** Asks for an SSH key's passphrase; replaces the dialog (the CLI asks on its terminal). */
  passphrase?: PassphrasePrompt;
  /** Answers a runbook's confirm step; replaces the dialog. */
  confirm?: ConfirmAsk;
}

export interface PromptsFeatureOptions extends PromptAskers {
  events: EventBus;
  passphraseTimeoutMs?: number;
  confirmTimeoutMs?: number;
  now?: () => Date;
}

export interface PromptsFeature extends Feature<PromptsMethodName> {
  broker: PromptBroker;
  passphrase: PassphrasePrompt;
  confirm: ConfirmAsk;
}

export function createPromptsFeature(options: PromptsFeatureOptions): PromptsFeature {
  const broker = createPromptBroker({
    emit: {
      requested: (request) => options.events.emit('prompts.requested', request),
      settled: (notice) => options.events.emit('prompts.settled', notice),
    },
    now: options.now,
  });
  const passphrase =
    options.passphrase ??
    brokerPassphrasePrompt(broker, { timeoutMs: options.passphraseTimeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS });
  const confirm: ConfirmAsk =
    options.confirm ??
    (async (prompt, context) => {
      const reply = await broker.ask(
        { kind: 'confirm', prompt, runId: context?.runId ?? null },
        { timeoutMs: options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS, signal: context?.signal },
      );
      return reply.outcome === 'answered' && 'confirmed' in reply && reply.confirmed;
    });

  const handlers: Pick<Handlers, PromptsMethodName> = {
    'prompts.pending': () => broker.pending(),
    'prompts.answer': (answer) => broker.answer(answer),
  };

  return { handlers, broker, passphrase, confirm, close: () => broker.close() };
}
