import { useMemo } from 'react';
import { type Workspace } from '../../../shared/workspace';
import { useStore } from '../../store';
import { selectLoaded, selectWorkspace } from '../../store/selectors';

/**
 * Rows a screen derives from the workspace, recomputed only when the workspace changes. `status` tells the
 * screen whether to show a skeleton, the "no workspace" state or the rows.
 */
export function useWorkspaceRows<T>(derive: (ws: Workspace) => T): {
  status: 'loading' | 'none' | 'ready';
  data: T | null;
} {
  const workspace = useStore(selectWorkspace);
  const loaded = useStore(selectLoaded);
  const data = useMemo(() => (workspace ? derive(workspace) : null), [workspace, derive]);
  return { status: workspace ? 'ready' : loaded ? 'none' : 'loading', data };
}
