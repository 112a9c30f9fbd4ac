/**
 * The health feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/health/actions.ts.
 */
import { type StateCreator } from 'zustand';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the health feature
export interface HealthSlice {}

export const createHealthSlice = <S extends HealthSlice>(): StateCreator<S, [], [], HealthSlice> => () => ({});
