import { describe, expect, it } from 'vitest';
import { backupRows } from './backups/backup-rows';
import { budgetRows, costSource } from './cost/cost-rows';
import { deployRows, servicesWithoutDeploy } from './deploys/deploy-rows';
import { restoreDrillRows } from './drills/drill-rows';
import { healthRows } from './health/health-rows';
import { environmentCards, serviceMatrix, workspaceCounts } from './overview/overview-model';
import { testWorkspace } from './test-workspace';

const ws = testWorkspace();

describe('Overview', () => {
  it('counts what the workspace declares', () => {
    expect(workspaceCounts(ws)).toEqual({ environments: 2, services: 3, hosts: 4, checks: 4, backups: 2, budgets: 2 });
  });

  it('shows each environment with its hosts, how they are reached, protection and variables', () => {
    const [staging, production] = environmentCards(ws);
    expect(staging).toMatchObject({ name: 'staging', protected: false, services: ['api', 'docs'] });
    expect(staging?.hosts).toEqual([{ name: 'stg-1', via: 'deploy@stg-1.acme.internal', declared: true }]);
    expect(production?.protected).toBe(true);
    expect(production?.hosts.map((h) => h.via)).toEqual(['web-1', 'deploy@web-2.acme.internal:2222']);
    expect(production?.vars).toEqual([
      ['domain', 'acme.com'],
      ['replicas', '2'],
    ]);
    expect(production?.services).toEqual(['api', 'hooks']);
  });

  it('marks where each service runs: its own environments, or all of them', () => {
    const matrix = serviceMatrix(ws);
    expect(matrix.environments).toEqual(['staging', 'production']);
    const runs = Object.fromEntries(matrix.rows.map((r) => [r.service, r.cells.map((c) => c.runs)]));
    expect(runs).toEqual({ api: [true, true], hooks: [false, true], docs: [true, false] });
  });
});

describe('Deploys', () => {
  it('lists strategy, path or command, keep, gate and environments with hosts', () => {
    const [api, hooks] = deployRows(ws);
    expect(api).toMatchObject({
      service: 'api',
      strategy: 'releases',
      where: '/srv/api',
      keep: '7',
      gate: ['api-ready'],
    });
    expect(api?.environments).toEqual([
      { name: 'staging', hosts: ['stg-1'], protected: false },
      { name: 'production', hosts: ['web-1', 'web-2'], protected: true },
    ]);
    expect(api?.commands.map((c) => c.label)).toEqual(['build', 'after switch']);
    expect(hooks).toMatchObject({ strategy: 'script', where: './deploy ${release}', keep: '—' });
    expect(hooks?.environments.map((e) => e.name)).toEqual(['production']);
  });

  it('names services that declare no deploy block', () => {
    expect(servicesWithoutDeploy(ws)).toEqual(['docs']);
  });
});

describe('Health', () => {
  it('lists every check with kind, target, interval, retries and criticality', () => {
    const rows = healthRows(ws);
    expect(rows.map((r) => [r.id, r.kind])).toEqual([
      ['api-ready', 'http'],
      ['api-cert', 'tls'],
      ['api-port', 'tcp'],
      ['api-disk', 'ssh'],
    ]);
    expect(rows[0]).toMatchObject({
      target: 'GET https://api.${domain}/health/ready',
      expects: 'status 200, within 800 ms',
      every: '30 s',
      retries: 2,
      critical: true,
      environments: ['staging', 'production'],
    });
    expect(rows[1]?.expects).toBe('certificate valid for more than 21 days');
    expect(rows[2]?.retries).toBe(5);
    expect(rows[3]).toMatchObject({ target: 'ssh disk /var', expects: 'at most 85%' });
  });
});

describe('Cost', () => {
  it('says where spend is read from', () => {
    expect(costSource(ws)).toMatchObject({ label: 'AWS profile "acme-billing"', region: 'us-east-1', replay: null });
    const replay = testWorkspace({ cost: { aws: { replay: './cost-samples' } } });
    expect(costSource(replay)?.label).toMatch(/Recorded Cost Explorer answers/);
  });

  it('lists budgets with amount, scope and thresholds (defaults included)', () => {
    const [all, prod] = budgetRows(ws);
    expect(all?.scope).toBe('all spend');
    expect(all?.amount).toMatch(/400/);
    expect(all?.thresholds).toEqual(['actual 80%', 'actual 100%', 'forecast 100%']);
    expect(prod).toMatchObject({ scope: 'tag env=production', thresholds: ['forecast 90%'] });
  });

  it('has nothing to show when the workspace declares no cost block', () => {
    const none = testWorkspace({ cost: undefined });
    expect(costSource(none)).toBeNull();
    expect(budgetRows(none)).toEqual([]);
  });
});

describe('Backups and drills', () => {
  it('lists each backup with source, RPO, verify command, drill target and RTO', () => {
    const [orders, uploads] = backupRows(ws);
    expect(orders).toMatchObject({
      id: 'orders-db',
      sourceKind: 's3',
      source: 's3://acme-backups/pg/orders/',
      rpo: '26 h',
      verify: 'pg_restore --list {file}',
      drillHost: 'drill-1',
      rto: '45 min',
      drillEvery: '30 d',
    });
    expect(uploads).toMatchObject({
      sourceKind: 'dir',
      source: 'web-1:/srv/uploads',
      verify: null,
      drillHost: null,
      rto: null,
    });
  });

  it('lists restore drills', () => {
    expect(restoreDrillRows(ws)).toEqual([
      {
        service: 'api',
        backup: 'orders-db',
        host: 'drill-1',
        restore: 'pg_restore -d scratch {file}',
        checks: ['./smoke'],
        teardown: null,
        rto: '45 min',
        every: '30 d',
      },
    ]);
  });
});
