/**
 * The screens and hash routing (`#/overview`): a reload keeps the screen, and the desktop app (file://) needs no
 * server-side routes. Pure, so parsing is unit-tested.
 */

export const routes = [
  'overview',
  'deploys',
  'health',
  'cost',
  'backups',
  'drills',
  'incidents',
  'runbooks',
  'timeline',
  'readiness',
  'activity',
  'settings',
] as const;
export type Route = (typeof routes)[number];

export const routeTitles: Record<Route, string> = {
  overview: 'Overview',
  deploys: 'Deploys',
  health: 'Health',
  cost: 'Cost',
  backups: 'Backups',
  drills: 'Drills',
  incidents: 'Incidents',
  runbooks: 'Runbooks',
  timeline: 'Timeline',
  readiness: 'Readiness',
  activity: 'Activity',
  settings: 'Settings',
};

export const DEFAULT_ROUTE: Route = 'overview';

export function isRoute(value: string): value is Route {
  return (routes as readonly string[]).includes(value);
}

/** `#/health`, `#health`, `#/Health/`, `#/health?x` → 'health'; anything else → the default screen. */
export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0]?.toLowerCase().trim();
  return name && isRoute(name) ? name : DEFAULT_ROUTE;
}

export function hrefFor(route: Route): string {
  return `#/${route}`;
}

/** Alt+1…Alt+9, then Alt+0 for the tenth, follow the navigation order; the last screens have no digit. */
export function routeForDigit(digit: number): Route | undefined {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) return undefined;
  return routes[digit === 0 ? 9 : digit - 1];
}

/** The digit of a screen's Alt (and Ctrl/Cmd in the desktop menu) shortcut, or null past the tenth. */
export function digitForRoute(route: Route): string | null {
  const index = routes.indexOf(route);
  return index < 0 || index > 9 ? null : String((index + 1) % 10);
}
