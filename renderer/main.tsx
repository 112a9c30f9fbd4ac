/**
 * The renderer's entry: paints the remembered theme at once, renders the app, and wires the store to the bridge
 * (connection state, live events, first load). Subscriptions live here, outside React, so they exist exactly once.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { themeSchema } from '../shared/api/app';
import { App } from './App';
import { features } from './features/registry';
import { THEME_STORAGE_KEY, applyTheme } from './features/shell/hooks';
import { parseRoute } from './lib/routes';
import { useStore } from './store';
import { loadInitial, registerFeatures, subscribeToEvents, syncConnection } from './store/actions';

function rememberedTheme() {
  try {
    return themeSchema.catch('system').parse(localStorage.getItem(THEME_STORAGE_KEY) ?? 'system');
  } catch {
    return 'system' as const;
  }
}

applyTheme(rememberedTheme());
useStore.getState().setRoute(parseRoute(window.location.hash));

registerFeatures(features);
syncConnection();
subscribeToEvents();
void loadInitial();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
