/**
 * Each scorecard item's rules, given the evidence a feature would gather: what is green, amber and red, what the
 * evidence names, and where the fix points. Pure functions only; the features' plumbing is exercised by
 * feature.int.test.ts through a real backend.
 */
import { describe, expect, it } from 'vitest';
import { type BackupStatus } from '../../shared/model/backups';
import { type IncidentStats } from '../../shared/model/incidents';
import { type RollbackDrill } from '../../shared/model/drills';
import { type CommonFailure, type WorkspaceInput, workspaceSchema } from '../../shared/workspace';
import { backupsFreshItem, backupsRestoredItem } from '../backups/readiness';
import { budgetAlertsItem, spendTaggedItem } from '../cost/readiness';
import { hostReleases, previousReleaseItem } from '../deploys/readiness';
import { rollbackPractisedItem, servicePractice } from '../drills/readiness';
import { alertsItem, checkCoverage, criticalChecksItem } from '../health/readiness';
import { incidentFiguresItem, productionWatch } from '../incidents/readiness';
import { hostKeysItem } from './host-keys';
import { hostKeyStates } from '../remote/host-key-pins';
import { type KnownHostEntry } from '../remote/ssh/known-hosts';
import { runbookCoverage, runbooksItem } from '../runbooks/readiness';
import { productionLike, productionProtectedItem } from './workspace-items';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const ready = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  http: 'http://127.0.0.1:1/health',
  ...extra,
});

function shop(overrides: Partial<WorkspaceInput> = {}) {
  return workspaceSchema.parse({
    version: 1,
    name: 'Shop',
    environments: { staging: { hosts: ['stg'] }, production: { hosts: ['web-1', 'web-2'] } },
    hosts: { stg: { local: true }, 'web-1': { local: true }, 'web-2': { local: true } },
    services: {
      checkout: {
        deploy: { strategy: 'releases', path: '~/checkout' },
        health: [ready('checkout-ready', { critical: true })],
      },
      webhooks: { health: [ready('webhooks-ready')] },
      worker: { environments: ['production'] },
    },
    ...overrides,
  });
}

describe('critical-checks', () => {
  it('is green when every production service has a critical check, naming them', () => {
    const workspace = shop({
      services: {
        checkout: { health: [ready('a', { critical: true })] },
        auth: { health: [ready('b', { critical: true })] },
      },
    });
    const found = criticalChecksItem(checkCoverage(workspace));
    expect(found).toMatchObject({ status: 'green', fix: null });
    expect(found.evidence).toContain('checkout and auth');
  });

  it('is amber when a production service is watched but not by a critical check, and points at it', () => {
    const workspace = shop({
      services: { checkout: { health: [ready('a', { critical: true })] }, webhooks: { health: [ready('b')] } },
    });
    const found = criticalChecksItem(checkCoverage(workspace));
    expect(found.status).toBe('amber');
    expect(found.evidence).toContain('webhooks has no critical check');
    expect(found.fix).toEqual({ label: 'Add a critical check to webhooks', route: 'health', id: 'webhooks' });
  });

  it('is red when a production service has no check at all, naming it first', () => {
    const found = criticalChecksItem(checkCoverage(shop()));
    expect(found.status).toBe('red');
    expect(found.evidence).toContain('webhooks and worker have no critical check');
    expect(found.evidence).toContain('worker has no check at all');
    expect(found.fix?.id).toBe('worker');
  });

  it('only counts checks that run in production', () => {
    const workspace = shop({
      services: { checkout: { health: [ready('a', { critical: true, environments: ['staging'] })] } },
    });
    expect(criticalChecksItem(checkCoverage(workspace)).status).toBe('red');
  });
});

describe('alerts-reach-a-person', () => {
  const slack = (ready: boolean) => ({
    reference: 'env:SLACK',
    channel: '#ops',
    ready,
    problem: ready ? null : 'environment variable SLACK is not set',
  });

  it('is green with desktop and a Slack webhook that resolves, and mentions quiet hours', () => {
    const found = alertsItem({ desktop: true, slack: slack(true), quietHours: '22:00-07:00' });
    expect(found.status).toBe('green');
    expect(found.evidence).toContain('Slack to #ops');
    expect(found.evidence).toContain('Quiet hours 22:00-07:00');
  });

  it('is amber with one of the two, saying why Slack cannot send', () => {
    expect(alertsItem({ desktop: true, slack: null, quietHours: null })).toMatchObject({
      status: 'amber',
      fix: { label: 'Add a Slack webhook under alerts: in the workspace', route: 'health' },
    });
    const broken = alertsItem({ desktop: true, slack: slack(false), quietHours: null });
    expect(broken.status).toBe('amber');
    expect(broken.evidence).toContain('environment variable SLACK is not set');
    expect(alertsItem({ desktop: false, slack: slack(true), quietHours: null }).status).toBe('amber');
  });

  it('is red when no alert reaches anyone', () => {
    expect(alertsItem({ desktop: false, slack: null, quietHours: null }).status).toBe('red');
  });
});

describe('rollback-practised', () => {
  const drill = (service: string, status: RollbackDrill['status'], endedAt: string): RollbackDrill =>
    ({ service, environment: 'staging', status, endedAt }) as RollbackDrill;
  const withDrill = shop({
    services: {
      checkout: { drill: { breakRelease: 'v1.6.0' } },
      auth: { drill: { break: 'stop', heal: 'start' } },
    },
  });

  it('is red with "Declare a drill" when no service declares one', () => {
    expect(rollbackPractisedItem(servicePractice(shop(), []), NOW)).toMatchObject({
      status: 'red',
      fix: { label: 'Declare a drill', route: 'drills', id: null },
    });
  });

  it('is green when every declared drill recovered within 90 days (a missed target still counts)', () => {
    const history = [drill('checkout', 'passed', ago(12)), drill('auth', 'missed-target', ago(80))];
    const found = rollbackPractisedItem(servicePractice(withDrill, history), NOW);
    expect(found.status).toBe('green');
    expect(found.evidence).toContain('checkout: last recovered 12 days ago (staging)');
  });

  it('is amber when the last recovery is 91–180 days old, red when a service never recovered', () => {
    const older = [drill('checkout', 'passed', ago(12)), drill('auth', 'passed', ago(120))];
    expect(rollbackPractisedItem(servicePractice(withDrill, older), NOW)).toMatchObject({
      status: 'amber',
      fix: { id: 'auth' },
    });
    const failed = [drill('checkout', 'passed', ago(12)), drill('auth', 'failed', ago(1))];
    const found = rollbackPractisedItem(servicePractice(withDrill, failed), NOW);
    expect(found.status).toBe('red');
    expect(found.evidence).toContain('auth: never recovered in a drill');
  });
});

describe('previous-release-kept', () => {
  const release = (id: string, hosts: string[]) => ({ id, hosts });
  const history = (releases: Array<{ id: string; hosts: string[] }>, unreachable: string[] = []) => ({
    releases: releases.map((r) => ({
      ...r,
      ref: null,
      createdAt: null,
      goodAt: null,
      bad: null,
      currentOn: [],
      label: r.id,
    })),
    unreachable: unreachable.map((host) => ({ host, message: 'timed out' })),
  });

  it('says "not read yet" (amber) for targets the deploys feature has not read, never guessing', () => {
    const found = previousReleaseItem(hostReleases(shop(), () => undefined));
    expect(found.status).toBe('amber');
    expect(found.evidence).toContain('Not read yet: checkout in staging and checkout in production');
  });

  it('is green when every host was read holding two releases or more', () => {
    const read = history([release('v1', ['stg', 'web-1', 'web-2']), release('v2', ['stg', 'web-1', 'web-2'])]);
    expect(previousReleaseItem(hostReleases(shop(), () => read))).toMatchObject({ status: 'green', fix: null });
  });

  it('is red when a host holds only its current release, naming the host', () => {
    const read = history([release('v1', ['stg', 'web-1']), release('v2', ['stg', 'web-1', 'web-2'])]);
    const found = previousReleaseItem(hostReleases(shop(), () => read));
    expect(found.status).toBe('red');
    expect(found.evidence).toContain('web-2 (checkout, production) holds only its current release');
    expect(found.fix).toMatchObject({ route: 'deploys', id: 'checkout' });
  });

  it('counts an unreachable host as not read', () => {
    const read = history([release('v1', ['stg', 'web-1', 'web-2']), release('v2', ['stg', 'web-1'])], ['web-2']);
    expect(previousReleaseItem(hostReleases(shop(), () => read)).status).toBe('amber');
  });

  it('is amber when no service deploys with releases', () => {
    const workspace = shop({ services: { api: { health: [] } } });
    expect(previousReleaseItem(hostReleases(workspace, () => undefined)).status).toBe('amber');
  });
});

describe('backups', () => {
  const HOUR = 3_600_000;
  type Backup = Pick<BackupStatus, 'key' | 'ageMs' | 'rpoMs' | 'drill'>;
  const drilled = (status: 'succeeded' | 'failed', endedAt: string): Backup['drill'] => ({
    host: 'drill',
    rtoTargetMs: 300_000,
    everyMs: 90 * DAY,
    last: { status, endedAt } as NonNullable<NonNullable<Backup['drill']>['last']>,
    dueAt: endedAt,
    overdue: false,
    running: null,
  });
  const backup = (key: string, ageH: number | null, drill: Backup['drill'] = null): Backup => ({
    key,
    ageMs: ageH === null ? null : ageH * HOUR,
    rpoMs: 26 * HOUR,
    drill,
  });

  it('fresh: green within the RPO, red past it (naming age and RPO), amber when not verified yet', () => {
    expect(backupsFreshItem([backup('shop/orders', 5)]).status).toBe('green');
    const stale = backupsFreshItem([backup('shop/orders', 5), backup('shop/uploads', 75)]);
    expect(stale.status).toBe('red');
    expect(stale.evidence).toContain('shop/uploads newest copy 75 h old (RPO 26 h)');
    expect(stale.fix).toMatchObject({ route: 'backups', id: 'shop/uploads' });
    expect(backupsFreshItem([backup('shop/orders', null)]).status).toBe('amber');
    expect(backupsFreshItem([]).status).toBe('red');
  });

  it('restored: green within 90 days, amber older, red never drilled or without a drill', () => {
    expect(backupsRestoredItem([backup('a', 1, drilled('succeeded', ago(10)))], NOW).status).toBe('green');
    expect(backupsRestoredItem([backup('a', 1, drilled('succeeded', ago(100)))], NOW).status).toBe('amber');
    expect(backupsRestoredItem([backup('a', 1, drilled('failed', ago(1)))], NOW).status).toBe('red');
    const none = backupsRestoredItem([backup('a', 1, drilled('succeeded', ago(1))), backup('b', 1)], NOW);
    expect(none.status).toBe('red');
    expect(none.evidence).toContain('b: no restore drill declared');
    expect(none.fix?.label).toBe('Declare a restore drill for b');
  });
});

describe('budget-alerts and spend-tagged', () => {
  const budget = (name: string, alerts: string[] | undefined) =>
    workspaceSchema.shape.cost
      .unwrap()
      .parse({ aws: {}, budgets: [{ name, monthly: '400 USD', ...(alerts ? { alerts } : {}) }] }).budgets[0];

  it('is red "No cloud cost watched" without a cost section, red without budgets', () => {
    expect(budgetAlertsItem(undefined)).toMatchObject({
      status: 'red',
      evidence: expect.stringContaining('No cloud cost watched'),
    });
    expect(budgetAlertsItem({ budgets: [] }).status).toBe('red');
  });

  it('counts 80 % and 100 % of actual or forecast, and amounts as their share', () => {
    const defaults = budget('All', undefined);
    const amounts = budget('Amounts', ['actual 320 USD', 'forecast 400 USD']);
    const short = budget('Short', ['forecast 100%']);
    if (!defaults || !amounts || !short) throw new Error('budgets did not parse');
    expect(budgetAlertsItem({ budgets: [defaults, amounts] }).status).toBe('green');
    const found = budgetAlertsItem({ budgets: [defaults, short] });
    expect(found.status).toBe('amber');
    expect(found.evidence).toBe('Short has no alert at 80 %.');
    expect(budgetAlertsItem({ budgets: [short] }).status).toBe('red');
  });

  it('spend-tagged: green at 90 % or more, amber below or without cached data, red below 75 % or no tag', () => {
    const share = (untagged: number) => ({ tagKey: 'env', untagged, total: 100 });
    expect(spendTaggedItem('2026-11', ['env'], [share(8)]).status).toBe('green');
    expect(spendTaggedItem('2026-11', ['env'], [share(15)])).toMatchObject({
      status: 'amber',
      evidence: 'In 2026-11: 85 % tagged with env; the goal is 90 %.',
    });
    expect(spendTaggedItem('2026-11', ['env'], [share(40)]).status).toBe('red');
    expect(spendTaggedItem('2026-11', ['env'], [null])).toMatchObject({
      status: 'amber',
      evidence: expect.stringContaining('No cost data yet for 2026-11'),
    });
    expect(spendTaggedItem('2026-11', [], []).status).toBe('red');
  });
});

describe('host-keys-pinned', () => {
  const entry = (name: string, marker: KnownHostEntry['marker'] = null): KnownHostEntry => ({
    marker,
    patterns: [name],
    hashed: null,
    keyType: 'ssh-ed25519',
    keyBase64: 'AAAA',
    file: 'known_hosts',
    line: 1,
  });
  const hosts = {
    'web-1': { ssh: 'deploy@web-1.example' },
    'db-1': { ssh: 'deploy@db-1.example', port: 2222 },
    here: { local: true as const },
  };
  const local = { home: '/nonexistent', localUser: 'me' };
  const states = (entries: KnownHostEntry[]) => hostKeyStates(hosts, { entries: () => entries }, [], local);

  it('looks each SSH host up under the name a connection uses; local hosts do not count', () => {
    const found = states([entry('web-1.example')]);
    expect(found).toEqual([
      { host: 'web-1', knownHostsName: 'web-1.example', pinned: true },
      { host: 'db-1', knownHostsName: '[db-1.example]:2222', pinned: false },
    ]);
    const item = hostKeysItem(found);
    expect(item?.status).toBe('amber');
    expect(item?.evidence).toContain('No known key for db-1');
    expect(item?.fix).toMatchObject({ route: 'deploys', id: 'db-1' });
  });

  it('is green when every key is known, red when none is (a revoked key is not pinned), absent without SSH hosts', () => {
    expect(hostKeysItem(states([entry('web-1.example'), entry('[db-1.example]:2222')]))?.status).toBe('green');
    expect(hostKeysItem(states([entry('web-1.example', 'revoked')]))?.status).toBe('red');
    expect(hostKeysItem([])).toBeNull();
  });
});

describe('production-protected', () => {
  it('finds production by name or by a host label, and is red while one is unprotected', () => {
    const workspace = shop({
      environments: { live: { hosts: ['web-1'], protected: false }, production: {}, staging: {} },
      hosts: { 'web-1': { local: true, labels: { env: 'prod' } } },
    });
    const envs = productionLike(workspace);
    expect(envs).toEqual([
      { environment: 'live', protected: false },
      { environment: 'production', protected: true },
    ]);
    expect(productionProtectedItem(envs)).toMatchObject({ status: 'red', fix: { id: 'live', route: 'settings' } });
    expect(productionProtectedItem(envs.filter((e) => e.protected)).status).toBe('green');
    expect(productionProtectedItem([]).status).toBe('amber');
  });
});

describe('runbooks', () => {
  const runbook = (id: string, covers: CommonFailure[]) => ({ id, title: id, service: 'checkout', covers });

  it('counts covers:, and the Roll back button for deploy-rollback when every production service deploys releases', () => {
    const onlyReleases = shop({
      services: { checkout: { deploy: { strategy: 'releases', path: '~/c' } } },
      runbooks: [runbook('db', ['database-connections']), runbook('vendors', ['vendor-contacts'])],
    });
    const found = runbooksItem(runbookCoverage(onlyReleases));
    expect(found.status).toBe('amber');
    expect(found.evidence).toContain('No runbook for an expiring certificate');
    expect(found.evidence).toContain('rolling back a deploy (the Roll back button)');
  });

  it('is green with all four, red with one or none', () => {
    const all = shop({
      runbooks: [runbook('all', ['database-connections', 'certificate-expiry', 'deploy-rollback', 'vendor-contacts'])],
    });
    expect(runbooksItem(runbookCoverage(all)).status).toBe('green');
    expect(runbooksItem(runbookCoverage(shop())).status).toBe('red');
  });
});

describe('incident-figures', () => {
  const stats = (incidents: number, mttdMs: number | null, mttrMs: number | null): IncidentStats => ({
    windowDays: 90,
    incidents,
    mttdMs,
    mttaMs: null,
    mttrMs,
  });
  const watched = shop({ services: { checkout: { health: [ready('a', { critical: true })] } } });

  it('is green "no incident in 90 days" while production is watched', () => {
    expect(incidentFiguresItem(productionWatch(watched), stats(0, null, null))).toMatchObject({
      status: 'green',
      evidence: 'No incident in 90 days; production is watched.',
    });
  });

  it('is green with both figures, amber when one is missing', () => {
    const found = incidentFiguresItem(productionWatch(watched), stats(2, 35_000, 300_000));
    expect(found.status).toBe('green');
    expect(found.evidence).toContain('mean time to detect 35 s, to recover 5 min');
    expect(incidentFiguresItem(productionWatch(watched), stats(1, 35_000, null)).status).toBe('amber');
  });

  it('is red when nothing watches production, amber when only part of it is', () => {
    const unwatched = shop({ services: { checkout: { health: [ready('a', { environments: ['staging'] })] } } });
    expect(incidentFiguresItem(productionWatch(unwatched), stats(0, null, null)).status).toBe('red');
    const partly = incidentFiguresItem(productionWatch(shop()), stats(0, null, null));
    expect(partly.status).toBe('amber');
    expect(partly.evidence).toContain('production is only partly watched (worker has no check there)');
  });
});
