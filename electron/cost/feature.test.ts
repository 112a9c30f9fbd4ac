/**
 * The cost feature inside the backend: it follows the workspace, meters and journals what it spends, tells windows
 * about new figures, estimates a forced refresh truthfully, exports the review, and — in the background-capable
 * backend only — checks budgets and notifies each threshold once. Over the demo's replayed account (the real SDK,
 * the journal's own migrated tables) at a fixed instant, with budgets chosen so the outcome does not depend on it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Input, type MethodName, type Output, methods } from '../../shared/api';
import { type DeployMarker } from '../../shared/model/markers';
import { type CockpitError } from '../../shared/rpc';
import { type Alert } from '../../shared/model/health';
import {
  type CostExplorerDouble,
  makeRows,
  startCostExplorerDouble,
  testCredentials,
} from '../../test/support/cost-explorer-double';
import { CostCache } from './cache';
import { type CostBackendFeature, type CostMethodName, createCostBackendFeature } from './feature';
import { screenText } from './text';
import { type CostTestContext, createCostTestContext, demoSamples, workspaceYaml } from './testing/backend-context';

const NOW = new Date('2026-11-20T10:00:00Z');
const MONTH = '2026-11';

const BUDGETS = `  tags: [env]
  budgets:
    - { name: All of AWS, monthly: 100 USD }
    - { name: Production, filter: { tag: env=production }, monthly: 5000 USD }`;

let t: CostTestContext | undefined;
let feature: CostBackendFeature | undefined;

afterEach(async () => {
  await feature?.close();
  await t?.close();
  feature = undefined;
  t = undefined;
});

function setup(options: { background?: boolean; slack?: (alert: Alert) => Promise<void> } = {}) {
  t = createCostTestContext({ background: options.background ?? false, now: NOW });
  const slack = options.slack;
  feature = createCostBackendFeature(t.context, {
    checkEveryMs: 3_600_000,
    ...(slack ? { slack: () => ({ name: 'slack', send: slack }) } : {}),
  });
  return { t, feature };
}

function ctx(): CostTestContext {
  if (!t) throw new Error('setup() first');
  return t;
}

function feat(): CostBackendFeature {
  if (!feature) throw new Error('setup() first');
  return feature;
}

/** Calls a handler the way the router does: the input parsed by the contract, defaults applied. */
async function invoke<K extends CostMethodName & MethodName>(name: K, input: Input<K>): Promise<Output<K>> {
  if (!feature) throw new Error('no feature');
  const parsed = methods[name].input.parse(input) as never;
  const handler = feature.handlers[name] as (input: never) => Promise<Output<K>>;
  return handler(parsed);
}

const requests = () => new CostCache(ctx().context.db).apiSpend(MONTH).requests;
const costActions = (kind: string) => ctx().context.journal.list({ limit: 100, kind }).actions;

async function openWorkspace(yaml: string) {
  await ctx().context.workspace.open(ctx().writeWorkspace(yaml));
}

describe('the cost feature follows the workspace', () => {
  it('says what to add when there is no workspace or no cost section, and picks up a cost section once added', async () => {
    setup();
    await expect(invoke('cost.overview', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/No workspace is open/),
    });

    await openWorkspace(workspaceYaml(null));
    await expect(invoke('cost.screen', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no cost section.*Add `cost:`/),
    });

    await openWorkspace(workspaceYaml(BUDGETS));
    expect(
      ctx()
        .eventsOf('cost.updated')
        .map((e) => e.reason),
    ).toEqual(['workspace', 'workspace']);
    const overview = await invoke('cost.overview', {});
    expect(overview.month).toBe(MONTH);
    expect(overview.totalBudget?.name).toBe('All of AWS');
  });

  it('a save that leaves the cost section alone keeps the feature (and its figures) as they are', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    await invoke('cost.overview', {});
    const before = ctx().eventsOf('cost.updated').length;
    await openWorkspace(workspaceYaml(BUDGETS, 'description: renamed'));
    expect(ctx().eventsOf('cost.updated')).toHaveLength(before);
  });

  it('names the problem when the replayed samples cannot be read', async () => {
    setup();
    await openWorkspace(workspaceYaml(null).concat('\ncost:\n  aws: { replay: ./nowhere }\n'));
    await expect(invoke('cost.overview', {})).rejects.toMatchObject({
      code: 'INVALID_WORKSPACE',
      message: expect.stringMatching(/^cost: cannot read the replayed cost samples/),
    });
  });
});

describe('what the cockpit spends on Cost Explorer', () => {
  it('tells windows about new figures; the same view again sends nothing and says nothing', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    const first = await invoke('cost.screen', {});
    const sent = requests();
    expect(sent).toBeGreaterThan(0);
    expect(first.series.keys.length).toBeGreaterThan(5);
    expect(ctx().eventsOf('cost.updated').at(-1)).toMatchObject({ reason: 'refresh', requests: sent });
    // Replayed sample data is free: reading it is not journalled (a forced refresh is, below).
    expect(costActions('cost.refresh')).toEqual([]);

    const events = ctx().events.length;
    await invoke('cost.screen', {});
    await invoke('cost.overview', {});
    expect(requests()).toBe(sent);
    expect(ctx().events).toHaveLength(events);
  });

  it('the Force refresh estimate is what a forced refresh then sends; closed months are not asked again', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    const screen = await invoke('cost.screen', { months: 3 });
    const { forceRefresh } = screen;
    // Two closed months of the chart stay cached: a forced refresh asks for less than the first load did.
    expect(forceRefresh.requests).toBeGreaterThan(0);
    expect(forceRefresh.requests).toBeLessThan(requests());
    expect(forceRefresh).toMatchObject({ replayed: true, cost: '0' });

    const before = requests();
    const forced = await invoke('cost.screen', { months: 3, force: true });
    expect(requests() - before).toBe(forceRefresh.requests);
    expect(forced.forceRefresh.requests).toBe(forceRefresh.requests);
    expect(costActions('cost.refresh').find((a) => a.title.startsWith('Force'))).toMatchObject({
      title: 'Force refresh of cost data (Cost screen)',
      summary: `${forceRefresh.requests} requests · replayed sample data, $0.00`,
    });
  });

  it('exports the review as CSV and Markdown named by month; the second export sends nothing', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    const csv = await invoke('cost.exportReview', { format: 'csv' });
    expect(csv).toMatchObject({ filename: 'aws-cost-review-2026-10.csv', mime: 'text/csv;charset=utf-8' });
    expect(csv.content.split('\r\n')[0]).toBe(
      'section,item,2026-10,2026-09,delta,change %,% of budget,% of total,note',
    );
    const sent = requests();
    const md = await invoke('cost.exportReview', { format: 'md', month: '2026-10' });
    expect(md.filename).toBe('aws-cost-review-2026-10.md');
    expect(md.content).toMatch(/^# AWS cost review — 2026-10/);
    expect(requests()).toBe(sent);
  });

  it('a month Cost Explorer no longer holds is refused before anything is sent, saying which months it holds', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    const sent = requests();
    const error = (await invoke('cost.review', { month: '2024-01' }).catch((e: unknown) => e)) as CockpitError;
    // It used to be sent and refused by AWS (UNAVAILABLE); now nothing leaves the machine.
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/no longer holds 2024-01.*oldest month to review is 2025-10\. Nothing was sent/);
    expect(requests()).toBe(sent);
    await expect(invoke('cost.exportReview', { month: '2025-09', format: 'md' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(requests()).toBe(sent);
    await expect(invoke('cost.review', { month: MONTH })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/has not ended yet/),
    });
  });

  it('puts deploy markers of the chart period on the screen', async () => {
    setup();
    const marker: DeployMarker = {
      at: '2026-11-12T09:30:00Z',
      service: 'checkout',
      environment: 'production',
      kind: 'deploy',
      release: '8b71ff7',
      result: 'healthy',
      label: 'deploy 8b71ff7 by ana',
    };
    const asked: Date[] = [];
    ctx().context.capabilities.deployMarkers = ({ since }) => {
      asked.push(since);
      return [marker];
    };
    await openWorkspace(workspaceYaml(BUDGETS));
    const screen = await invoke('cost.screen', { months: 2 });
    expect(screen.markers).toEqual([marker]);
    expect(asked[0]?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });
});

// The loopback Cost Explorer double stands in for AWS: the feature treats it as a billed account (not replayed).
describe('a billed (not replayed) account served by the Cost Explorer double', () => {
  let double: CostExplorerDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
  });

  it('journals each view that sent requests with what it cost, and nothing for a cached one', async () => {
    double = await startCostExplorerDouble({
      rows: makeRows({ from: '2026-09-01', to: '2026-11-21', services: ['Amazon S3', 'AWS Lambda'], seed: 3, max: 2 }),
      today: '2026-11-20',
    });
    t = createCostTestContext({ background: false, now: NOW });
    feature = createCostBackendFeature(t.context, {
      client: { endpoint: double.endpoint, credentials: testCredentials, maxAttempts: 1 },
    });
    await openWorkspace(
      workspaceYaml(null).concat(
        '\ncost:\n  aws: { profile: billing }\n  budgets:\n    - { name: All, monthly: 100 USD }\n',
      ),
    );

    await invoke('cost.screen', {});
    const sent = double.served();
    expect(sent).toBeGreaterThan(0);
    expect(costActions('cost.refresh')).toMatchObject([
      {
        status: 'succeeded',
        title: 'Refresh of cost data (Cost screen)',
        target: 'AWS profile billing',
        summary: `${sent} requests · $${(sent / 100).toFixed(2)}`,
      },
    ]);
    await invoke('cost.screen', {});
    expect(double.served()).toBe(sent);
    expect(costActions('cost.refresh')).toHaveLength(1);

    // AWS failing behind a forced refresh: journalled as failed, cached figures kept and marked stale.
    double.failNext('*', { type: 'LimitExceededException', message: 'Rate exceeded' }, 50);
    const stale = await invoke('cost.screen', { force: true });
    expect(stale.overview.freshness.stale).toBe(true);
    expect(stale.overview.problems[0]?.kind).toBe('throttled');
    const forced = costActions('cost.refresh').find((a) => a.title.startsWith('Force'));
    expect(forced).toMatchObject({
      status: 'failed',
      summary: expect.stringMatching(/throttling.*Cached figures stay shown/),
    });
  });
});

describe('a failure never reads as zero', () => {
  let double: CostExplorerDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
  });

  async function billed() {
    double = await startCostExplorerDouble({
      rows: makeRows({ from: '2026-09-01', to: '2026-11-21', services: ['Amazon S3', 'AWS Lambda'], seed: 3, max: 2 }),
      today: '2026-11-20',
    });
    t = createCostTestContext({ background: false, now: NOW });
    feature = createCostBackendFeature(t.context, {
      client: { endpoint: double.endpoint, credentials: testCredentials, maxAttempts: 1 },
    });
    await openWorkspace(
      workspaceYaml(null).concat(
        '\ncost:\n  aws: { profile: billing }\n  tags: [env]\n  budgets:\n    - { name: All, monthly: 100 USD }\n',
      ),
    );
    return double;
  }

  it('after AccessDenied the card, the screen, the refresh and the CLI text say "unknown", never 0', async () => {
    const aws = await billed();
    aws.failNext('*', { type: 'AccessDeniedException', message: 'not authorized to perform: ce:GetCostAndUsage' }, 100);

    const overview = await invoke('cost.overview', {});
    expect(overview.monthToDate).toBeNull();
    expect(overview.forecast).toBeNull();
    expect(overview.totalBudget).toMatchObject({ state: 'unknown', overrun: null, forecast: null });
    expect(overview.problems.map((p) => p.kind)).toEqual(['access-denied']);

    const screen = await invoke('cost.screen', {});
    expect(screen.overview.monthToDate).toBeNull();
    expect(screen.overview.problems.map((p) => p.kind)).toEqual(['access-denied']);
    // Nothing known: no days, no movers, no untagged share, no spikes (rather than a row of zeros).
    expect(screen.series.days).toEqual([]);
    expect(screen.movers).toEqual([]);
    expect(screen.untagged).toEqual([]);
    expect(screen.anomalies).toEqual([]);
    expect(screen.budgets.map((b) => b.state)).toEqual(['unknown']);
    const text = screenText(screen, 'Cost Test');
    expect(text).not.toMatch(/0\.0 %|0\.00 USD of/);
    expect(text).toMatch(/Month to date\s+unknown/);
    expect(text).toMatch(/Budget\s+100\.00 USD · used: unknown/);

    await expect(invoke('cost.review', { month: '2026-10' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/ce:GetCostAndUsage/),
    });

    const refreshed = await invoke('cost.refresh', { force: true });
    expect(refreshed.requests).toBe(0);
    expect(refreshed.overview.problems.map((p) => p.kind)).toEqual(['access-denied']);
    expect(refreshed.overview.monthToDate).toBeNull();
    expect(refreshed.anomalies).toEqual([]);
  });

  it('a forced refresh that fails says so and counts only what was answered, keeping the cached figures', async () => {
    const aws = await billed();
    const first = await invoke('cost.refresh', { force: true });
    expect(first.requests).toBe(aws.served());
    expect(first.overview.problems).toEqual([]);

    aws.resetCounts();
    aws.failNext('*', { type: 'LimitExceededException', message: 'Rate exceeded' }, 50);
    const failed = await invoke('cost.refresh', { force: true });
    expect(aws.count()).toBeGreaterThan(0);
    expect(failed.requests).toBe(aws.served());
    expect(failed.requests).toBe(0);
    // Not "everything was fresh": the answer carries the problem and marks the figures stale.
    expect(failed.overview.problems.map((p) => p.kind)).toEqual(['throttled']);
    expect(failed.overview.freshness.stale).toBe(true);
    expect(failed.overview.monthToDate).toBe(first.overview.monthToDate);
  });
});

describe('cost anomalies are alerted once', () => {
  it('a spike this month is notified and journalled on the first refresh, and never again', async () => {
    setup();
    // The demo's account with a runaway week of load balancers running into today (the 14th to the 20th).
    const samples = join(ctx().dir, 'spike-samples');
    mkdirSync(samples);
    const demo = JSON.parse(readFileSync(join(demoSamples, 'account.json'), 'utf8')) as { spikes: unknown[] };
    demo.spikes = [{ service: 'Elastic Load Balancing', monthOffset: 0, fromDay: 14, days: 6, factor: 9 }];
    writeFileSync(join(samples, 'account.json'), JSON.stringify(demo));
    await openWorkspace(
      workspaceYaml(null).concat(
        `\ncost:\n  aws: { replay: ${JSON.stringify(samples)} }\n  budgets:\n    - { name: All, monthly: 5000 USD }\n`,
      ),
    );

    const first = await invoke('cost.refresh', {});
    expect(first.anomalies).toHaveLength(1);
    expect(first.anomalies[0]).toMatchObject({ key: 'Elastic Load Balancing', from: '2026-11-14', ongoing: true });
    expect(ctx().notices).toEqual([
      expect.objectContaining({
        title: 'Cost spike: Elastic Load Balancing',
        body: expect.stringMatching(/^Elastic Load Balancing spent [\d.]+ USD from 14 to 19 Nov, [89]\.\d× its usual/),
        severity: 'warning',
        route: 'cost',
      }),
    ]);

    const again = await invoke('cost.refresh', { force: true });
    expect(again.anomalies).toEqual([]);
    const screen = await invoke('cost.screen', {});
    expect(screen.anomalies.map((a) => a.id)).toEqual([first.anomalies[0]?.id]);
    expect(ctx().notices).toHaveLength(1);
    const journalled = costActions('cost.anomaly');
    expect(journalled).toMatchObject([
      { status: 'succeeded', title: 'Cost spike: Elastic Load Balancing', target: 'Elastic Load Balancing' },
    ]);
    expect(journalled[0]?.summary).toMatch(/Told: desktop\.$/);
  });
});

describe('budget alerts', () => {
  it('the background backend checks at start and notifies each threshold once, desktop and Slack', async () => {
    const sent: Alert[] = [];
    setup({ background: true, slack: async (alert) => void sent.push(alert) });
    await openWorkspace(workspaceYaml(BUDGETS, 'alerts: { slack: { webhook: env:COST_TEST_WEBHOOK } }'));

    await vi.waitFor(() => expect(ctx().notices).toHaveLength(3), { timeout: 10_000 });
    expect(ctx().notices.map((n) => n.title)).toEqual([
      'Budget "All of AWS": actual 80% crossed',
      'Budget "All of AWS": actual 100% crossed',
      'Budget "All of AWS": forecast 100% crossed',
    ]);
    expect(ctx().notices.map((n) => n.severity)).toEqual(['warning', 'critical', 'warning']);
    expect(ctx().notices.every((n) => n.route === 'cost' && /crossed/.test(n.body))).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[0]).toMatchObject({ service: 'AWS cost', environment: 'All of AWS', severity: 'warning' });

    expect(await feat().checkBudgets()).toEqual([]);
    await invoke('cost.screen', { force: true });
    await feat().checkBudgets();
    expect(ctx().notices).toHaveLength(3);
    const journalled = costActions('cost.alert');
    expect(journalled).toHaveLength(3);
    expect(journalled.every((a) => a.status === 'succeeded' && /Told: desktop, Slack\.$/.test(a.summary ?? ''))).toBe(
      true,
    );
  });

  it('a Slack failure is journalled without stopping the desktop notification; alerts.desktop: false is honoured', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setup({
      background: true,
      slack: async () => {
        throw new Error('Slack answered 404 (the webhook may have been revoked) (after 1 attempt)');
      },
    });
    await openWorkspace(
      workspaceYaml(BUDGETS, 'alerts: { desktop: false, slack: { webhook: env:COST_TEST_WEBHOOK } }'),
    );
    await vi.waitFor(() => expect(costActions('cost.alert')).toHaveLength(3), { timeout: 10_000 });
    expect(ctx().notices).toEqual([]);
    expect(costActions('cost.alert')[0]).toMatchObject({
      status: 'failed',
      summary: expect.stringMatching(/Told: nobody.*Slack failed: Slack answered 404/),
    });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/budget alert not sent to Slack: Slack answered 404/));
    logged.mockRestore();
  });

  it('two workspaces with a budget of the same name each alert once (state is kept per workspace file)', async () => {
    setup({ background: false });
    const shop = join(ctx().dir, 'shop');
    const data = join(ctx().dir, 'data');
    for (const dir of [shop, data]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'cockpit.yaml'), workspaceYaml(BUDGETS));
    }
    const titles = () => ctx().notices.map((n) => n.title);
    await ctx().context.workspace.open(join(shop, 'cockpit.yaml'));
    expect((await invoke('cost.refresh', {})).alerts).toHaveLength(3);
    await ctx().context.workspace.open(join(data, 'cockpit.yaml'));
    expect((await invoke('cost.refresh', {})).alerts).toHaveLength(3);
    expect(titles().filter((t) => t === 'Budget "All of AWS": actual 80% crossed')).toHaveLength(2);

    // Back and forth again: each has had its alerts this month.
    await ctx().context.workspace.open(join(shop, 'cockpit.yaml'));
    expect((await invoke('cost.refresh', {})).alerts).toEqual([]);
    await ctx().context.workspace.open(join(data, 'cockpit.yaml'));
    expect(await feat().checkBudgets()).toEqual([]);
    expect(ctx().notices).toHaveLength(6);
  });

  it('the CLI backend (no background) never checks on its own, however much a view fetches', async () => {
    setup({ background: false });
    await openWorkspace(workspaceYaml(BUDGETS));
    await invoke('cost.screen', { force: true });
    await invoke('cost.overview', {});
    expect(ctx().notices).toEqual([]);
    expect(costActions('cost.alert')).toEqual([]);

    // Asked for explicitly, a refresh checks and notifies.
    const refreshed = await invoke('cost.refresh', {});
    expect(refreshed.alerts.map((a) => a.label)).toEqual(['actual 80%', 'actual 100%', 'forecast 100%']);
    expect(ctx().notices).toHaveLength(3);
  });
});

describe('the cache', () => {
  it('drops answers superseded by a new day when a workspace is opened', async () => {
    setup();
    const cache = new CostCache(ctx().context.db);
    const put = (operation: 'GetCostForecast', start: string) => {
      const request = { TimePeriod: { Start: start, End: '2026-12-01' } };
      const key = `test-${start}`;
      cache.put(key, { account: 'a', operation, request, response: {}, fetchedAt: NOW, closed: false, pages: 1 });
      return key;
    };
    const yesterday = put('GetCostForecast', '2026-11-19');
    const today = put('GetCostForecast', '2026-11-20');
    await openWorkspace(workspaceYaml(BUDGETS));
    expect(cache.get(yesterday)).toBeUndefined();
    expect(cache.get(today)).toBeDefined();
  });
});

describe('closing', () => {
  it('stops timers, refuses further calls and waits for the call in flight', async () => {
    // The background timers are created synchronously while the feature is set up: record those, and what is cleared.
    const realSetInterval = globalThis.setInterval;
    const created: unknown[] = [];
    const cleared = new Set<unknown>();
    const makes = vi.spyOn(globalThis, 'setInterval').mockImplementation((...args: Parameters<typeof setInterval>) => {
      const timer = realSetInterval(...args);
      created.push(timer);
      return timer;
    });
    const clearsTimeout = vi.spyOn(globalThis, 'clearTimeout');
    const clearsInterval = vi.spyOn(globalThis, 'clearInterval');
    try {
      setup({ background: true });
      makes.mockRestore();
      // The hourly budget check and the daily prune.
      expect(created).toHaveLength(2);
      await openWorkspace(workspaceYaml(BUDGETS));

      // Forced, so the call is journalled: its action ends when the call's work has ended.
      const pending = invoke('cost.screen', { months: 2, force: true });
      const inFlight = () =>
        costActions('cost.refresh').filter((a) => a.title === 'Force refresh of cost data (Cost screen)');
      expect(inFlight().filter((a) => a.status !== 'running')).toEqual([]);
      await feat().close();
      // close() resolved only once the call in flight had finished: its action is closed, not still running.
      expect(inFlight()).toHaveLength(1);
      expect(inFlight()[0]?.status).not.toBe('running');
      expect(inFlight()[0]?.endedAt).not.toBeNull();
      await pending.catch(() => undefined);

      for (const call of [...clearsTimeout.mock.calls, ...clearsInterval.mock.calls]) cleared.add(call[0]);
      expect(created.filter((timer) => !cleared.has(timer))).toHaveLength(0);
    } finally {
      makes.mockRestore();
      clearsTimeout.mockRestore();
      clearsInterval.mockRestore();
    }
    await expect(invoke('cost.overview', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
