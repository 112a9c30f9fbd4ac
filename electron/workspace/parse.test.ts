import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { parseWorkspaceText } from './parse';

/** A valid workspace; each malformed case changes one thing in it, so line numbers stay readable. */
const ACME = [
  'version: 1', // 1
  'name: Acme Shop', // 2
  'environments:', // 3
  '  staging: { hosts: [stg-1], vars: { domain: staging.acme.com } }', // 4
  '  production: { hosts: [web-1, web-2], vars: { domain: acme.com }, protected: true }', // 5
  'hosts:', // 6
  '  stg-1: { ssh: deploy@stg-1.acme.internal }', // 7
  '  web-1: { ssh: web-1 }', // 8
  '  web-2: { ssh: web-2 }', // 9
  'services:', // 10
  '  api:', // 11
  '    deploy:', // 12
  '      strategy: releases', // 13
  '      path: /srv/api', // 14
  '      gate: [api-ready]', // 15
  '    health:', // 16
  '      - { id: api-ready, http: "https://api.${domain}/health/ready", every: 30s, critical: true }', // 17
  '  web:', // 18
  '    health:', // 19
  '      - { id: web-home, http: "https://${domain}/" }', // 20
  '  worker:', // 21
  '    environments: [production]', // 22
  'cost:', // 23
  '  aws: { profile: acme-billing }', // 24
  '  budgets:', // 25
  '    - { name: All of AWS, monthly: 400 USD }', // 26
  '', // 27
].join('\n');

function issuesOf(text: string): WorkspaceIssue[] {
  return parseWorkspaceText(text, 'cockpit.yaml').issues;
}

/** The single issue a file has (failing loudly, with all of them, when there are more or none). */
function onlyIssue(text: string): WorkspaceIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0] as WorkspaceIssue;
}

/** Line `line` of `text`, 1-based, with the column where `fragment` starts on it. */
function at(text: string, line: number, fragment: string): { line: number; column: number } {
  const content = text.split('\n')[line - 1] ?? '';
  const index = content.indexOf(fragment);
  if (index < 0) throw new Error(`"${fragment}" is not on line ${line}: ${content}`);
  return { line, column: index + 1 };
}

/** Replaces one line of ACME (1-based), keeping every other line where it was. */
function withLine(line: number, replacement: string, text = ACME): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('parseWorkspaceText: valid files', () => {
  it('accepts the Acme example and applies defaults', () => {
    const result = parseWorkspaceText(ACME, 'cockpit.yaml');
    expect(result.issues).toEqual([]);
    const workspace = result.workspace;
    expect(workspace?.name).toBe('Acme Shop');
    expect(Object.keys(workspace?.environments ?? {})).toEqual(['staging', 'production']);
    expect(workspace?.environments.production?.protected).toBe(true);
    expect(workspace?.services.api?.health[0]).toMatchObject({ id: 'api-ready', every: 30_000, retries: 2 });
    expect(workspace?.services.api?.deploy).toMatchObject({ strategy: 'releases', keep: 5, gate: ['api-ready'] });
    expect(workspace?.cost?.budgets[0]?.monthly).toEqual({ amount: '400', currency: 'USD' });
  });

  it('protects an environment named production (any case) unless the file says protected: false', () => {
    const text = [
      'version: 1',
      'name: Defaults',
      'environments:',
      '  staging: {}',
      '  Production: {}',
      '  production-eu: {}',
      '  qa: { protected: true }',
      'hosts: {}',
      '',
    ].join('\n');
    const envs = parseWorkspaceText(text, 'cockpit.yaml').workspace?.environments;
    expect(Object.entries(envs ?? {}).map(([name, env]) => [name, env.protected])).toEqual([
      ['staging', false],
      ['Production', true],
      ['production-eu', false],
      ['qa', true],
    ]);
    const optedOut = parseWorkspaceText(
      withLine(5, '  production: { hosts: [web-1, web-2], vars: { domain: acme.com }, protected: false }'),
      'x',
    );
    expect(optedOut.issues).toEqual([]);
    expect(optedOut.workspace?.environments.production?.protected).toBe(false);
    const unsaid = parseWorkspaceText(
      withLine(5, '  production: { hosts: [web-1, web-2], vars: { domain: acme.com } }'),
      'x',
    );
    expect(unsaid.workspace?.environments.production?.protected).toBe(true);
  });

  it('validates the built-in demo workspace', () => {
    const path = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));
    const result = parseWorkspaceText(readFileSync(path, 'utf8'), path);
    expect(result.issues).toEqual([]);
    expect(result.workspace?.name).toBe('Demo Shop');
    expect(Object.keys(result.workspace?.environments ?? {})).toEqual(['staging', 'production']);
    expect(result.workspace?.environments.production?.protected).toBe(true);
    expect(Object.keys(result.workspace?.services ?? {})).toEqual(['checkout', 'auth', 'webhooks', 'worker']);
    expect(Object.values(result.workspace?.hosts ?? {}).every((host) => host.local === true)).toBe(true);
    expect(result.workspace?.cost?.budgets.map((b) => [b.name, b.monthly.amount])).toEqual([
      ['All of AWS', '400'],
      ['Production', '250'],
    ]);
  });

  it('accepts env: and keychain: references where secrets would go, a BOM, and YAML anchors with merge keys', () => {
    const text = [
      '\uFEFFversion: 1',
      'name: Refs',
      'environments: { prod: { hosts: [a] } }',
      'hosts: { a: { ssh: deploy@a } }',
      'x-check: &check { every: 1m, retries: 1 }',
    ].join('\n');
    // `x-check` is not a workspace key; the anchor trick needs it, so this file is expected to fail on it alone.
    expect(issuesOf(text).map((i) => i.path)).toEqual(['x-check']);

    const merged = [
      'version: 1',
      'name: Refs',
      'environments: { prod: { hosts: [a] } }',
      'hosts: { a: { ssh: deploy@a } }',
      'services:',
      '  api:',
      '    health:',
      '      - &ready { id: ready, http: "http://a/ready", every: 1m }',
      '      - { <<: *ready, id: live, http: "http://a/live" }',
      'alerts: { slack: { webhook: env:COCKPIT_SLACK_WEBHOOK } }',
    ].join('\n');
    const result = parseWorkspaceText(merged, 'cockpit.yaml');
    expect(result.issues).toEqual([]);
    expect(result.workspace?.services.api?.health[1]).toMatchObject({ id: 'live', every: 60_000 });
  });
});

describe('parseWorkspaceText: YAML syntax', () => {
  it('bad indentation names the line where the mapping goes wrong', () => {
    const text = withLine(14, '     path: /srv/api');
    const issue = onlyIssue(text);
    expect(issue.message).toMatch(/^bad indentation/);
    expect(issue).toMatchObject({ file: 'cockpit.yaml', ...at(text, 14, ''), path: 'services.api.deploy.path' });
  });

  it('an unclosed quote is reported at the opening quote, not at the end of the file', () => {
    const text = withLine(2, 'name: "Acme Shop');
    const issue = onlyIssue(text);
    expect(issue.message).toBe('unclosed quote: the " opened here is never closed');
    expect(issue).toMatchObject({ ...at(text, 2, '"Acme'), path: 'name' });
  });

  it('a tab used for indentation', () => {
    const text = withLine(13, '\t\tstrategy: releases');
    const issue = onlyIssue(text);
    expect(issue.message).toBe('a tab is used for indentation; YAML allows only spaces');
    expect(issue.expected).toBe('spaces (2 per level)');
    expect(issue).toMatchObject({ line: 13, column: 1, path: 'services.api.deploy.strategy' });
  });

  it('duplicate service names point at the second one and name the first', () => {
    const text = withLine(18, '  api:');
    const issue = onlyIssue(text);
    expect(issue.message).toBe('duplicate key "api" in services (first defined on line 11)');
    expect(issue).toMatchObject({ ...at(text, 18, 'api'), path: 'services.api' });
  });

  it('an empty file and a file of comments say so at line 1', () => {
    expect(onlyIssue('')).toMatchObject({ line: 1, column: 1, path: '', message: 'the file is empty' });
    expect(onlyIssue('# to do\n')).toMatchObject({ line: 1, column: 1, message: 'the file holds only comments' });
  });

  it('a top level that is not a mapping', () => {
    const issue = onlyIssue('- version: 1\n');
    expect(issue).toMatchObject({ line: 1, column: 1, path: '', message: 'the top level is a list' });
  });
});

describe('parseWorkspaceText: the schema', () => {
  it('wrong types say what was found and what was expected', () => {
    const text = withLine(2, 'name: [Acme, Shop]');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 2, '['),
      path: 'name',
      message: 'wrong type: found a list',
      expected: 'text',
    });
  });

  it('a list where a mapping belongs', () => {
    const text = withLine(22, '    environments: production');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 22, 'production'),
      path: 'services.worker.environments',
      message: 'wrong type: found text "production"',
      expected: 'a list',
    });
  });

  it('an unknown top-level key suggests the closest and lists the allowed ones', () => {
    const text = withLine(3, 'enviroments:');
    const issues = issuesOf(text);
    const unknown = issues.find((i) => i.path === 'enviroments');
    expect(unknown).toMatchObject({
      line: 3,
      column: 1,
      message: 'unknown key "enviroments" — did you mean "environments"?',
    });
    expect(unknown?.expected).toBe(
      'one of: version, name, description, environments, hosts, services, cost, alerts, runbooks, readiness',
    );
    // And the real key is then missing: reported at the top-level mapping.
    expect(issues.find((i) => i.path === 'environments')).toMatchObject({
      line: 1,
      column: 1,
      message: 'missing required field "environments"',
    });
  });

  it('a kebab-case key is answered with its camelCase name', () => {
    const text = withLine(
      17,
      '      - { id: api-ready, http: "https://api.${domain}/health/ready", every-failing: 10s }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 17, 'every-failing'),
      path: 'services.api.health.0.every-failing',
      message: 'unknown key "every-failing" — did you mean "everyFailing"?',
    });
    expect(issue.expected).toContain('everyFailing');
  });

  it('a misspelt health check kind is recognised as unknown key of a check', () => {
    const text = withLine(20, '      - { id: web-home, htp: "https://${domain}/" }');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.message)).toContain('unknown key "htp" — did you mean "http"?');
    expect(issues.find((i) => i.message.startsWith('unknown key'))).toMatchObject({
      ...at(text, 20, 'htp'),
      path: 'services.web.health.0.htp',
    });
  });

  it('a check of no recognisable kind says which kinds there are', () => {
    const text = withLine(20, '      - { id: web-home, every: 1m }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 20, '{ id'),
      path: 'services.web.health.0',
      message: 'does not match any of the allowed forms',
      expected: 'a check with one of http, tcp, tls, ssh or prometheus',
    });
  });

  it('a missing required field points at the mapping that lacks it', () => {
    const text = withLine(14, '      keep: 3');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 13, 'strategy'),
      path: 'services.api.deploy.path',
      message: 'missing required field "path"',
    });
  });

  it('a missing name', () => {
    const text = withLine(2, '# no name');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ line: 1, column: 1, path: 'name', message: 'missing required field "name"' });
  });

  it('an unknown deploy strategy suggests the closest one', () => {
    const text = withLine(13, '      strategy: relases');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 13, 'relases'),
      path: 'services.api.deploy.strategy',
      message: 'invalid value "relases" — did you mean "releases"?',
      expected: '"strategy: releases" or "strategy: script"',
    });
  });

  it('a newer version is refused without complaining about the rest', () => {
    const text = withLine(1, 'version: 2').replace('name: Acme Shop', 'title: Acme Shop');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 1, '2'),
      path: 'version',
      message: 'version 2 is newer than this Cockpit understands',
      expected: 'version: 1',
    });
  });

  it('a version that is not a number', () => {
    const text = withLine(1, 'version: "one"');
    expect(onlyIssue(text)).toMatchObject({
      ...at(text, 1, '"one"'),
      path: 'version',
      message: 'unsupported version text "one"',
    });
  });

  it('a bad duration', () => {
    const text = withLine(
      17,
      '      - { id: api-ready, http: "https://api.${domain}/health/ready", every: 5 minutes }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 17, '5 minutes'),
      path: 'services.api.health.0.every',
      message: 'invalid value "5 minutes"',
      expected: 'a duration such as "30s", "5m", "26h" or "90d"',
    });
  });

  it('bad money', () => {
    const text = withLine(26, '    - { name: All of AWS, monthly: four hundred }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 26, 'four hundred'),
      path: 'cost.budgets.0.monthly',
      message: 'invalid value "four hundred"',
      expected: 'an amount with a currency such as "400 USD"',
    });
  });

  it('a host with neither ssh nor local', () => {
    const text = withLine(9, '  web-2: { port: 22 }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 9, '{'),
      path: 'hosts.web-2',
      message: 'a host needs exactly one of "ssh: user@host" or "local: true"',
    });
  });

  it('an invalid name as a key', () => {
    const text = withLine(21, '  back office:');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 21, 'back office'),
      path: 'services.back office',
      message: 'invalid name "back office"',
    });
    expect(issue.expected).toMatch(/^a name of letters, digits/);
  });

  it('collects every issue, sorted by line', () => {
    let text = withLine(2, 'name: 42');
    text = withLine(14, '      path: srv/api', text);
    text = withLine(26, '    - { name: All of AWS, monthly: lots }', text);
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'name'],
      [14, 'services.api.deploy.path'],
      [26, 'cost.budgets.0.monthly'],
    ]);
    expect(issues[1]?.expected).toBe('an absolute path on the host, such as /srv/api or ~/apps/api');
  });
});

describe('parseWorkspaceText: references between parts of the file', () => {
  it('a dangling host reference in an environment', () => {
    const text = withLine(5, '  production: { hosts: [web-1, web-3], vars: { domain: acme.com }, protected: true }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 5, 'web-3'),
      path: 'environments.production.hosts.1',
      message: 'unknown host "web-3" — did you mean "web-1"?',
      expected: 'a host defined under hosts: stg-1, web-1, web-2',
    });
  });

  it('a dangling gate id', () => {
    const text = withLine(15, '      gate: [api-redy]');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 15, 'api-redy'),
      path: 'services.api.deploy.gate.0',
      message: 'unknown health check "api-redy" — did you mean "api-ready"?',
      expected: 'a health check defined under services.api.health: api-ready',
    });
  });

  it('a service in an environment that does not exist', () => {
    const text = withLine(22, '    environments: [prod]');
    expect(onlyIssue(text)).toMatchObject({
      ...at(text, 22, 'prod'),
      path: 'services.worker.environments.0',
      message: 'unknown environment "prod" — did you mean "production"?',
    });
  });

  it('duplicate health check ids within a service', () => {
    const text = withLine(
      20,
      '      - { id: web-home, http: "https://${domain}/" }\n      - { id: web-home, http: "https://${domain}/x" }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      line: 21,
      column: at(text, 21, 'web-home').column,
      path: 'services.web.health.1.id',
      message: 'duplicate health check id "web-home" in service web (first used on line 20)',
    });
  });

  it('a drill on a host that does not exist', () => {
    const text = withLine(
      22,
      '    environments: [production]\n    backups:\n      - { id: jobs, source: { command: "ls /b" }, drill: { host: drill-1, restore: "x" } }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 24, 'drill-1'),
      path: 'services.worker.backups.0.drill.host',
      message: 'unknown host "drill-1"',
    });
  });

  it('a ${var} missing from one environment the service runs in', () => {
    const text = withLine(4, '  staging: { hosts: [stg-1], vars: { domian: staging.acme.com } }');
    const issues = issuesOf(text);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({
      ...at(text, 17, '"https://api'),
      path: 'services.api.health.0.http',
      message: '${domain} is not defined in the vars of environment staging (service api runs there)',
      expected: '"domain" under environments.staging.vars',
    });
    expect(issues[1]).toMatchObject({ ...at(text, 20, '"https'), path: 'services.web.health.0.http' });
  });

  it('a ${var} is only needed where the service runs', () => {
    // worker runs in production only; staging lacking `queue` is fine.
    let text = withLine(
      5,
      '  production: { hosts: [web-1, web-2], vars: { domain: acme.com, queue: q.acme.com }, protected: true }',
    );
    text = withLine(22, '    environments: [production]\n    health:\n      - { id: q, tcp: "${queue}:5672" }', text);
    expect(issuesOf(text)).toEqual([]);
  });
});

describe('parseWorkspaceText: secrets', () => {
  it('a pasted private key', () => {
    const key = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
    const text = withLine(
      9,
      `  web-2:\n    ssh: web-2\n    identityFile: |\n      -----BEGIN OPENSSH PRIVATE KEY-----\n      ${key}\n      -----END OPENSSH PRIVATE KEY-----`,
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ ...at(text, 11, '|'), path: 'hosts.web-2.identityFile' });
    expect(issue.message).toBe('looks like a pasted private key ("----…"); secrets must not be in the workspace file');
    expect(issue.hint).toContain('ssh-agent');
    expect(issue.hint).toContain('identityFile: ~/.ssh/id_ed25519');
    expect(JSON.stringify(issue)).not.toContain(key);
  });

  it('an AWS access key and its secret', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = withLine(24, `  aws: { accessKeyId: AKIAIOSFODNN7EXAMPLE, secretAccessKey: ${secret} }`);
    const issues = issuesOf(text);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({
      ...at(text, 24, 'AKIA'),
      path: 'cost.aws.accessKeyId',
      message: 'looks like an AWS access key id ("AKIA…"); secrets must not be in the workspace file',
    });
    expect(issues[1]).toMatchObject({
      ...at(text, 24, 'wJal'),
      path: 'cost.aws.secretAccessKey',
      message: 'looks like an AWS secret access key ("wJal…"); secrets must not be in the workspace file',
    });
    for (const issue of issues) expect(issue.hint).toContain('cost.aws.profile');
    expect(JSON.stringify(issues)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.stringify(issues)).not.toContain(secret);
  });

  it('a Slack webhook URL (and no second complaint that echoes it)', () => {
    const url = 'https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/cccccccccccccccccccccccc';
    const text = `${ACME}alerts:\n  slack: { webhook: "${url}" }\n`;
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 28, '"https'),
      path: 'alerts.slack.webhook',
      message:
        'looks like a Slack webhook URL ("https://hooks.slack.com/…"); secrets must not be in the workspace file',
    });
    expect(issue.hint).toContain('env:COCKPIT_SLACK_WEBHOOK');
    expect(issue.hint).toContain('keychain:slack');
    expect(JSON.stringify(issue)).not.toContain('cccccccc');
  });

  it('a password in a URL', () => {
    const text = withLine(20, '      - { id: web-home, http: "https://admin:hunter22@${domain}/" }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 20, '"https'),
      path: 'services.web.health.0.http',
      message:
        'looks like a URL with a password in it (https://admin:****@${domain}); secrets must not be in the workspace file',
    });
    expect(JSON.stringify(issue)).not.toContain('hunter22');
  });

  it('a literal password under a key named like one; env: and keychain: references are fine', () => {
    const text = withLine(
      4,
      '  staging: { hosts: [stg-1], vars: { domain: staging.acme.com, db_password: s3cretpass } }',
    );
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({
      ...at(text, 4, 's3cretpass'),
      path: 'environments.staging.vars.db_password',
      message: 'looks like a literal db_password ("s3cr…"); secrets must not be in the workspace file',
    });
    const fine = withLine(
      4,
      '  staging: { hosts: [stg-1], vars: { domain: staging.acme.com, db_password: "env:DB_PASSWORD", api_token: keychain:api } }',
    );
    expect(issuesOf(fine)).toEqual([]);
  });

  it('are reported even when the YAML syntax is broken', () => {
    let text = withLine(13, '\t\tstrategy: releases');
    text = `${text}alerts:\n  slack: { webhook: "https://hooks.slack.com/services/T0/B0/abcdefgh" }\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.path, i.message.split(';')[0]])).toEqual([
      [13, 'services.api.deploy.strategy', 'a tab is used for indentation'],
      [28, 'alerts.slack.webhook', 'looks like a Slack webhook URL ("https://hooks.slack.com/…")'],
    ]);
  });

  it('GitHub tokens and bearer tokens in commands', () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    const text = withLine(
      14,
      `      path: /srv/api\n      build: { run: "git clone https://${token}@github.com/acme/api", upload: [dist] }\n      restart: "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30' http://localhost/restart"`,
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.path, i.message.split(';')[0]])).toEqual([
      [15, 'services.api.deploy.build.run', 'looks like a GitHub token ("ghp_…")'],
      [16, 'services.api.deploy.restart', 'looks like a bearer token ("eyJh…")'],
    ]);
    expect(JSON.stringify(issues)).not.toContain(token);
  });
});
