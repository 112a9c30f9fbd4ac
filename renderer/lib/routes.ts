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

/** Alt+1…Alt+9 follow the navigation order. */
export function routeForDigit(digit: number): Route | undefined {
  return routes[digit - 1];
}
