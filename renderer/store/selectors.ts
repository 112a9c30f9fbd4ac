/**
 * Named selectors: each returns the smallest piece a component needs, so a change elsewhere in the store does not
 * re-render it. Selectors that derive a new array are used with `useShallow`.
 */
import { type Theme } from '../../shared/api/app';
import { type JournalAction } from '../../shared/model/journal';
import { type Workspace } from '../../shared/workspace';
import { type CockpitState } from './slices';

export const selectInfo = (s: CockpitState) => s.info;
export const selectSettings = (s: CockpitState) => s.settings;
export const selectTheme = (s: CockpitState): Theme => s.settings?.theme ?? 'system';
export const selectConnection = (s: CockpitState) => s.connection;
export const selectConnectionDetails = (s: CockpitState) => s.connectionDetails;
export const selectLoaded = (s: CockpitState) => s.loaded;
export const selectCanBrowse = (s: CockpitState) => s.info?.canBrowse ?? false;
export const selectCanSavePdf = (s: CockpitState) => s.info?.canSavePdf ?? false;

export const selectWorkspaceState = (s: CockpitState) => s.workspace;
/** The last good workspace, or null when none was ever loaded. */
export const selectWorkspace = (s: CockpitState): Workspace | null => s.workspace?.workspace ?? null;
export const selectIssues = (s: CockpitState) => s.workspace?.issues ?? noIssues;
export const selectRecent = (s: CockpitState) => s.recent;

export const selectActions = (s: CockpitState) => s.actions;
export const selectHasMore = (s: CockpitState) => s.hasMore;
export const selectKind = (s: CockpitState) => s.kind;
export const selectKinds = (s: CockpitState) => s.kinds;
export const selectLoadingActions = (s: CockpitState) => s.loadingActions;
export const selectSelectedId = (s: CockpitState) => s.selectedId;
export const selectDetail = (s: CockpitState) => s.detail;

/** The latest actions of any kind, for the Overview. */
export const selectLatestActions = (s: CockpitState): JournalAction[] => s.latest;

export const selectRoute = (s: CockpitState) => s.route;
export const selectDialog = (s: CockpitState) => s.dialog;
export const selectToasts = (s: CockpitState) => s.toasts;
export const selectProblemsExpanded = (s: CockpitState) => s.problemsExpanded;

/**
 * What the top bar calls the workspace: its name, and where it came from. "No workspace" only once the backend
 * has said so: until its first answer the workspace is loading, and a failed read is not an empty one.
 */
export function selectWorkspaceLabel(s: CockpitState): { name: string; source: string; isPath: boolean } {
  const state = s.workspace;
  if (state === null) {
    return s.loaded
      ? { name: 'Workspace not read', source: 'Reading it failed — press Reload to try again', isPath: false }
      : { name: 'Loading workspace…', source: '', isPath: false };
  }
  const name = state.workspace?.name ?? 'No workspace';
  const from = state.loadedFrom ?? state.source ?? null;
  if (from === null) return { name, source: 'Open a cockpit.yaml to begin', isPath: false };
  if (from.kind === 'demo') return { name, source: 'Built-in demo', isPath: false };
  return { name, source: from.path, isPath: true };
}

const noIssues: never[] = [];
