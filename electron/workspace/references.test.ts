import { describe, expect, it } from 'vitest';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { parseWorkspaceText } from './parse';

/** A valid workspace with a rollback drill; each case changes one line, so line numbers stay readable. */
const SHOP = [
  'version: 1', // 1
  'name: Shop', // 2
  'environments:', // 3
  '  staging: { hosts: [stg-1] }', // 4
  '  production: { hosts: [web-1], protected: true }', // 5
  'hosts:', // 6
  '  stg-1: { ssh: deploy@stg-1 }', // 7
  '  web-1: { ssh: deploy@web-1 }', // 8
  'services:', // 9
  '  checkout:', // 10
  '    deploy: { strategy: releases, path: /srv/checkout, gate: [ready] }', // 11
  '    health:', // 12
  '      - { id: ready, http: "http://localhost:8080/ready", every: 5s, critical: true }', // 13
  '      - { id: home, http: "http://localhost:8080/", environments: [production] }', // 14
  '    drill:', // 15
  '      environment: staging', // 16
  '      breakRelease: v1.6.0', // 17
  '      watch: [ready]', // 18
  '      targets: { detect: 2m, recover: 5m }', // 19
  '', // 20
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

function columnOf(text: string, line: number, fragment: string): number {
  return (text.split('\n')[line - 1] ?? '').indexOf(fragment) + 1;
}

describe('workspace references: a service’s rollback drill', () => {
  it('accepts a drill that names its environment, its checks and a release to deploy', () => {
    expect(issuesOf(SHOP)).toEqual([]);
  });

  it('an environment that does not exist, with the closest name', () => {
    const text = withLine(16, '      environment: stagin');
    expect(onlyIssue(text)).toMatchObject({
      file: 'cockpit.yaml',
      line: 16,
      column: columnOf(text, 16, 'stagin'),
      path: 'services.checkout.drill.environment',
      message: 'unknown environment "stagin" — did you mean "staging"?',
    });
  });

  it('an environment the service does not run in', () => {
    const text = withLine(10, '  checkout:\n    environments: [production]').replace(
      '      - { id: ready, http: "http://localhost:8080/ready", every: 5s, critical: true }',
      '      - { id: ready, http: "http://localhost:8080/ready", every: 5s, critical: true, environments: [production] }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      line: 17,
      path: 'services.checkout.drill.environment',
      message: 'service checkout does not run in environment "staging": the drill would have no hosts to practise on',
      expected: 'an environment service checkout runs in: production',
    });
  });

  it('a watched check the service does not have', () => {
    const text = withLine(18, '      watch: [ready, redy, homme]');
    const issues = issuesOf(text);
    expect(issues.map((issue) => [issue.line, issue.path, issue.message])).toEqual([
      [18, 'services.checkout.drill.watch.1', 'unknown health check "redy" — did you mean "ready"?'],
      [18, 'services.checkout.drill.watch.2', 'unknown health check "homme" — did you mean "home"?'],
    ]);
    expect(issues[0]?.expected).toBe('a health check defined under services.checkout.health: ready, home');
    expect(issues[0]?.column).toBe(columnOf(text, 18, 'redy'));
  });

  it('a watched check that does not run where the drill practises', () => {
    const text = withLine(18, '      watch: [ready, home]');
    expect(onlyIssue(text)).toMatchObject({
      line: 18,
      column: columnOf(text, 18, 'home'),
      path: 'services.checkout.drill.watch.1',
      message:
        'watched check "home" does not run in environment staging, where the drill practises: it could never notice the failure',
    });
  });

  it('a broken release to deploy, on a service that has no deploy:', () => {
    const text = withLine(11, '    description: no deploys here').replace('gate: [ready]', '');
    expect(onlyIssue(text)).toMatchObject({
      line: 17,
      column: columnOf(text, 17, 'v1.6.0'),
      path: 'services.checkout.drill.breakRelease',
      message: 'breakRelease "v1.6.0" needs a way to deploy it, and service checkout has no "deploy:"',
    });
  });

  it('break: and heal: commands need no deploy:', () => {
    let text = withLine(11, '    description: no deploys here');
    text = withLine(
      17,
      '      break: "sudo systemctl stop checkout"\n      heal: "sudo systemctl start checkout"',
      text,
    );
    expect(issuesOf(text)).toEqual([]);
  });
});
