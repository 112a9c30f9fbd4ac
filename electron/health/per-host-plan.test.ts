import { describe, expect, it } from 'vitest';
import { type WorkspaceInput, workspaceSchema } from '../../shared/workspace';
import { checkKey, groupKey, planChecks } from './plan';
import { createRegistry } from './registry';

function workspace(input: Partial<WorkspaceInput>) {
  return workspaceSchema.parse({ version: 1, name: 'Acme', environments: {}, ...input });
}

const ws = workspace({
  environments: {
    staging: { hosts: ['stg-1'], vars: { port: 9000 } },
    production: { hosts: ['web-1', 'web-2', 'web-3'], vars: { domain: 'acme.com' } },
    bare: {},
  },
  hosts: {
    'stg-1': { ssh: 'stg-1', vars: { addr: '10.0.1.5' } },
    'web-1': { ssh: 'web-1', vars: { addr: '10.0.3.5', port: 8080 } },
    'web-2': { ssh: 'web-2', vars: { addr: '10.0.3.6', port: 8081 } },
    'web-3': { ssh: 'web-3', vars: { port: 8082 } },
  },
  services: {
    shop: {
      environments: ['staging', 'production'],
      health: [
        { id: 'site', http: 'https://shop.${domain}/', environments: ['production'] },
        { id: 'app', http: 'http://${addr}:${port}/health' },
        { id: 'named', tcp: '${host}:22', environments: ['production'] },
        { id: 'ready', ssh: { command: 'curl -fsS localhost:${port}/health --user-agent ${ua}' } },
        { id: 'disk', ssh: { metric: 'disk' }, environments: ['production'] },
        { id: 'one', ssh: { command: 'test -f /srv/up', host: 'web-2' }, environments: ['production'] },
      ],
    },
    edge: { environments: ['bare'], health: [{ id: 'ping', tcp: '${host}:443' }] },
  },
});

describe('per-host health check instances', () => {
  const { checks, problems } = planChecks(ws, createRegistry());
  const keysOf = (id: string) => checks.filter((c) => c.checkId === id).map((c) => c.key);

  it('keeps one environment-wide check, under its old key, when nothing in it is per host', () => {
    expect(keysOf('site')).toEqual(['shop/site@production']);
    expect(checks.find((c) => c.checkId === 'site')?.host).toBeUndefined();
    // Host metrics keep their one combined key (and history) per environment.
    expect(keysOf('disk')).toEqual(['shop/disk@production']);
  });

  it('expands a check using a host var into one instance per host, host vars before environment vars', () => {
    expect(keysOf('app')).toEqual(['shop/app@staging#stg-1', 'shop/app@production#web-1', 'shop/app@production#web-2']);
    const urls = checks.filter((c) => c.checkId === 'app').map((c) => ('http' in c.config ? c.config.http : ''));
    // stg-1 has no port of its own: the environment's 9000 fills in.
    expect(urls).toEqual(['http://10.0.1.5:9000/health', 'http://10.0.3.5:8080/health', 'http://10.0.3.6:8081/health']);
    const web1 = checks.find((c) => c.key === 'shop/app@production#web-1');
    expect(web1).toMatchObject({ host: 'web-1', hosts: ['web-1'] });
  });

  it('fills ${host} with the host name as the workspace writes it', () => {
    const targets = checks.filter((c) => c.checkId === 'named').map((c) => ('tcp' in c.config ? c.config.tcp : ''));
    expect(targets).toEqual(['web-1:22', 'web-2:22', 'web-3:22']);
  });

  it('reports a var one host lacks as a problem of that instance only', () => {
    expect(problems.map((p) => p.message)).toContain(
      'shop/app@production#web-3: ${addr} not defined for host "web-3" (neither in its vars nor in environment "production")',
    );
    expect(problems.map((p) => p.message)).toContain(
      'edge/ping@bare: environment "bare" has no hosts to run this per-host check on',
    );
  });

  it('runs an ssh command on each host, the named one only when it names one, with vars quoted', () => {
    const withUa = structuredClone(ws);
    for (const env of Object.values(withUa.environments)) env.vars.ua = "it's me; rm -rf /";
    const planned = planChecks(withUa, createRegistry()).checks;
    const ready = planned.filter((c) => c.checkId === 'ready');
    expect(ready.map((c) => c.key)).toEqual([
      'shop/ready@staging#stg-1',
      'shop/ready@production#web-1',
      'shop/ready@production#web-2',
      'shop/ready@production#web-3',
    ]);
    const command = ready[1]?.config;
    expect(command && 'ssh' in command && 'command' in command.ssh && command.ssh.command).toBe(
      "curl -fsS localhost:8080/health --user-agent 'it'\\''s me; rm -rf /'",
    );
    expect(planned.filter((c) => c.checkId === 'one').map((c) => c.key)).toEqual(['shop/one@production#web-2']);
  });

  it('groups instance keys under their check key', () => {
    expect(checkKey('shop', 'app', 'production', 'web-1')).toBe('shop/app@production#web-1');
    expect(groupKey('shop/app@production#web-1')).toBe('shop/app@production');
    expect(groupKey('shop/site@production')).toBe('shop/site@production');
  });
});
