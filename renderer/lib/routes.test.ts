import { describe, expect, it } from 'vitest';
import { digitForRoute, hrefFor, parseRoute, routeForDigit, routeTitles, routes } from './routes';

describe('hash routes', () => {
  it('lists the screens in navigation order', () => {
    expect(routes.map((r) => routeTitles[r])).toEqual([
      'Overview',
      'Deploys',
      'Health',
      'Cost',
      'Backups',
      'Drills',
      'Incidents',
      'Runbooks',
      'Timeline',
      'Readiness',
      'Activity',
      'Settings',
    ]);
  });

  it.each([
    ['#/health', 'health'],
    ['#health', 'health'],
    ['#/Activity/', 'activity'],
    ['#/cost?month=2025-02', 'cost'],
    ['#/settings/theme', 'settings'],
    ['#/incidents/inc-42', 'incidents'],
  ])('%s → %s', (hash, route) => {
    expect(parseRoute(hash)).toBe(route);
  });

  it('falls back to the overview for empty or unknown hashes', () => {
    expect(parseRoute('')).toBe('overview');
    expect(parseRoute('#/')).toBe('overview');
    expect(parseRoute('#/nope')).toBe('overview');
    expect(parseRoute('#main')).toBe('overview');
  });

  it('round-trips every route through its href', () => {
    for (const route of routes) expect(parseRoute(hrefFor(route))).toBe(route);
  });

  it('maps Alt+digits to screens', () => {
    expect(routeForDigit(1)).toBe('overview');
    expect(routeForDigit(7)).toBe('incidents');
    expect(routeForDigit(8)).toBe('runbooks');
    expect(routeForDigit(9)).toBe('timeline');
    expect(routeForDigit(0)).toBe('readiness');
    expect(routeForDigit(10)).toBeUndefined();
    expect(digitForRoute('readiness')).toBe('0');
    expect(digitForRoute('settings')).toBeNull();
  });
});
