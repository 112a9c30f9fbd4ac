/** Durations in the workspace file: every one has a ceiling, said at file:line:column when crossed. */
import { describe, expect, it } from 'vitest';
import { duration, interval, timeout } from '../../shared/workspace/units';
import { parseWorkspaceText } from './parse';

const DAY = 86_400_000;

const FILE = `version: 1
name: Acme
environments:
  production: { hosts: [web-1] }
hosts:
  web-1: { ssh: web-1 }
services:
  api:
    deploy: { strategy: script, deploy: ./deploy, rollback: ./rollback, stepTimeout: 10m }
`;

describe('duration ceilings', () => {
  it('takes a step or check timeout up to a day, a timer interval up to 24 days, a calendar period up to a year', () => {
    expect(timeout.parse('1d')).toBe(DAY);
    expect(timeout.safeParse('25h').success).toBe(false);
    expect(interval.parse('24d')).toBe(24 * DAY);
    expect(interval.safeParse('25d').success).toBe(false);
    expect(duration.parse('366d')).toBe(366 * DAY);
    expect(duration.safeParse('367d').success).toBe(false);
  });

  it('refuses `stepTimeout: 25d` where it is written, saying the most it may be', () => {
    const text = FILE.replace('stepTimeout: 10m', 'stepTimeout: 25d');
    const issues = parseWorkspaceText(text, 'cockpit.yaml').issues;
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'cockpit.yaml',
        line: 9,
        column: (text.split('\n')[8] ?? '').indexOf('25d') + 1,
        path: 'services.api.deploy.stepTimeout',
        expected: 'a duration of at most 1d',
      }),
    ]);
    expect(parseWorkspaceText(FILE, 'cockpit.yaml').issues).toEqual([]);
  });
});
