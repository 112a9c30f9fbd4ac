/**
 * The readiness feature's call to the backend and the events that change its evidence. Registered in
 * renderer/features/registry.ts, so the first load and a reconnect read the scorecard (the Overview's chip shows its
 * score). The scorecard has no event of its own: what it is computed from does — the workspace, health, deploys,
 * drills, backups, incidents, cost, runbooks and the alert settings — and a burst of those reloads it once.
 */
import { api, errorMessage, onAnyOf } from '../../bridge';
import { coalesced } from '../../lib/coalesce';
import { useReadiness } from './store';

const set = useReadiness.setState;

/** Later answers win: a load whose ticket is stale drops its answer. */
let ticket = 0;

export async function loadScorecard(): Promise<void> {
  const mine = ++ticket;
  set({ loading: true });
  try {
    const scorecard = await api.readiness.scorecard({});
    if (mine === ticket) set({ scorecard, error: null, loading: false });
  } catch (error) {
    if (mine === ticket) set({ error: errorMessage(error), loading: false });
  }
}

/** Health checks flip and runs end in bursts; the scorecard is recomputed once they settle. */
const reload = coalesced(() => void loadScorecard(), 1_000);

export function subscribeReadinessEvents(): () => void {
  const off = onAnyOf(
    [
      'workspace.changed',
      'app.settingsChanged',
      'health.status',
      'deploys.changed',
      'drills.changed',
      'backups.changed',
      'incidents.changed',
      'cost.updated',
      'runbooks.changed',
    ],
    () => reload.soon(),
  );
  return () => {
    reload.cancel();
    off();
  };
}
