/** Window-level wiring of the shell: hash routing, the theme and connection attributes, and global shortcuts. */
import { useEffect } from 'react';
import { type Theme } from '../../../shared/api/app';
import { type ConnectionState } from '../../bridge/connection';
import { parseRoute } from '../../lib/routes';
import { shortcutFor } from '../../lib/shortcuts';
import { useStore } from '../../store';
import { navigate } from '../../store/actions';
import { selectTheme } from '../../store/selectors';
import { freshnessOf } from './connection-words';

export const THEME_STORAGE_KEY = 'cockpit.theme';

/** Keeps the store's route in step with the address bar (back/forward, links, reload). */
export function useHashRoute(): void {
  const setRoute = useStore((s) => s.setRoute);
  useEffect(() => {
    const sync = () => setRoute(parseRoute(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setRoute]);
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Puts the chosen theme on <html> (CSS does the rest) and remembers it so the next start paints right. */
export function useThemeAttribute(): void {
  const theme = useStore(selectTheme);
  useEffect(() => {
    applyTheme(theme);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Storage may be blocked; the theme still applies for this page.
    }
  }, [theme]);
}

/**
 * Puts the link's freshness on <html data-connection="live|connecting|stale">: one CSS rule fades every live status
 * while the data on screen may be out of date, whichever screen shows it.
 */
export function useConnectionAttribute(state: ConnectionState): void {
  const freshness = freshnessOf(state);
  useEffect(() => {
    document.documentElement.dataset.connection = freshness;
  }, [freshness]);
}

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Alt+1…9, Ctrl/Cmd+O and "?" from anywhere (except "?" while typing). */
export function useGlobalShortcuts(): void {
  const openDialog = useStore((s) => s.openDialog);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor({
        key: event.key,
        code: event.code,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        inTextField: inTextField(event.target),
      });
      if (!action) return;
      // Another dialog on top owns the keyboard, except for opening the workspace dialog itself.
      const dialog = useStore.getState().dialog;
      if (dialog && action.type !== 'open-workspace') return;
      event.preventDefault();
      if (action.type === 'navigate') navigate(action.route);
      else if (action.type === 'open-workspace') openDialog('open-workspace');
      else openDialog('shortcuts');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openDialog]);
}
