/**
 * The guided rollback drill's calls to the backend and its live events. Registered in renderer/features/registry.ts,
 * so the first load and a reconnect read the overview; `drills.changed` carries the whole drill (the wizard redraws
 * from it) and `drills.run` feeds its live log.
 */
import { api, errorMessage } from '../../bridge';
import { notify, reportError } from '../../store/actions';
import { appendLog } from '../backups/store';
import { rollbackDrillHref } from './rollback-links';
import { newerDrill, useRollbackDrills } from './rollback-store';
import { coalesced } from '../../lib/coalesce';

const state = () => useRollbackDrills.getState();
const set = useRollbackDrills.setState;

/** Later answers win: a load whose ticket is stale drops its answer. */
const tickets = { overview: 0, preflight: 0 };

export async function loadRollbackDrills(): Promise<void> {
  const ticket = ++tickets.overview;
  try {
    const overview = await api.drills.overview({});
    if (ticket !== tickets.overview) return;
    const running = overview.running;
    set({
      overview,
      error: null,
      ...(running
        ? { drills: { ...state().drills, [running.id]: newerDrill(state().drills[running.id], running) } }
        : {}),
    });
  } catch (error) {
    if (ticket === tickets.overview) set({ error: errorMessage(error) });
  }
}

/**
 * After a reconnect: read again only what a Drills screen already read. Nothing on the first screen shows drills, so
 * the app's start does not ask for them; the Drills screen reads them when it opens.
 */
export async function reloadRollbackDrillsIfRead(): Promise<void> {
  if (state().overview !== null) await loadRollbackDrills();
}

/** Reads the plan and preflight of a service's drill (changes nothing); the wizard shows it under the service. */
export async function checkPreflight(service: string, environment: string | null): Promise<void> {
  const ticket = ++tickets.preflight;
  set({ preflight: { service, environment, plan: null, error: null, checking: true } });
  try {
    const plan = await api.drills.preflight({ service, ...(environment ? { environment } : {}) });
    if (ticket === tickets.preflight) set({ preflight: { service, environment, plan, error: null, checking: false } });
  } catch (error) {
    if (ticket === tickets.preflight)
      set({ preflight: { service, environment, plan: null, error: errorMessage(error), checking: false } });
  }
}

export function closePreflight(): void {
  tickets.preflight++;
  set({ preflight: null });
}

/** Starts the drill and opens its page; resolves to its id, or null (the reason is shown as an error toast). */
export async function startRollbackDrill(
  service: string,
  environment: string,
  confirmation: string | null,
): Promise<string | null> {
  if (state().starting) return null;
  set({ starting: true });
  try {
    const { drillId } = await api.drills.start({
      service,
      environment,
      ...(confirmation ? { confirmation } : {}),
    });
    set({ preflight: null });
    window.location.hash = rollbackDrillHref(drillId);
    void loadRollbackDrill(drillId);
    return drillId;
  } catch (error) {
    reportError(`Could not start the rollback drill of ${service}`, error);
    // The preflight may have changed since it was read (a lock taken, a host down): read it again.
    void checkPreflight(service, environment);
    return null;
  } finally {
    set({ starting: false });
  }
}

/** "Roll back now" (or "Heal now"): the recovery, by the deploy engine the on-call uses. */
export async function actOnDrill(drillId: string): Promise<void> {
  if (state().acting.includes(drillId)) return;
  set({ acting: [...state().acting, drillId] });
  try {
    await api.drills.act({ drillId });
  } catch (error) {
    reportError('Could not start the recovery', error);
  } finally {
    set({ acting: state().acting.filter((id) => id !== drillId) });
  }
}

export async function cancelRollbackDrill(drillId: string): Promise<void> {
  if (state().cancelling.includes(drillId)) return;
  set({ cancelling: [...state().cancelling, drillId] });
  try {
    const { cancelling } = await api.drills.cancel({ drillId });
    if (!cancelling) notify('Nothing to cancel', 'The drill had already ended.');
  } catch (error) {
    reportError('Could not cancel the drill', error);
  } finally {
    set({ cancelling: state().cancelling.filter((id) => id !== drillId) });
  }
}

/** One drill with its log so far (a page opened mid-drill, or a past drill's report). */
export async function loadRollbackDrill(drillId: string): Promise<void> {
  try {
    const { drill, log } = await api.drills.get({ drillId });
    // Events that arrived while this was read are newer than the log it returns: keep the longer one.
    const live = state().logs[drillId] ?? [];
    const { [drillId]: _gone, ...unreadable } = state().unreadable;
    set({
      drills: { ...state().drills, [drillId]: newerDrill(state().drills[drillId], drill) },
      logs: { ...state().logs, [drillId]: live.length > log.length ? live : log },
      unreadable,
    });
  } catch (error) {
    set({ unreadable: { ...state().unreadable, [drillId]: errorMessage(error) } });
  }
}

export async function fetchRollbackReport(drillId: string): Promise<{ markdown: string; fileName: string } | null> {
  try {
    return await api.drills.report({ drillId });
  } catch (error) {
    reportError('Could not build the drill report', error);
    return null;
  }
}

/** A drill's phase changes come in bursts; the overview (history, last drill, due dates) is read once after. */
const reload = coalesced(() => void loadRollbackDrills(), 300);

export function subscribeRollbackDrillEvents(): () => void {
  const offs = [
    api.on('drills.changed', (drill) => {
      const before = state().drills[drill.id];
      set({ drills: { ...state().drills, [drill.id]: drill } });
      if (!before || before.status !== drill.status || before.phase !== drill.phase) reload.soon();
    }),
    api.on('drills.run', (event) => set({ logs: appendLog(state().logs, event) })),
  ];
  return () => {
    reload.cancel();
    offs.forEach((off) => off());
  };
}
