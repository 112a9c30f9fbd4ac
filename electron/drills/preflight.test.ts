/**
 * The drill's choices before anything runs: which environment, which checks, and whether a host's release is the
 * broken one (the deploy engine's ids end with the release's name).
 */
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../shared/workspace';
import { drillEnvironment, isRelease, watchedChecks } from './preflight';

const check = (checkId: string, critical: boolean) => ({
  checkId,
  critical,
  everyMs: 1000,
  everyFailingMs: 1000,
  retries: 0,
  timeoutMs: 1000,
});

describe('the preflight', () => {
  it('practises on drill.environment, else staging, else the first unprotected environment', () => {
    const ws = workspaceSchema.parse({
      version: 1,
      name: 'x',
      environments: { production: { hosts: [] }, qa: { hosts: [] }, staging: { hosts: [] } },
      services: { a: {}, b: { environments: ['production', 'qa'] }, c: { environments: ['production'] } },
    });
    const service = (name: string) => {
      const found = ws.services[name];
      if (!found) throw new Error(name);
      return found;
    };
    const drill = { passes: 3, targets: { detect: 1, recover: 1 }, detectTimeout: 1, notify: false };
    expect(drillEnvironment(ws, service('a'), { ...drill, environment: 'qa' })).toBe('qa');
    expect(drillEnvironment(ws, service('a'), drill)).toBe('staging');
    expect(drillEnvironment(ws, service('b'), drill)).toBe('qa');
    expect(drillEnvironment(ws, service('c'), drill)).toBeNull();
  });

  it('watches the named checks, else the critical ones, else all', () => {
    const all = [check('ready', true), check('home', false)];
    expect(watchedChecks(all, ['home', 'nope'])).toEqual({ checks: [all[1]], missing: ['nope'] });
    expect(watchedChecks(all, undefined).checks.map((c) => c.checkId)).toEqual(['ready']);
    expect(watchedChecks([check('home', false)], undefined).checks.map((c) => c.checkId)).toEqual(['home']);
  });

  it('knows a release by its name inside a deploy-engine id', () => {
    expect(isRelease('20261206T120000Z-v1.6.0', 'v1.6.0')).toBe(true);
    expect(isRelease('v1.6.0', 'v1.6.0')).toBe(true);
    expect(isRelease('20261206T120000Z-v1.4.0', 'v1.6.0')).toBe(false);
    expect(isRelease(null, 'v1.6.0')).toBe(false);
  });
});
