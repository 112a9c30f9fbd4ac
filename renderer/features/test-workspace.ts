/** A small but complete workspace for the unit tests of the screens' row builders, parsed by the real schema. */
import { type Workspace, type WorkspaceInput, workspaceSchema } from '../../shared/workspace';

export const testWorkspaceInput: WorkspaceInput = {
  version: 1,
  name: 'Acme Shop',
  environments: {
    staging: { hosts: ['stg-1'], vars: { domain: 'staging.acme.com' } },
    production: { hosts: ['web-1', 'web-2'], vars: { domain: 'acme.com', replicas: 2 }, protected: true },
  },
  hosts: {
    'stg-1': { ssh: 'deploy@stg-1.acme.internal' },
    'web-1': { ssh: 'web-1' },
    'web-2': { ssh: 'web-2.acme.internal', user: 'deploy', port: 2222 },
    'drill-1': { local: true },
  },
  services: {
    api: {
      description: 'Public HTTP API',
      deploy: {
        strategy: 'releases',
        path: '/srv/api',
        keep: 7,
        build: { run: 'npm ci && npm run build', upload: ['dist'] },
        hooks: { afterSwitch: 'sudo systemctl restart api' },
        gate: ['api-ready'],
      },
      health: [
        {
          id: 'api-ready',
          http: 'https://api.${domain}/health/ready',
          expect: { status: 200, within: '800ms' },
          every: '30s',
          critical: true,
        },
        { id: 'api-cert', tls: 'api.${domain}', warnDays: 21 },
        { id: 'api-port', tcp: 'api.internal:5432', retries: 5 },
        { id: 'api-disk', ssh: { metric: 'disk', max: '85%', path: '/var' } },
      ],
      backups: [
        {
          id: 'orders-db',
          source: { s3: 's3://acme-backups/pg/orders/' },
          rpo: '26h',
          verify: 'pg_restore --list {file}',
          drill: {
            host: 'drill-1',
            restore: 'pg_restore -d scratch {file}',
            checks: ['./smoke'],
            rto: '45m',
            every: '30d',
          },
        },
        { id: 'uploads', source: { dir: '/srv/uploads', host: 'web-1' } },
      ],
    },
    hooks: {
      environments: ['production'],
      deploy: { strategy: 'script', deploy: './deploy ${release}', rollback: './rollback ${release}' },
    },
    docs: { environments: ['staging'] },
  },
  cost: {
    aws: { profile: 'acme-billing' },
    tags: ['env'],
    budgets: [
      { name: 'All of AWS', monthly: '400 USD' },
      { name: 'Production', monthly: '250 USD', filter: { tag: 'env=production' }, alerts: ['forecast 90%'] },
    ],
  },
};

export function testWorkspace(overrides: Partial<WorkspaceInput> = {}): Workspace {
  return workspaceSchema.parse({ ...testWorkspaceInput, ...overrides });
}
