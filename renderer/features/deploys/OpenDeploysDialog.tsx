/**
 * The deploys dialogs (deploy, rollback, a run's live log, a lock) mount only while one is open: their forms and
 * log viewer load then (or at idle, see shell/screen-modules), not with the Overview.
 */
import { LazyDialog } from '../../components/LazyDialog';
import { preloadable } from '../../lib/preloadable';
import { useStore } from '../../store';
import { closeDeploysDialog } from './actions';
import { selectDeploysDialog } from './selectors';

export const deploysDialogs = preloadable(() => import('./DeploysDialogs'));

export function OpenDeploysDialog() {
  const open = useStore((s) => selectDeploysDialog(s) !== null);
  if (!open) return null;
  return <LazyDialog code={deploysDialogs} render={(m) => <m.DeploysDialogs />} onClose={closeDeploysDialog} />;
}
