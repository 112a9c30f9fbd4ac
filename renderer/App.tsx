import { type ComponentType, type RefObject, Suspense, lazy, useRef } from 'react';
import { Skeleton } from './components/Skeleton';
import { Toasts } from './components/Toasts';
import { OverviewScreen } from './features/overview/OverviewScreen';
import { PromptDialog } from './features/prompts/PromptDialog';
import { BridgeMissingScreen } from './features/shell/BridgeMissingScreen';
import { ConnectionBanner } from './features/shell/ConnectionBanner';
import { useGlobalShortcuts, useHashRoute, useThemeAttribute } from './features/shell/hooks';
import { RefusedScreen } from './features/shell/RefusedScreen';
import { ShortcutsSheet } from './features/shell/ShortcutsSheet';
import { Sidebar } from './features/shell/Sidebar';
import { TopBar } from './features/shell/TopBar';
import { OpenWorkspaceDialog } from './features/workspace/OpenWorkspaceDialog';
import { ProblemsPanel } from './features/workspace/ProblemsPanel';
import { type Route } from './lib/routes';
import { useStore } from './store';
import { selectConnection, selectRoute } from './store/selectors';

// The Overview is the first screen and ships in the initial bundle; the others load when first visited.
const screens: Record<Route, ComponentType> = {
  overview: OverviewScreen,
  deploys: lazy(() => import('./features/deploys/DeploysScreen')),
  health: lazy(() => import('./features/health/HealthScreen')),
  cost: lazy(() => import('./features/cost/CostScreen')),
  backups: lazy(() => import('./features/backups/BackupsScreen')),
  drills: lazy(() => import('./features/drills/DrillsScreen')),
  incidents: lazy(() => import('./features/incidents/IncidentsScreen')),
  runbooks: lazy(() => import('./features/runbooks/RunbooksScreen')),
  timeline: lazy(() => import('./features/timeline/TimelineScreen')),
  readiness: lazy(() => import('./features/readiness/ReadinessScreen')),
  activity: lazy(() => import('./features/activity/ActivityScreen')),
  settings: lazy(() => import('./features/settings/SettingsScreen')),
};

function SkipLink({ target }: { target: RefObject<HTMLElement | null> }) {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        // The hash is the router's: move focus without navigating.
        event.preventDefault();
        target.current?.focus();
      }}
    >
      Skip to content
    </a>
  );
}

function Screen() {
  const route = useStore(selectRoute);
  const Current = screens[route];
  return (
    <Suspense fallback={<Skeleton lines={8} label="Loading the screen…" />}>
      <Current />
    </Suspense>
  );
}

export function App() {
  useHashRoute();
  useThemeAttribute();
  useGlobalShortcuts();
  const main = useRef<HTMLElement>(null);
  const connection = useStore(selectConnection);
  if (connection === 'refused') return <RefusedScreen />;
  if (connection === 'bridge-missing') return <BridgeMissingScreen />;
  return (
    <div className="app">
      <SkipLink target={main} />
      <Sidebar />
      <div className="main-column">
        <TopBar />
        <ConnectionBanner />
        <main id="main" ref={main} tabIndex={-1} className="content">
          <ProblemsPanel />
          <Screen />
        </main>
      </div>
      <OpenWorkspaceDialog />
      <ShortcutsSheet />
      {/* Last, so a question the backend waits on opens above any other dialog. */}
      <PromptDialog />
      <Toasts />
    </div>
  );
}
