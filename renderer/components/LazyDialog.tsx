import { type ReactNode } from 'react';
import { type Preloadable } from '../lib/preloadable';
import { Dialog } from './Dialog';

/**
 * A dialog whose code loads when it first opens (and at idle before that, see shell/screen-modules): nothing shows
 * for the few milliseconds the module takes, and a chunk that cannot load says so instead of failing silently.
 */
export function LazyDialog<T>({
  code,
  render,
  onClose,
}: {
  code: Preloadable<T>;
  render: (module: T) => ReactNode;
  /** Dismisses the dialog that could not load. */
  onClose: () => void;
}) {
  const loaded = code.use();
  if (loaded.kind === 'ready') return render(loaded.module);
  if (loaded.kind === 'loading') return null;
  const close = () => {
    code.retry();
    onClose();
  };
  return (
    <Dialog open title="This dialog could not be loaded" onClose={close}>
      <p>The cockpit may have been restarted or updated since this page opened. Reload the page and try again.</p>
    </Dialog>
  );
}
