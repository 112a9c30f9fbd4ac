/**
 * The deploys feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/deploys/actions.ts.
 */
import { type StateCreator } from 'zustand';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the deploys feature
export interface DeploysSlice {}

export const createDeploysSlice = <S extends DeploysSlice>(): StateCreator<S, [], [], DeploysSlice> => () => ({});
