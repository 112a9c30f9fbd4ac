/**
 * The shell's dialogs that are rarely open (the backend's questions, File → Open workspace) load when first
 * opened, or at idle before that: their code stays out of the first screen's download.
 */
import { LazyDialog } from '../../components/LazyDialog';
import { preloadable } from '../../lib/preloadable';
import { useStore } from '../../store';
import { selectDialog } from '../../store/selectors';
import { answerPrompt } from '../prompts/actions';
import { selectCurrentPrompt } from '../prompts/selectors';

export const promptDialog = preloadable(() => import('../prompts/PromptDialog'));
export const workspaceDialog = preloadable(() => import('../workspace/OpenWorkspaceDialog'));

export function LazyPromptDialog() {
  const asking = useStore((s) => selectCurrentPrompt(s)?.id ?? null);
  if (asking === null) return null;
  // Closing the notice that the question could not be shown cancels the question, as Cancel would.
  const cancel = () => void answerPrompt({ id: asking, cancel: true });
  return <LazyDialog code={promptDialog} render={(m) => <m.PromptDialog />} onClose={cancel} />;
}

export function LazyOpenWorkspaceDialog() {
  const open = useStore(selectDialog) === 'open-workspace';
  const close = useStore((s) => s.closeDialog);
  if (!open) return null;
  return <LazyDialog code={workspaceDialog} render={(m) => <m.OpenWorkspaceDialog />} onClose={close} />;
}
