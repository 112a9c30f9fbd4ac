/**
 * Keyboard shortcuts as data: one table drives both the key handler and the "?" sheet, so they cannot disagree.
 * `shortcutFor` is pure (it takes the fields of a KeyboardEvent), so it is unit-tested without a DOM.
 */
import { type Route, digitForRoute, routeForDigit, routeTitles, routes } from './routes';

export type ShortcutAction =
  { type: 'navigate'; route: Route } | { type: 'open-workspace' } | { type: 'show-shortcuts' };

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** True when the key went to a text field: plain-character shortcuts must not fire while typing. */
  inTextField: boolean;
}

export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  // Alt+digit: use the physical key, since Alt changes e.key on macOS ("¡" for Alt+1).
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const match = /^Digit([0-9])$/.exec(e.code);
    const route = match?.[1] ? routeForDigit(Number(match[1])) : undefined;
    if (route) return { type: 'navigate', route };
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o') {
    return { type: 'open-workspace' };
  }
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.inTextField) return { type: 'show-shortcuts' };
  return undefined;
}

export interface ShortcutDoc {
  keys: string[];
  what: string;
}

/** What the shortcuts sheet lists. `mod` is "Ctrl" or "⌘" depending on the platform. */
export function shortcutDocs(mod: string): ShortcutDoc[] {
  return [
    ...routes.flatMap((route) => {
      const digit = digitForRoute(route);
      return digit ? [{ keys: ['Alt', digit], what: `Go to ${routeTitles[route]}` }] : [];
    }),
    { keys: [mod, 'O'], what: 'Open a workspace file' },
    { keys: ['N'], what: 'On the Overview and Health: do the next action the banner offers' },
    { keys: ['A'], what: "On an incident: I'm on it (acknowledge)" },
    { keys: ['R'], what: 'In a rollback drill: Roll back now, once the failure is detected' },
    { keys: ['+'], what: 'On the Timeline: zoom in (less time)' },
    { keys: ['-'], what: 'On the Timeline: zoom out (more time)' },
    { keys: ['['], what: 'On the Timeline: move back in time' },
    { keys: [']'], what: 'On the Timeline: move forward, back to now' },
    { keys: ['?'], what: 'Show this list' },
    { keys: ['Esc'], what: 'Close a dialog' },
  ];
}
