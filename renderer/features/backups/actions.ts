/**
 * The backups feature's calls to the backend and its live events. Registered in renderer/features/registry.ts, so
 * the first load and a reconnect read the overview and the drills; `backups.changed` reloads (debounced) and
 * `backups.drillRun` feeds the live log of a drill.
 */
import { api, errorMessage } from '../../bridge';
import { notify, reportError } from '../../store/actions';
import { type BackupRef, appendLog, keyOf, useBackups } from './store';
import { coalesced } from '../../lib/coalesce';

const state = () => useBackups.getState();
const set = useBackups.setState;

/** Later answers win: a load whose ticket is stale drops its answer. */
const tickets = { list: 0, drills: 0 };

export async function loadBackupsOverview(): Promise<void> {
  const ticket = ++tickets.list;
  try {
    const overview = await api.backups.list({});
    if (ticket === tickets.list) set({ overview, error: null });
  } catch (error) {
    if (ticket === tickets.list) set({ error: errorMessage(error) });
  }
}

export async function loadDrills(): Promise<void> {
  const ticket = ++tickets.drills;
  try {
    const { drills } = await api.backups.drills({ limit: 50 });
    if (ticket === tickets.drills) set({ drills, drillsError: null });
  } catch (error) {
    if (ticket === tickets.drills) set({ drillsError: errorMessage(error) });
  }
}

export async function loadBackupHistory(ref: BackupRef): Promise<void> {
  const key = keyOf(ref);
  try {
    const history = await api.backups.history({ service: ref.service, backup: ref.backup, days: 30 });
    set({ histories: { ...state().histories, [key]: history } });
  } catch (error) {
    set({ histories: { ...state().histories, [key]: { error: errorMessage(error) } } });
  }
}

export async function loadBackups(): Promise<void> {
  const open = state().detailsKey;
  await Promise.all([loadBackupsOverview(), loadDrills(), ...(open ? [reloadHistory(open)] : [])]);
}

function reloadHistory(key: string): Promise<void> {
  const [service = '', backup = ''] = key.split('/');
  return loadBackupHistory({ service, backup });
}

export function toggleDetails(ref: BackupRef): void {
  const key = keyOf(ref);
  const open = state().detailsKey === key ? null : key;
  set({ detailsKey: open });
  if (open) void loadBackupHistory(ref);
}

/** Verifies one backup, or all of them; the button stays disabled (and says so) until the answer comes. */
export async function verifyBackups(ref?: BackupRef): Promise<void> {
  const key = ref ? keyOf(ref) : '*';
  if (state().verifying.includes(key)) return;
  set({ verifying: [...state().verifying, key] });
  try {
    const overview = await api.backups.verify(ref ? { service: ref.service, backup: ref.backup } : {});
    set({ overview, error: null });
    const done = ref ? overview.backups.find((b) => b.key === key) : null;
    notify(
      ref ? `Verified ${ref.backup}` : 'Verified all backups',
      done ? `${done.health === 'ok' ? 'Keeps its promises' : done.reason}.` : overview.verdict,
    );
    const open = state().detailsKey;
    if (open && (!ref || open === key)) void reloadHistory(open);
  } catch (error) {
    reportError(ref ? `Could not verify ${ref.backup}` : 'Could not verify the backups', error);
  } finally {
    set({ verifying: state().verifying.filter((k) => k !== key) });
  }
}

export function openDrillDialog(ref: BackupRef, runId: string | null = null): void {
  set({ dialog: { ...ref, runId } });
  // The copies to choose from are those of the last verification.
  if (!state().histories[keyOf(ref)]) void loadBackupHistory(ref);
  if (runId) void loadDrillRun(runId);
}

export function closeDrillDialog(): void {
  set({ dialog: null });
}

/** Starts a drill; the dialog then shows its live log. Resolves to whether it started. */
export async function startDrill(ref: BackupRef, copy: string | null, confirmation: string | null): Promise<boolean> {
  try {
    const { runId } = await api.backups.drill({
      // Only the two names: a caller may pass a wider object (the dialog's state), and the call is strict.
      service: ref.service,
      backup: ref.backup,
      ...(copy ? { copy } : {}),
      ...(confirmation ? { confirmation } : {}),
    });
    const dialog = state().dialog;
    if (dialog && keyOf(dialog) === keyOf(ref)) set({ dialog: { ...dialog, runId } });
    return true;
  } catch (error) {
    reportError(`Could not start the restore drill of ${ref.backup}`, error);
    return false;
  }
}

export async function cancelDrill(runId: string): Promise<void> {
  try {
    const { cancelled } = await api.backups.cancelDrill({ runId });
    if (!cancelled) notify('Nothing to cancel', 'The drill had already ended.');
  } catch (error) {
    reportError('Could not cancel the drill', error);
  }
}

/** A drill's evidence and its log so far (a dialog opened mid-run, or an evidence page). */
export async function loadDrillRun(runId: string): Promise<void> {
  try {
    const { drill, log } = await api.backups.drillRun({ runId });
    // Events that arrived while this was read are newer than the log it returns: keep the longer one.
    const live = state().logs[runId] ?? [];
    set({
      evidence: { ...state().evidence, [runId]: drill },
      logs: { ...state().logs, [runId]: live.length > log.length ? live : log },
    });
  } catch (error) {
    reportError('Could not read the drill', error);
  }
}

export async function fetchDrillReport(runId: string): Promise<{ filename: string; text: string } | null> {
  try {
    return await api.backups.drillReport({ runId, format: 'md' });
  } catch (error) {
    reportError('Could not build the drill report', error);
    return null;
  }
}

/** A burst of changes (a verification of many backups, a drill ending) reloads once. */
const reload = coalesced(() => void loadBackups(), 250);

export function subscribeBackupsEvents(): () => void {
  const offs = [
    api.on('backups.changed', () => reload.soon()),
    api.on('backups.drillRun', (event) => {
      set({ logs: appendLog(state().logs, event) });
      if (event.type === 'run.ended') {
        void loadDrillRun(event.runId);
        reload.soon();
      }
    }),
  ];
  return () => {
    reload.cancel();
    offs.forEach((off) => off());
  };
}
