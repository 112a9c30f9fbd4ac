/**
 * The deploys feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() call, through the feature list in features/registry.ts, loadDeploys() and subscribeDeploysEvents().
 *
 * Dialog data (what can be deployed, the plan, rollback choices) is fetched by actions that resolve with it: it
 * belongs to one open dialog, not to the store. Runs, the overview and histories live in the store, kept fresh by
 * `deploys.run` and `deploys.changed` events.
 */
import { type DeploySources, type RollbackOptions } from '../../../shared/api/deploys';
import { type DeployPlan, type LockStatus, type ReleaseSource, type RunProblem } from '../../../shared/model/deploys';
import { deployTargets } from '../../../shared/workspace/targets';
import { api, errorMessage } from '../../bridge';
import { useStore } from '../../store';
import { type DeploysDialog, targetKey } from '../../store/deploys-slice';
import { notify, reportError } from '../../store/actions';
import { selectWorkspace } from '../../store/selectors';
import { coalesced } from '../../lib/coalesce';

const store = () => useStore.getState();

let overviewTicket = 0;

/** Every service × environment: current, last good, last deploy, running and locked state; DORA. */
export async function loadDeploys(): Promise<void> {
  const ticket = ++overviewTicket;
  // The selected target's history is read alongside the overview, not after it: both reach the hosts at once, so
  // an SSH key's passphrase is asked once for the screen, and a cancelled question is not followed at once by the
  // same question for the history. Before anything is selected, the first target is known from the workspace.
  const early = store().deploysSelected ?? deployTargets(selectWorkspace(store()))[0];
  if (early) void loadDeployHistory(early.service, early.environment);
  try {
    const overview = await api.deploys.overview({});
    if (ticket !== overviewTicket) return;
    store().setDeploysOverview(overview);
    const selected = store().deploysSelected;
    const first = overview.targets[0];
    if (!selected && first) store().selectDeployTarget({ service: first.service, environment: first.environment });
    const now = store().deploysSelected;
    const loaded = early && targetKey(early.service, early.environment);
    if (now && targetKey(now.service, now.environment) !== loaded) void loadDeployHistory(now.service, now.environment);
  } catch (error) {
    if (ticket === overviewTicket) store().setDeploysError(errorMessage(error));
  }
}

export async function loadDeployHistory(service: string, environment: string): Promise<void> {
  try {
    store().setDeployHistory(await api.deploys.history({ service, environment }));
  } catch (error) {
    store().setDeployHistoryError(targetKey(service, environment), errorMessage(error));
  }
}

export function selectDeployTarget(service: string, environment: string): void {
  store().selectDeployTarget({ service, environment });
  void loadDeployHistory(service, environment);
}

export function openDeploysDialog(dialog: DeploysDialog): void {
  store().openDeploysDialog(dialog);
  if (dialog?.kind === 'run') void loadRunLog(dialog.runId);
}

export function closeDeploysDialog(): void {
  store().openDeploysDialog(null);
}

/** A run opened mid-way (or after a reload): its log so far. Runs of other processes are in Activity. */
export async function loadRunLog(runId: string): Promise<void> {
  try {
    const log = await api.deploys.runLog({ runId });
    store().setRunLog(runId, log);
  } catch {
    // Not a run of this backend (an older one): what the store has (if anything) is all there is.
  }
}

/** With an environment, each choice carries what that environment's hosts say about it (its badges). */
export function fetchSources(service: string, environment?: string): Promise<DeploySources> {
  return api.deploys.sources(environment ? { service, environment } : { service });
}

/** The plan for the hosts chosen in the dialog ("Advanced: hosts"): the hosts it lists are the ones the run would touch. */
export function fetchPlan(
  service: string,
  environment: string,
  release: ReleaseSource,
  hosts: { hosts?: string[]; skipHosts?: string[]; batch?: number } = {},
): Promise<DeployPlan> {
  return api.deploys.plan({ service, environment, release, ...hosts });
}

export function fetchRollbackOptions(service: string, environment: string): Promise<RollbackOptions> {
  return api.deploys.rollbackOptions({ service, environment });
}

export function fetchLocks(service: string, environment: string): Promise<LockStatus> {
  return api.deploys.locks({ service, environment });
}

/** Starts a deploy; the dialog turns into its live log. Resolves with the run id, or an error message. */
export async function startDeploy(input: {
  service: string;
  environment: string;
  release: ReleaseSource;
  reason?: string;
  confirmation?: string;
  skipHosts?: string[];
  batch?: number;
}): Promise<{ runId: string } | { error: string }> {
  try {
    const { runId } = await api.deploys.start(input);
    store().openDeploysDialog({ kind: 'run', runId });
    void loadRunLog(runId);
    return { runId };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

export async function startRollback(input: {
  service: string;
  environment: string;
  to?: string;
  reason?: string;
  markBad?: boolean;
  confirmation?: string;
  skipHosts?: string[];
  batch?: number;
}): Promise<{ runId: string } | { error: string }> {
  try {
    const { runId } = await api.deploys.rollback(input);
    store().openDeploysDialog({ kind: 'run', runId });
    void loadRunLog(runId);
    return { runId };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/** Clears a BAD_RELEASE mark on every host (journaled with the reason). Resolves with an error message on failure. */
export async function clearReleaseMark(input: {
  service: string;
  environment: string;
  release: string;
  reason: string;
}): Promise<true | { error: string }> {
  try {
    const result = await api.deploys.clearMark(input);
    if (result.problems.length > 0) return { error: `Not cleared everywhere: ${result.problems.join('; ')}` };
    notify('Mark cleared', `${input.release} in ${input.environment}: ${input.reason}`);
    return true;
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

export async function cancelRun(runId: string): Promise<void> {
  try {
    await api.deploys.cancel({ runId });
  } catch (error) {
    reportError('Could not cancel', error);
  }
}

export async function releaseLock(input: {
  service: string;
  environment: string;
  reason: string;
  force: boolean;
  stale?: boolean;
}): Promise<LockStatus | { error: string }> {
  try {
    const status = await api.deploys.releaseLock(input);
    notify('Lock released', `${input.service} in ${input.environment}: ${input.reason}`);
    return status;
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/** The person looked at the fingerprint and trusts the host: recorded, then the run can be tried again. */
export async function trustHostKey(
  problem: Extract<RunProblem, { kind: 'host-key-unknown' }>,
): Promise<true | { error: string }> {
  try {
    await api.deploys.trustHostKey({
      host: problem.host,
      knownHostsName: problem.knownHostsName,
      keyBase64: problem.keyBase64,
      fingerprint: problem.fingerprint,
    });
    notify('Host trusted', `${problem.host}: ${problem.fingerprint}`);
    return true;
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/** Several changes in a burst (a run ending, its lock released) reload once. */
const reload = coalesced(() => void loadDeploys(), 150);

export function subscribeDeploysEvents(): () => void {
  const offs = [
    api.on('deploys.run', (event) => store().applyRunEvent(event)),
    api.on('deploys.changed', (change) => {
      if (change.reason === 'workspace') store().resetDeploys();
      reload.soon();
    }),
  ];
  return () => {
    reload.cancel();
    offs.forEach((off) => off());
  };
}
