/**
 * The store's slices: typed state plus the synchronous setters that change it. Async work (calling the backend)
 * lives in actions.ts as plain module functions; components only select from here.
 */
import { type StateCreator } from 'zustand';
import { type AppInfo, type Settings } from '../../shared/api/app';
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';
import { type RecentWorkspace, type WorkspaceState } from '../../shared/model/workspace-state';
import { type ConnectionDetails, type ConnectionState } from '../bridge/connection';
import { DEFAULT_ROUTE, type Route } from '../lib/routes';
import { appendEntry, mergeKinds, upsertAction } from './journal-logic';

export interface AppSlice {
  info: AppInfo | null;
  settings: Settings | null;
  connection: ConnectionState;
  /** The times behind `connection` (last data received, last and next reconnect attempt). */
  connectionDetails: ConnectionDetails;
  /** The first load finished (with or without errors): screens stop showing skeletons. */
  loaded: boolean;
  setInfo(info: AppInfo): void;
  setSettings(settings: Settings): void;
  setConnection(state: ConnectionState): void;
  setConnectionDetails(details: ConnectionDetails): void;
  setLoaded(loaded: boolean): void;
}

export interface WorkspaceSlice {
  workspace: WorkspaceState | null;
  recent: RecentWorkspace[];
  setWorkspace(state: WorkspaceState): void;
  setRecent(recent: RecentWorkspace[]): void;
}

export interface ActionDetail {
  action: JournalAction;
  entries: JournalEntry[];
}

export interface JournalSlice {
  actions: JournalAction[];
  hasMore: boolean;
  /** The kind filter of the Activity list; null shows every kind. */
  kind: string | null;
  kinds: string[];
  loadingActions: boolean;
  /** The newest few actions of any kind, for the Overview (the Activity filter does not apply). */
  latest: JournalAction[];
  selectedId: string | null;
  detail: ActionDetail | null;
  setActions(actions: JournalAction[], hasMore: boolean): void;
  setKind(kind: string | null): void;
  setLoadingActions(loading: boolean): void;
  setSelected(id: string | null): void;
  setDetail(detail: ActionDetail | null): void;
  /** A live journal.action event. */
  applyAction(action: JournalAction): void;
  /** A live journal.entry event. */
  applyEntry(entry: JournalEntry): void;
}

export type DialogName = 'open-workspace' | 'shortcuts';

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  title: string;
  message: string;
  /** A button on the toast ("I'm on it"); a toast with one stays until used or dismissed. */
  action?: { label: string; run: () => void };
}

export interface UiSlice {
  route: Route;
  dialog: DialogName | null;
  toasts: Toast[];
  problemsExpanded: boolean;
  setRoute(route: Route): void;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  setProblemsExpanded(expanded: boolean): void;
}

export type CockpitState = AppSlice & WorkspaceSlice & JournalSlice & UiSlice;
type Slice<T> = StateCreator<CockpitState, [], [], T>;

export const createAppSlice: Slice<AppSlice> = (set) => ({
  info: null,
  settings: null,
  connection: 'connecting',
  connectionDetails: { state: 'connecting', lastReceivedAt: null, lastAttemptAt: null, nextAttemptAt: null },
  loaded: false,
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
  setConnection: (connection) =>
    set((s) => ({ connection, connectionDetails: { ...s.connectionDetails, state: connection } })),
  setConnectionDetails: (connectionDetails) => set({ connection: connectionDetails.state, connectionDetails }),
  setLoaded: (loaded) => set({ loaded }),
});

export const createWorkspaceSlice: Slice<WorkspaceSlice> = (set) => ({
  workspace: null,
  recent: [],
  setWorkspace: (workspace) => set({ workspace }),
  setRecent: (recent) => set({ recent }),
});

/** How many actions the Overview's "Recent activity" shows. */
export const LATEST_COUNT = 5;

export const createJournalSlice: Slice<JournalSlice> = (set) => ({
  actions: [],
  hasMore: false,
  kind: null,
  kinds: [],
  loadingActions: false,
  latest: [],
  selectedId: null,
  detail: null,
  setActions: (actions, hasMore) =>
    set((s) => ({
      actions,
      hasMore,
      kinds: mergeKinds(s.kinds, actions),
      // An unfiltered first page is also the freshest "latest" list there is.
      ...(s.kind === null ? { latest: actions.slice(0, LATEST_COUNT) } : {}),
    })),
  setKind: (kind) => set({ kind }),
  setLoadingActions: (loadingActions) => set({ loadingActions }),
  setSelected: (selectedId) =>
    set((s) => ({ selectedId, detail: s.detail?.action.id === selectedId ? s.detail : null })),
  setDetail: (detail) => set({ detail }),
  applyAction: (action) =>
    set((s) => ({
      actions: upsertAction(s.actions, action, { kind: s.kind, hasMore: s.hasMore }),
      latest: upsertAction(s.latest, action).slice(0, LATEST_COUNT),
      kinds: mergeKinds(s.kinds, [action]),
      detail: s.detail?.action.id === action.id ? { ...s.detail, action } : s.detail,
    })),
  applyEntry: (entry) =>
    set((s) =>
      s.detail?.action.id === entry.actionId
        ? { detail: { ...s.detail, entries: appendEntry(s.detail.entries, entry) } }
        : {},
    ),
});

let toastIds = 0;
/** At most this many toasts at once; the oldest go first. */
const MAX_TOASTS = 4;

export const createUiSlice: Slice<UiSlice> = (set) => ({
  route: DEFAULT_ROUTE,
  dialog: null,
  toasts: [],
  problemsExpanded: true,
  setRoute: (route) => set({ route }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  pushToast: (toast) =>
    set((s) => {
      // The same failure repeated (e.g. while reconnecting) shows once.
      const others = s.toasts.filter((t) => !(t.title === toast.title && t.message === toast.message));
      return { toasts: [...others, { ...toast, id: ++toastIds }].slice(-MAX_TOASTS) };
    }),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setProblemsExpanded: (problemsExpanded) => set({ problemsExpanded }),
});
