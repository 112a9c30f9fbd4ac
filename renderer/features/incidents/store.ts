/**
 * The incidents feature's own state (the app store never knows about it): the list with its figures from
 * `incidents.list`, each incident read with `incidents.get`, and what is being acknowledged or saved.
 */
import { create } from 'zustand';
import { type IncidentsList } from '../../../shared/api/incidents';
import { type Incident } from '../../../shared/model/incidents';

export interface IncidentsState {
  list: IncidentsList | null;
  error: string | null;
  /** Incidents read in full, by id. */
  incidents: Record<string, Incident>;
  /** Why an incident could not be read, by id. */
  errors: Record<string, string>;
  /** Ids whose "I'm on it" is on its way. */
  acknowledging: string[];
  /** Ids whose post-mortem or action items are being saved. */
  saving: string[];
}

export const initialIncidentsState: IncidentsState = {
  list: null,
  error: null,
  incidents: {},
  errors: {},
  acknowledging: [],
  saving: [],
};

export const useIncidents = create<IncidentsState>()(() => initialIncidentsState);
