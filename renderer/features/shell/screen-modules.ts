/**
 * The screens other than the Overview live in their own chunks. This module loads them, remembers what it loaded,
 * and lets the shell draw a loaded screen in the same render as the click.
 *
 * Why not React.lazy + Suspense: React 19 holds a Suspense boundary's fallback for at least 300 ms once shown, so
 * a screen whose chunk arrived in 20 ms still appeared 300 ms after the click. Here the shell draws the screen's
 * frame itself while the chunk loads and swaps in the screen the moment it is there, and chunks are fetched at idle
 * after the first screen is live (and on hover or focus of a nav link) so a first visit rarely waits at all.
 */
import { type ComponentType } from 'react';
import { type Loaded, type Preloadable, preloadable } from '../../lib/preloadable';
import { type Route } from '../../lib/routes';
import { useStore } from '../../store';
import { deploysDialogs } from '../deploys/OpenDeploysDialog';
import { loadHealthScreen } from '../health/actions';
import { promptDialog, workspaceDialog } from './lazy-dialogs';

export type LazyRoute = Exclude<Route, 'overview'>;
type ScreenModule = { default: ComponentType };

const screens: Record<LazyRoute, Preloadable<ScreenModule>> = {
  deploys: preloadable(() => import('../deploys/DeploysScreen')),
  health: preloadable(() => import('../health/HealthScreen')),
  cost: preloadable(() => import('../cost/CostScreen')),
  backups: preloadable(() => import('../backups/BackupsScreen')),
  drills: preloadable(() => import('../drills/DrillsScreen')),
  incidents: preloadable(() => import('../incidents/IncidentsScreen')),
  runbooks: preloadable(() => import('../runbooks/RunbooksScreen')),
  timeline: preloadable(() => import('../timeline/TimelineScreen')),
  readiness: preloadable(() => import('../readiness/ReadinessScreen')),
  activity: preloadable(() => import('../activity/ActivityScreen')),
  settings: preloadable(() => import('../settings/SettingsScreen')),
};

// Object.keys loses the key type; the keys are exactly the Record's.
export const lazyRoutes = Object.keys(screens) as LazyRoute[];

/**
 * Chunks a screen opens later: the dialogs, then the charts (the chart library is the largest download).
 * Warmed after the screens; a failure here is only a miss, the code loads again when asked.
 */
const laterChunks: readonly (() => Promise<unknown>)[] = [
  () => deploysDialogs.preload(),
  () => promptDialog.preload(),
  () => workspaceDialog.preload(),
  () => import('../../components/charts/HealthLatencyChart'),
  () => import('../../components/charts/HealthStatusChart'),
  () => import('../../components/charts/CostStackedChart'),
  () => import('../backups/charts/BackupHistoryChart'),
  () => import('../drills/charts/DrillTrendChart'),
];

/** Starts loading a screen's chunk unless it is loaded or on its way; resolves when it settled either way. */
export function preloadScreen(route: LazyRoute): Promise<void> {
  return screens[route].preload();
}

/**
 * Screens whose data is slow to answer read it ahead, so the first visit shows it at once. Health's checks are kept
 * current by live events once read. Cost is never read ahead: a read may be a paid Cost Explorer request.
 */
const dataAhead: Partial<Record<LazyRoute, () => void>> = {
  health: () => {
    if (useStore.getState().healthChecks === null) void loadHealthScreen();
  },
};

/** The user is about to open this screen (pointer on its way, focus on its link): fetch its code and data now. */
export function prepareScreen(route: LazyRoute): void {
  void preloadScreen(route);
  dataAhead[route]?.();
}

/** The screen's module once loaded (starting the load on first ask); re-renders when it arrives or fails. */
export function useScreenModule(route: LazyRoute): Loaded<ScreenModule> {
  return screens[route].use();
}

/**
 * Fetches every screen's chunk one at a time, each when the page is idle, so the downloads never compete with the
 * screen the user is looking at. Answers a function that stops what has not started yet.
 */
export function preloadAllScreensWhenIdle(routes: readonly LazyRoute[] = lazyRoutes): () => void {
  // Safari has no requestIdleCallback: a short timer stands in.
  const idle = typeof window.requestIdleCallback === 'function';
  let stopped = false;
  let handle: number | undefined;
  const later = (fn: () => void) =>
    idle ? window.requestIdleCallback(fn, { timeout: 2000 }) : window.setTimeout(fn, 50);
  const steps: (() => Promise<unknown>)[] = [
    ...routes.map((route) => () => preloadScreen(route)),
    ...Object.values(dataAhead).map((read) => async () => read()),
    ...laterChunks.map((load) => () => load().catch(() => undefined)),
  ];
  const next = (index: number) => {
    const step = steps[index];
    if (stopped || !step) return;
    handle = later(() => {
      if (!stopped) void step().then(() => next(index + 1));
    });
  };
  next(0);
  return () => {
    stopped = true;
    if (handle === undefined) return;
    if (idle) window.cancelIdleCallback(handle);
    else window.clearTimeout(handle);
  };
}
