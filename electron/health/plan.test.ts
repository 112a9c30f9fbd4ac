import { describe, expect, it } from 'vitest';
import { type WorkspaceInput, workspaceSchema } from '../../shared/workspace';
import { planChecks } from './plan';
import { createRegistry } from './registry';
import { substituteVars } from './vars';

function workspace(input: Partial<WorkspaceInput>) {
  return workspaceSchema.parse({ version: 1, name: 'Acme', environments: {}, ...input });
}

describe('${var} substitution', () => {
  it('fills in every string and reports what is not defined', () => {
    const { value, missing } = substituteVars(
      { http: 'https://api.${domain}/health', expect: { body: '${env_name}', json: { path: 'x', equals: 1 } } },
      { domain: 'acme.com' },
    );
    expect(value).toEqual({
      http: 'https://api.acme.com/health',
      expect: { body: '${env_name}', json: { path: 'x', equals: 1 } },
    });
    expect(missing).toEqual(['env_name']);
  });

  it('leaves $${x} as a literal ${x}', () => {
    expect(substituteVars('cost $${x} in ${y}', { y: 'z' }).value).toBe('cost ${x} in z');
  });
});

describe('planning checks from the workspace', () => {
  const ws = workspace({
    environments: {
      staging: { hosts: ['stg-1'], vars: { domain: 'staging.acme.com' } },
      production: { hosts: ['web-1', 'web-2'], vars: { domain: 'acme.com' } },
      empty: {},
    },
    hosts: { 'stg-1': { ssh: 'stg-1' }, 'web-1': { ssh: 'web-1' }, 'web-2': { ssh: 'web-2' } },
    services: {
      checkout: {
        environments: ['staging', 'production'],
        health: [
          { id: 'ready', http: 'https://shop.${domain}/health/ready', critical: true, every: '30s' },
          { id: 'disk', ssh: { metric: 'disk', path: '/' }, environments: ['production', 'empty'] },
          { id: 'cert', tls: 'shop.${region}.${domain}' },
          { id: 'base', http: '${base}/health', environments: ['production'] },
        ],
      },
    },
  });

  it('makes one check per environment, with variables filled in and the failing interval settled', () => {
    const { checks } = planChecks(ws, createRegistry());
    const ready = checks.filter((c) => c.checkId === 'ready');
    expect(ready.map((c) => c.key)).toEqual(['checkout/ready@staging', 'checkout/ready@production']);
    expect(ready[1]).toMatchObject({
      subject: '/health/ready',
      critical: true,
      everyMs: 30_000,
      everyFailingMs: 10_000,
      timeoutMs: 10_000,
      retries: 2,
    });
    const config = ready[1]?.config;
    expect(config && 'http' in config && config.http).toBe('https://shop.acme.com/health/ready');
    expect(checks.find((c) => c.key === 'checkout/disk@production')?.hosts).toEqual(['web-1', 'web-2']);
  });

  it('reports, in words, the checks it cannot plan', () => {
    const { problems } = planChecks(ws, createRegistry());
    expect(problems.map((p) => p.message)).toEqual([
      'checkout/disk@empty: environment "empty" has no hosts to read metrics from',
      'checkout/cert@staging: ${region} not defined in environment "staging"',
      'checkout/cert@production: ${region} not defined in environment "production"',
      'checkout/base@production: ${base} not defined in environment "production"',
    ]);
    const withBase = structuredClone(ws);
    withBase.environments.production = {
      hosts: ['web-1', 'web-2'],
      protected: false,
      vars: { domain: 'acme.com', base: 'ftp://files.acme.com' },
    };
    expect(planChecks(withBase, createRegistry()).problems.at(-1)?.message).toBe(
      'checkout/base@production: "ftp://files.acme.com/health" is not an http(s) URL (in environment "production")',
    );
  });
});
