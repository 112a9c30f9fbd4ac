/**
 * The one store of the UI, composed of typed slices (app, workspace, journal, ui). Components select the smallest
 * piece they need through the named selectors; async actions live in ./actions.
 */
import { create } from 'zustand';
import { type CockpitState, createAppSlice, createJournalSlice, createUiSlice, createWorkspaceSlice } from './slices';

export const useStore = create<CockpitState>()((...a) => ({
  ...createAppSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createJournalSlice(...a),
  ...createUiSlice(...a),
}));

export type { CockpitState, DialogName, Toast, ActionDetail } from './slices';
