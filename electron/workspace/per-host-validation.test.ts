import { describe, expect, it } from 'vitest';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { parseWorkspaceText } from './parse';

const BASE = [
  'version: 1', // 1
  'name: Acme Shop', // 2
  'environments:', // 3
  '  staging: { hosts: [stg-1] }', // 4
  '  production: { hosts: [web-1, web-2], vars: { port: 8080 } }', // 5
  'hosts:', // 6
  '  stg-1: { ssh: stg-1, vars: { addr: 10.0.1.5, port: 9000 } }', // 7
  '  web-1: { ssh: web-1, vars: { addr: 10.0.3.5 } }', // 8
  '  web-2: { ssh: web-2, vars: { addr: 10.0.3.6 } }', // 9
  'services:', // 10
  '  api:', // 11
  '    deploy:', // 12
  '      strategy: releases', // 13
  '      path: /srv/api', // 14
  '      gate: [app, ready]', // 15
  '    health:', // 16
  '      - { id: app, http: "http://${addr}:${port}/health" }', // 17
  '      - { id: ready, ssh: { command: "curl -fsS localhost:${port}/health" } }', // 18
  '', // 19
].join('\n');

function issuesOf(text: string): WorkspaceIssue[] {
  return parseWorkspaceText(text, 'cockpit.yaml').issues;
}

function withLine(line: number, replacement: string): string {
  const lines = BASE.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function column(text: string, line: number, fragment: string): number {
  return (text.split('\n')[line - 1] ?? '').indexOf(fragment) + 1;
}

describe('validating per-host checks and gates', () => {
  it('accepts host vars, ${host}, an ssh command check and a gate on them', () => {
    expect(issuesOf(BASE)).toEqual([]);
    const result = parseWorkspaceText(BASE, 'cockpit.yaml');
    expect(result.workspace?.hosts['web-1']?.vars).toEqual({ addr: '10.0.3.5' });
  });

  it('names the host that lacks a var, at the value that uses it', () => {
    const text = withLine(9, '  web-2: { ssh: web-2, vars: { ip: 10.0.3.6 } }');
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      line: 17,
      column: column(text, 17, '"http://'),
      path: 'services.api.health.0.http',
      message: '${addr} is not defined for host web-2 (check "app" of service api runs on each host of production)',
      expected: '"addr" under hosts.web-2.vars, or under environments.production.vars',
    });
  });

  it('says a var in an ssh command is missing where neither host nor environment defines it', () => {
    const text = withLine(7, '  stg-1: { ssh: stg-1, vars: { addr: 10.0.1.5 } }');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [
        17,
        'services.api.health.0.http',
        '${port} is not defined for host stg-1 (check "app" of service api runs on each host of staging)',
      ],
      [
        18,
        'services.api.health.1.ssh.command',
        '${port} is not defined for host stg-1 (check "ready" of service api runs on each host of staging)',
      ],
    ]);
  });

  it('rejects a gate check that does not run in an environment the service deploys to', () => {
    const text = withLine(18, '      - { id: ready, ssh: { command: "true" }, environments: [production] }');
    const issue = issuesOf(text)[0];
    expect(issuesOf(text)).toHaveLength(1);
    expect(issue).toMatchObject({
      line: 15,
      column: column(text, 15, 'ready'),
      path: 'services.api.deploy.gate.1',
      message:
        'gate check "ready" does not run in environment staging, where service api deploys: every deploy there would fail its gate',
    });
  });

  it('rejects a per-host check in an environment without hosts', () => {
    const text = withLine(4, '  staging: {}');
    const issues = issuesOf(text).filter((i) => i.line === 18);
    expect(issues[0]?.message).toBe('check "ready" runs on each host, but environment staging has no hosts');
  });

  it('rejects an ssh check that has both a metric and a command, or neither', () => {
    const both = withLine(18, '      - { id: ready, ssh: { metric: load, command: "true" } }');
    expect(issuesOf(both).map((i) => i.line)).toContain(18);
  });

  it('rejects a quoted placeholder in an ssh command (the engine quotes it already)', () => {
    const text = withLine(18, '      - { id: ready, ssh: { command: "curl -fsS \'localhost:${port}/health\'" } }');
    expect(issuesOf(text).map((i) => [i.line, i.path])).toEqual([[18, 'services.api.health.1.ssh.command']]);
  });
});
