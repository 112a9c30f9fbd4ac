/**
 * Async actions: plain module functions that call the bridge and put the answers in the store. Every failure
 * becomes a toast with the backend's message (never swallowed); functions resolve to whether they succeeded so
 * a dialog can decide to stay open.
 */
import { type Theme } from '../../shared/api/app';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { api, connection, errorCode, errorMessage } from '../bridge';
import { type Route, hrefFor, isRoute } from '../lib/routes';
import { useStore } from './index';
import { appendPage, pageCursor } from './journal-logic';
import { type Toast } from './slices';

export const PAGE_SIZE = 50;

const store = () => useStore.getState();

export function reportError(title: string, error: unknown): void {
  store().pushToast({ tone: 'error', title, message: errorMessage(error) });
}

export function notify(title: string, message: string, action?: Toast['action']): void {
  store().pushToast({ tone: 'info', title, message, ...(action ? { action } : {}) });
}

/** "I'm on it" on the toast of an alert about an open incident: the incident page's button, one click closer. */
function acknowledgeAction(id: string): Toast['action'] {
  return {
    label: 'I’m on it',
    run: () => void attempt('Could not acknowledge the incident', () => api.incidents.acknowledge({ id })),
  };
}

/** Runs one call; on failure shows a toast and resolves to undefined. */
async function attempt<T>(title: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    // While the link is down the connection banner (or the refused screen) already says so, and everything is
    // reloaded once it is back: a toast per failed call would only repeat it.
    const code = errorCode(error);
    const linkDown = store().connection !== 'open' || connection.get() !== 'open';
    if (!(linkDown && (code === 'UNAVAILABLE' || code === 'FORBIDDEN'))) reportError(title, error);
    return undefined;
  }
}

/**
 * What a feature adds to the first load and the live events. The store is the ground floor: it never imports a
 * feature; renderer/features/registry.ts lists them and main.tsx registers that list here before anything loads.
 */
export interface FeatureWiring {
  name: string;
  load: () => Promise<void>;
  /** Reads the workspace (e.g. the first deploy target) so must wait for it. */
  afterWorkspace?: boolean;
  /** Subscribes to the feature's events; returns the unsubscribe function. */
  subscribe: () => () => void;
}

let features: readonly FeatureWiring[] = [];

export function registerFeatures(list: readonly FeatureWiring[]): void {
  features = list;
}

/** The first load (and again after a reconnect, since events were missed meanwhile). */
export async function loadInitial(): Promise<void> {
  const workspace = attempt('Could not read the workspace', () => api.workspace.current({})).then(
    (w) => w && store().setWorkspace(w),
  );
  await Promise.all([
    attempt('Could not read app info', () => api.app.info({})).then((info) => info && store().setInfo(info)),
    attempt('Could not read settings', () => api.app.settings({})).then((s) => s && store().setSettings(s)),
    workspace,
    refreshRecent(),
    reloadActions(),
    // A feature that reads the workspace (deploys: the first target's history) waits for it.
    ...features.map((f) => (f.afterWorkspace ? workspace.then(() => f.load()) : f.load())),
  ]);
  // Never reached the backend: keep the skeletons (the banner explains) rather than claim there is no workspace.
  if (store().workspace !== null || connection.get() === 'open') store().setLoaded(true);
}

export async function refreshRecent(): Promise<void> {
  const recent = await attempt('Could not read recent workspaces', () => api.workspace.recent({}));
  if (recent) store().setRecent(recent);
}

function afterOpen(state: WorkspaceState): void {
  store().setWorkspace(state);
  if (state.issues.length > 0) store().setProblemsExpanded(true);
  void refreshRecent();
}

export async function openWorkspace(path: string): Promise<boolean> {
  const state = await attempt('Could not open the workspace', () => api.workspace.open({ path }));
  if (!state) return false;
  afterOpen(state);
  return true;
}

export async function openDemo(): Promise<boolean> {
  const state = await attempt('Could not open the demo workspace', () => api.workspace.openDemo({}));
  if (!state) return false;
  afterOpen(state);
  return true;
}

export async function reloadWorkspace(): Promise<void> {
  const state = await attempt('Could not reload the workspace', () => api.workspace.reload({}));
  if (!state) return;
  afterOpen(state);
  notify(
    'Workspace reloaded',
    state.issues.length > 0 ? 'The file has problems; the last good workspace stays loaded.' : 'The file is valid.',
  );
}

/** The native file picker (desktop only). Resolves to the chosen path, or null when cancelled or failed. */
export async function browseForWorkspace(): Promise<string | null> {
  const picked = await attempt('Could not show the file picker', () => api.workspace.browse({}));
  return picked?.path ?? null;
}

export async function setTheme(theme: Theme): Promise<void> {
  const previous = store().settings;
  // Show the choice at once; put it back if the backend refuses it.
  store().setSettings({ ...(previous ?? { theme }), theme });
  const saved = await attempt('Could not save the theme', () => api.app.updateSettings({ theme }));
  if (saved) store().setSettings(saved);
  else if (previous) store().setSettings(previous);
}

/** Loads the first page of the Activity list for the current kind filter. */
export async function reloadActions(): Promise<void> {
  const kind = store().kind;
  store().setLoadingActions(true);
  const page = await attempt('Could not read the journal', () =>
    api.journal.list({ limit: PAGE_SIZE, ...(kind ? { kind } : {}) }),
  );
  // A filter change while this was loading wins.
  if (page && store().kind === kind) store().setActions(page.actions, page.hasMore);
  store().setLoadingActions(false);
}

export async function loadMoreActions(): Promise<void> {
  const { kind, actions } = store();
  const before = pageCursor(actions);
  if (!before) return reloadActions();
  store().setLoadingActions(true);
  const page = await attempt('Could not read more of the journal', () =>
    api.journal.list({ limit: PAGE_SIZE, before, ...(kind ? { kind } : {}) }),
  );
  if (page && store().kind === kind) store().setActions(appendPage(store().actions, page.actions), page.hasMore);
  store().setLoadingActions(false);
}

export async function setKindFilter(kind: string | null): Promise<void> {
  store().setKind(kind);
  await reloadActions();
}

export async function selectAction(id: string | null): Promise<void> {
  store().setSelected(id);
  if (id === null) return;
  const detail = await attempt('Could not read the action', () => api.journal.get({ id }));
  // The user may have picked another row while this loaded.
  if (detail && store().selectedId === id) store().setDetail(detail);
}

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
  store().setRoute(route);
}

/** Live updates: every event the backend pushes lands in the store. Returns the unsubscribe function. */
export function subscribeToEvents(): () => void {
  const offs = [
    api.on('workspace.changed', (state) => {
      store().setWorkspace(state);
      if (state.issues.length > 0) store().setProblemsExpanded(true);
      void refreshRecent();
    }),
    api.on('journal.action', (action) => store().applyAction(action)),
    api.on('journal.entry', (entry) => store().applyEntry(entry)),
    api.on('app.settingsChanged', (settings) => store().setSettings(settings)),
    api.on('app.command', ({ command, arg }) => {
      if (command === 'open-workspace') store().openDialog('open-workspace');
      else if (command === 'navigate' && arg && isRoute(arg)) navigate(arg);
    }),
    api.on('app.alert', (alert) =>
      notify(alert.title, alert.body, alert.incidentId ? acknowledgeAction(alert.incidentId) : undefined),
    ),
    ...features.map((f) => f.subscribe()),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * Mirrors the bridge's connection state and its times; after a reconnect, reloads what may have changed meanwhile
 * (events sent while the link was down were missed; the subscriptions themselves outlive the socket).
 */
export function syncConnection(): () => void {
  store().setConnectionDetails(connection.details());
  let wasDown = false;
  return connection.subscribe((state) => {
    store().setConnectionDetails(connection.details());
    if (state === 'reconnecting') wasDown = true;
    if (state === 'open' && wasDown) {
      wasDown = false;
      void loadInitial();
    }
  });
}
