/**
 * The cost feature inside the backend: it follows the workspace, meters and journals what it spends, tells windows
 * about new figures, estimates a forced refresh truthfully, exports the review, and — in the background-capable
 * backend only — checks budgets and notifies each threshold once. Over the demo's replayed account (the real SDK,
 * the journal's own migrated tables) at a fixed instant, with budgets chosen so the outcome does not depend on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { type CostTestContext, createCostTestContext, workspaceYaml } from './testing/backend-context';

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
    expect(csv.content.split('\r\n')[0]).toBe('section,item,2026-10,2026-09,delta,change %,note');
    const sent = requests();
    const md = await invoke('cost.exportReview', { format: 'md', month: '2026-10' });
    expect(md.filename).toBe('aws-cost-review-2026-10.md');
    expect(md.content).toMatch(/^# AWS cost review — 2026-10/);
    expect(requests()).toBe(sent);
  });

  it('a review AWS refuses says what to do, in the message itself (IPC keeps only the message)', async () => {
    setup();
    await openWorkspace(workspaceYaml(BUDGETS));
    const error = (await invoke('cost.review', { month: '2024-01' }).catch((e: unknown) => e)) as CockpitError;
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/Cost Explorer refused the request: .*13 months.* please report it/);
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
