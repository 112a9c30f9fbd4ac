/**
 * The questions the backend is waiting on (an SSH key's passphrase, a confirm step), oldest first: the prompt
 * dialog shows the first one on whatever screen is open. Filled from `prompts.pending` at load and kept fresh by
 * `prompts.requested` / `prompts.settled`; its async actions live in features/prompts/actions.ts. No answer is
 * ever kept here: a passphrase lives in the dialog's field until it is sent.
 */
import { type StateCreator } from 'zustand';
import { type PromptRequest } from '../../shared/api/prompts';

export interface PromptsSlice {
  pendingPrompts: PromptRequest[];
  setPendingPrompts(requests: PromptRequest[]): void;
  addPendingPrompt(request: PromptRequest): void;
  removePendingPrompt(id: string): void;
}

export const createPromptsSlice =
  <S extends PromptsSlice>(): StateCreator<S, [], [], PromptsSlice> =>
  (set, get) => {
    // Each setter touches only this slice's keys; the cast widens them to the whole store's state.
    const put = (partial: Partial<PromptsSlice>) => set(partial as Partial<S>);
    return {
      pendingPrompts: [],
      setPendingPrompts: (pendingPrompts) => put({ pendingPrompts }),
      addPendingPrompt: (request) => {
        const rest = get().pendingPrompts.filter((p) => p.id !== request.id);
        put({ pendingPrompts: [...rest, request] });
      },
      removePendingPrompt: (id) => {
        const current = get().pendingPrompts;
        if (current.some((p) => p.id === id)) put({ pendingPrompts: current.filter((p) => p.id !== id) });
      },
    };
  };
