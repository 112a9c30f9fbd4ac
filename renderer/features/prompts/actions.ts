/**
 * The prompts feature's actions: the open questions at load, live `prompts.*` events, and the answers. An answer
 * goes straight from the dialog's field to the backend; the store never holds it. loadInitial() and
 * subscribeToEvents() call, through the feature list in features/registry.ts, loadPrompts() and subscribePromptsEvents().
 */
import { type PromptAnswer } from '../../../shared/api/prompts';
import { api, errorMessage } from '../../bridge';
import { useStore } from '../../store';
import { notify } from '../../store/actions';

const store = () => useStore.getState();

export async function loadPrompts(): Promise<void> {
  try {
    store().setPendingPrompts(await api.prompts.pending({}));
  } catch {
    // Nothing to show is the safe reading; the next `prompts.requested` event brings the dialog up anyway.
  }
}

export function subscribePromptsEvents(): () => void {
  const offs = [
    api.on('prompts.requested', (request) => store().addPendingPrompt(request)),
    api.on('prompts.settled', ({ id, outcome }) => {
      const request = store().pendingPrompts.find((p) => p.id === id);
      store().removePendingPrompt(id);
      // The work that waited fails with its own message; say here why the dialog went away on its own.
      if (request && outcome === 'timed-out') {
        notify(
          'Nobody answered in time',
          request.kind === 'passphrase'
            ? `The passphrase for ${request.keyFile} was not given, so ${request.host} could not be reached. Try again.`
            : `"${request.prompt}" was not confirmed, so the run stopped.`,
        );
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** Sends an answer; resolves to an error message to show in the dialog, or null once it is settled. */
export async function answerPrompt(answer: PromptAnswer): Promise<string | null> {
  try {
    await api.prompts.answer(answer);
    // Settled, by this answer or another window's: either way this question is done here.
    store().removePendingPrompt(answer.id);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}
