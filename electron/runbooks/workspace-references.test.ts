import { describe, expect, it } from 'vitest';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { parseWorkspaceText } from '../workspace/parse';

/** A valid workspace with a runbook; each case changes one line, so line numbers stay readable. */
const SHOP = [
  'version: 1', // 1
  'name: Shop', // 2
  'environments:', // 3
  '  staging: { hosts: [stg-1], vars: { port: 7104 } }', // 4
  '  production: { hosts: [web-1], vars: { port: 7204 } }', // 5
  'hosts:', // 6
  '  stg-1: { ssh: deploy@stg-1 }', // 7
  '  web-1: { ssh: deploy@web-1 }', // 8
  'services:', // 9
  '  worker:', // 10
  '    environments: [production]', // 11
  '    health:', // 12
  '      - { id: live, http: "http://localhost:${port}/live" }', // 13
  'runbooks:', // 14
  '  - id: restart-worker', // 15
  '    title: Restart the worker', // 16
  '    service: worker', // 17
  '    for: [live]', // 18
  '    steps:', // 19
  '      - run: curl -fsS -X POST http://127.0.0.1:${port}/heal', // 20
  '      - confirm: Go on?', // 21
  '      - gate: [live]', // 22
  '', // 23
].join('\n');

function issuesOf(text: string): WorkspaceIssue[] {
  return parseWorkspaceText(text, 'cockpit.yaml').issues;
}

function onlyIssue(text: string): WorkspaceIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0] as WorkspaceIssue;
}

function withLine(line: number, replacement: string, text = SHOP): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('workspace references: runbooks', () => {
  it('accepts a runbook whose service, checks and placeholders exist', () => {
    expect(issuesOf(SHOP)).toEqual([]);
  });

  it('a service that does not exist, with the closest name', () => {
    expect(onlyIssue(withLine(17, '    service: workr'))).toMatchObject({
      line: 17,
      path: 'runbooks.0.service',
      message: 'unknown service "workr" — did you mean "worker"?',
    });
  });

  it('a check in `for` or in a gate that is not one of the service’s', () => {
    expect(onlyIssue(withLine(18, '    for: [lve]'))).toMatchObject({
      line: 18,
      path: 'runbooks.0.for.0',
      message: 'unknown health check "lve" — did you mean "live"?',
      expected: 'a health check defined under services.worker.health: live',
    });
    expect(onlyIssue(withLine(22, '      - gate: [ready]'))).toMatchObject({
      line: 22,
      path: 'runbooks.0.steps.2.gate.0',
      message: 'unknown health check "ready"',
    });
  });

  it('an environment the service does not run in', () => {
    const text = withLine(18, '    environments: [staging]');
    expect(onlyIssue(text)).toMatchObject({
      line: 18,
      path: 'runbooks.0.environments.0',
      message: 'service worker does not run in environment "staging": the runbook would have no hosts there',
    });
  });

  it('a placeholder no environment it runs in defines, or one quoted by the author', () => {
    expect(onlyIssue(withLine(20, '      - run: rm -rf ${cache_dir}'))).toMatchObject({
      line: 20,
      path: 'runbooks.0.steps.0.run',
      message:
        '${cache_dir} is not defined in environment production, where runbook restart-worker may run: the runbook would stop before running anything',
    });
    expect(onlyIssue(withLine(20, '      - run: echo "${host}"'))).toMatchObject({
      line: 20,
      message: expect.stringContaining('${host} is quoted in the command'),
    });
  });

  it('two runbooks with one id', () => {
    const text = `${SHOP}  - { id: restart-worker, title: Again, service: worker }\n`;
    expect(onlyIssue(text)).toMatchObject({
      line: 23,
      path: 'runbooks.1.id',
      message: 'duplicate runbook id "restart-worker" (first used on line 15)',
    });
  });
});
