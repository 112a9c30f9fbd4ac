/**
 * The runbooks feature's calls to the backend and its live events. Registered in renderer/features/registry.ts:
 * the first load and a reconnect read the list (the check detail and the alerts offer runbooks from it);
 * `runbooks.changed` reloads the list and any runbook already read; `runbooks.run` feeds the runs this window
 * follows, so the live log grows as the engine reports.
 */
import { type RunEvent } from '../../../shared/model/deploys';
import { api, errorMessage } from '../../bridge';
import { coalesced } from '../../lib/coalesce';
import { reportError } from '../../store/actions';
import { detailKey, type FollowedRun, useRunbooks } from './store';

const state = () => useRunbooks.getState();
const set = useRunbooks.setState;

/** Later answers win: a load whose ticket is stale drops its answer. */
let listTicket = 0;
const detailTickets: Record<string, number> = {};

export async function loadRunbooksList(): Promise<void> {
  const ticket = ++listTicket;
  try {
    const { runbooks } = await api.runbooks.list({});
    if (ticket === listTicket) set({ list: runbooks, error: null });
  } catch (error) {
    if (ticket === listTicket) set({ error: errorMessage(error) });
  }
}

/** One runbook with its steps as they will run in `environment` (its first, when not given). */
export async function loadRunbook(id: string, environment?: string): Promise<void> {
  const asked = detailKey(id, environment ?? '');
  const ticket = (detailTickets[asked] = (detailTickets[asked] ?? 0) + 1);
  try {
    const detail = await api.runbooks.get({ id, ...(environment ? { environment } : {}) });
    if (ticket !== detailTickets[asked]) return;
    const key = detailKey(detail.id, detail.environment);
    const { [asked]: _gone, [key]: _old, ...detailErrors } = state().detailErrors;
    const details = { ...state().details, [key]: detail };
    // Asked without an environment: keep it under the empty one too, so the screen finds its default.
    if (!environment) details[asked] = detail;
    set({ details, detailErrors });
  } catch (error) {
    if (ticket === detailTickets[asked])
      set({ detailErrors: { ...state().detailErrors, [asked]: errorMessage(error) } });
  }
}

export async function loadRunbooks(): Promise<void> {
  const loaded = Object.values(state().details).map((d) => [d.id, d.environment] as const);
  const unique = [...new Map(loaded.map((x) => [detailKey(...x), x])).values()];
  await Promise.all([loadRunbooksList(), ...unique.map(([id, env]) => loadRunbook(id, env))]);
}

function follow(runId: string, change: (run: FollowedRun) => FollowedRun): void {
  const current = state().runs[runId] ?? { run: null, events: [], truncated: false };
  set({ runs: { ...state().runs, [runId]: change(current) } });
}

/** A run's log so far (a window opened mid-run, or a run that ended): events that came meanwhile are kept. */
export async function loadRunLog(runId: string): Promise<void> {
  try {
    const log = await api.runbooks.runLog({ runId });
    follow(runId, (mine) => ({
      run: log.run,
      // Live events that arrived while the log was read are newer than its end.
      events: [...log.events, ...mine.events.slice(countKnown(log.events, mine.events))],
      truncated: log.truncated,
    }));
  } catch (error) {
    reportError('Could not read the run’s log', error);
  }
}

/** How many of the live events the log already holds (both are in order; the live ones may have started later). */
function countKnown(fromLog: readonly RunEvent[], live: readonly RunEvent[]): number {
  const seen = new Set(fromLog.map((e) => JSON.stringify(e)));
  let n = 0;
  while (n < live.length && seen.has(JSON.stringify(live[n]))) n++;
  return n;
}

/**
 * Starts the runbook; a protected environment needs its name typed (`confirmation`). Resolves to the run id, or
 * null when it did not start (the toast says why).
 */
export async function startRunbook(id: string, environment: string, confirmation?: string): Promise<string | null> {
  const key = detailKey(id, environment);
  if (state().starting.includes(key)) return null;
  set({ starting: [...state().starting, key] });
  try {
    const { runId } = await api.runbooks.start({
      id,
      environment,
      ...(confirmation === undefined ? {} : { confirmation }),
    });
    follow(runId, (mine) => mine);
    set({ latestRun: { ...state().latestRun, [key]: runId } });
    void loadRunLog(runId);
    return runId;
  } catch (error) {
    reportError('The runbook did not start', error);
    return null;
  } finally {
    set({ starting: state().starting.filter((x) => x !== key) });
  }
}

export async function cancelRunbookRun(runId: string): Promise<void> {
  try {
    await api.runbooks.cancel({ runId });
  } catch (error) {
    reportError('Could not cancel the run', error);
  }
}

/** Shows an earlier run's log in place of the latest (history: "Show log"). */
export function showRun(id: string, environment: string, runId: string): void {
  set({ latestRun: { ...state().latestRun, [detailKey(id, environment)]: runId } });
  void loadRunLog(runId);
}

const reload = coalesced(() => void loadRunbooks(), 200);

export function subscribeRunbooksEvents(): () => void {
  const offs = [
    api.on('runbooks.run', (event) => {
      // Only runs this window follows: another window's runs show once the list reloads.
      if (!(event.runId in state().runs)) return;
      follow(event.runId, (mine) => ({ ...mine, events: [...mine.events, event] }));
      // The backend runs the service's checks again when a run ends (capability checkSoon): health follows by itself.
      if (event.type === 'run.ended') void loadRunLog(event.runId);
    }),
    api.on('runbooks.changed', () => reload.soon()),
  ];
  return () => {
    reload.cancel();
    offs.forEach((off) => off());
  };
}
