/**
 * The one store of the UI, composed of typed slices (app, workspace, journal, ui). Components select the smallest
 * piece they need through the named selectors; async actions live in ./actions.
 */
import { create } from 'zustand';
import { type CostSlice, createCostSlice } from './cost-slice';
import { type DeploysSlice, createDeploysSlice } from './deploys-slice';
import { type HealthSlice, createHealthSlice } from './health-slice';
import { type PromptsSlice, createPromptsSlice } from './prompts-slice';
import { type CockpitState, createAppSlice, createJournalSlice, createUiSlice, createWorkspaceSlice } from './slices';

export type StoreState = CockpitState & DeploysSlice & HealthSlice & CostSlice & PromptsSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createAppSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createJournalSlice(...a),
  ...createUiSlice(...a),
  ...createDeploysSlice<StoreState>()(...a),
  ...createHealthSlice<StoreState>()(...a),
  ...createCostSlice<StoreState>()(...a),
  ...createPromptsSlice<StoreState>()(...a),
}));

export type { CockpitState, DialogName, Toast, ActionDetail } from './slices';
