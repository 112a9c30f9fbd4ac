/**
 * The readiness feature's own state (the app store never knows about it): the last scorecard `readiness.scorecard`
 * answered, why the last read failed, and whether a read is on its way (the Refresh button says so).
 */
import { create } from 'zustand';
import { type Scorecard } from '../../../shared/model/readiness';

export interface ReadinessState {
  scorecard: Scorecard | null;
  error: string | null;
  loading: boolean;
}

export const initialReadinessState: ReadinessState = { scorecard: null, error: null, loading: false };

export const useReadiness = create<ReadinessState>()(() => initialReadinessState);
