import { type RefObject, useEffect, useRef } from 'react';
import { ScreenHeader } from './components/ScreenHeader';
import { Skeleton } from './components/Skeleton';
import { Toasts } from './components/Toasts';
import { OverviewScreen } from './features/overview/OverviewScreen';
import { BridgeMissingScreen } from './features/shell/BridgeMissingScreen';
import { ConnectionBanner } from './features/shell/ConnectionBanner';
import { useGlobalShortcuts, useHashRoute, useThemeAttribute } from './features/shell/hooks';
import { RefusedScreen } from './features/shell/RefusedScreen';
import { LazyOpenWorkspaceDialog, LazyPromptDialog } from './features/shell/lazy-dialogs';
import { ShortcutsSheet } from './features/shell/ShortcutsSheet';
import { Sidebar } from './features/shell/Sidebar';
import { TopBar } from './features/shell/TopBar';
import { ProblemsPanel } from './features/workspace/ProblemsPanel';
import { type LazyRoute, preloadAllScreensWhenIdle, useScreenModule } from './features/shell/screen-modules';
import { routeTitles } from './lib/routes';
import { useStore } from './store';
import { selectConnection, selectLoaded, selectRoute } from './store/selectors';

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

/** What a screen shows while its chunk loads: its heading at once, then the chunk's content in its place. */
function ScreenFrame({ route, failure }: { route: LazyRoute; failure?: string }) {
  return (
    <>
      <ScreenHeader title={routeTitles[route]} />
      {failure ? (
        <div className="stack">
          <p className="text-warn" role="alert">
            {failure}
          </p>
          <p>
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </p>
        </div>
      ) : (
        <Skeleton lines={8} label="Loading the screen…" />
      )}
    </>
  );
}

function LazyScreen({ route }: { route: LazyRoute }) {
  const screen = useScreenModule(route);
  if (screen.kind === 'ready') return <screen.module.default />;
  // A chunk fails to load when the cockpit was updated or restarted under an open page.
  const failure =
    screen.kind === 'failed'
      ? `The ${routeTitles[route]} screen could not be loaded: the cockpit may have been restarted or updated. Reload the page to try again.`
      : undefined;
  return <ScreenFrame route={route} failure={failure} />;
}

/** The Overview ships in the initial bundle; every other screen comes from its own chunk (see screen-modules). */
function Screen() {
  const route = useStore(selectRoute);
  if (route === 'overview') return <OverviewScreen />;
  return <LazyScreen key={route} route={route} />;
}

/** Once the first screen shows live data, the other screens' chunks are fetched at idle: no first visit waits. */
function usePreloadScreensOnceLive(): void {
  const loaded = useStore(selectLoaded);
  useEffect(() => (loaded ? preloadAllScreensWhenIdle() : undefined), [loaded]);
}

export function App() {
  useHashRoute();
  useThemeAttribute();
  useGlobalShortcuts();
  const main = useRef<HTMLElement>(null);
  const connection = useStore(selectConnection);
  usePreloadScreensOnceLive();
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
      <LazyOpenWorkspaceDialog />
      <ShortcutsSheet />
      {/* Last, so a question the backend waits on opens above any other dialog. */}
      <LazyPromptDialog />
      <Toasts />
    </div>
  );
}
