/**
 * The incidents feature's calls to the backend and its live events. Registered in renderer/features/registry.ts,
 * so the first load and a reconnect read the list; `incidents.changed` reloads the list (debounced) and any
 * incident already read, so an open page and the Overview card follow along.
 */
import { type Incident } from '../../../shared/model/incidents';
import { api, errorMessage } from '../../bridge';
import { notify, reportError } from '../../store/actions';
import { type ActionItemInput } from './action-items';
import { useIncidents } from './store';
import { coalesced } from '../../lib/coalesce';

const state = () => useIncidents.getState();
const set = useIncidents.setState;

/** Later answers win: a load whose ticket is stale drops its answer. */
let listTicket = 0;
const incidentTickets: Record<string, number> = {};

export async function loadIncidentsList(): Promise<void> {
  const ticket = ++listTicket;
  try {
    const list = await api.incidents.list({ limit: 200 });
    if (ticket === listTicket) set({ list, error: null });
  } catch (error) {
    if (ticket === listTicket) set({ error: errorMessage(error) });
  }
}

function keep(incident: Incident): void {
  const { [incident.id]: _gone, ...errors } = state().errors;
  set({ incidents: { ...state().incidents, [incident.id]: incident }, errors });
}

export async function loadIncident(id: string): Promise<void> {
  const ticket = (incidentTickets[id] = (incidentTickets[id] ?? 0) + 1);
  try {
    const incident = await api.incidents.get({ id });
    if (ticket === incidentTickets[id]) keep(incident);
  } catch (error) {
    if (ticket === incidentTickets[id]) set({ errors: { ...state().errors, [id]: errorMessage(error) } });
  }
}

export async function loadIncidents(): Promise<void> {
  await Promise.all([loadIncidentsList(), ...Object.keys(state().incidents).map((id) => loadIncident(id))]);
}

/** "I'm on it": the first acknowledgement counts; a second press is a no-op the backend answers with the first. */
export async function acknowledgeIncident(id: string): Promise<void> {
  if (state().acknowledging.includes(id)) return;
  set({ acknowledging: [...state().acknowledging, id] });
  try {
    keep(await api.incidents.acknowledge({ id }));
    void loadIncidentsList();
  } catch (error) {
    reportError('Could not acknowledge the incident', error);
  } finally {
    set({ acknowledging: state().acknowledging.filter((x) => x !== id) });
  }
}

/** Saves the post-mortem text and/or the action items; resolves to whether it was saved. */
export async function savePostmortem(
  id: string,
  change: { markdown?: string; actionItems?: ActionItemInput[] },
): Promise<boolean> {
  set({ saving: [...state().saving, id] });
  try {
    keep(await api.incidents.savePostmortem({ id, ...change }));
    void loadIncidentsList();
    notify(change.actionItems ? 'Action items saved' : 'Post-mortem saved', 'Kept with the incident.');
    return true;
  } catch (error) {
    reportError(change.actionItems ? 'Could not save the action items' : 'Could not save the post-mortem', error);
    return false;
  } finally {
    set({ saving: state().saving.filter((x) => x !== id) });
  }
}

/** The post-mortem as Markdown with its file name, for "Copy Markdown" and "Save as file". */
export async function fetchPostmortem(id: string): Promise<{ markdown: string; fileName: string } | null> {
  try {
    return await api.incidents.postmortem({ id });
  } catch (error) {
    reportError('Could not build the post-mortem', error);
    return null;
  }
}

const changed = new Set<string>();

/** A burst of changes (an incident opening, its alert, a join) reloads once. */
const reload = coalesced(() => {
  const ids = [...changed].filter((x) => x in state().incidents);
  changed.clear();
  void loadIncidentsList();
  ids.forEach((x) => void loadIncident(x));
}, 200);

function reloadSoon(id: string): void {
  changed.add(id);
  reload.soon();
}

export function subscribeIncidentsEvents(): () => void {
  const off = api.on('incidents.changed', ({ id }) => reloadSoon(id));
  return () => {
    reload.cancel();
    off();
  };
}
