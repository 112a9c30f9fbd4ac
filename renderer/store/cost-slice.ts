/**
 * The cost feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/cost/actions.ts.
 */
import { type StateCreator } from 'zustand';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the cost feature
export interface CostSlice {}

export const createCostSlice = <S extends CostSlice>(): StateCreator<S, [], [], CostSlice> => () => ({});
