/** Narrow selectors over the prompts slice. */
import { type StoreState } from '../../store';

/** The question the dialog shows: the oldest one still open. */
export const selectCurrentPrompt = (s: StoreState) => s.pendingPrompts[0] ?? null;
