/**
 * A backend that watches nothing by itself (the CLI) can still run one service × environment's checks on their own
 * intervals while a drill measures detection; everything else stays quiet, and the scheduler stops with the last
 * caller. A watching monitor (the app) is not changed by it.
 */
import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../shared/workspace';
import { healthOf } from './health-of';
import { ManualClock } from './manual-clock';
import { HealthMonitor } from './monitor';
import { createRegistry } from './registry';
import { migrateHealth } from './store-schema';
import { scriptedKind } from './testing/scripted-kind';

const S = 1_000;
const open: Array<{ monitor: HealthMonitor; db: Database }> = [];
afterEach(async () => {
  for (const { monitor, db } of open.splice(0)) {
    await monitor.stop();
    db.close();
  }
});

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 11, 6, 9, 0, 0));
  const kind = scriptedKind(clock);
  const db = new Database(':memory:');
  migrateHealth(db);
  const monitor = new HealthMonitor({
    db,
    clock,
    registry: createRegistry({ http: kind }),
    random: () => 0.5,
    initialSpreadMs: 1_000,
  });
  open.push({ monitor, db });
  monitor.setWorkspace(
    workspaceSchema.parse({
      version: 1,
      name: 'Shop',
      environments: { staging: {}, production: {} },
      services: {
        checkout: {
          health: [{ id: 'ready', http: 'http://127.0.0.1:9/ready', every: '5s', retries: 1, critical: true }],
        },
        auth: { health: [{ id: 'login', http: 'http://127.0.0.1:9/login', every: '5s' }] },
      },
      alerts: { desktop: false },
    }),
  );
  const runsOf = (checkId: string) => kind.runs.filter((r) => r.checkId === checkId).length;
  return { clock, kind, monitor, runsOf };
}

describe('watching one service × environment (the CLI)', () => {
  it("runs only that pair's checks, on their interval, until the last caller stops", async () => {
    const t = setup();
    await t.clock.advance(30 * S);
    expect(t.kind.runs).toEqual([]); // the CLI watches nothing by itself

    const stopFirst = t.monitor.watchOnly('checkout', 'staging');
    const stopSecond = t.monitor.watchOnly('checkout', 'staging');
    await t.clock.advance(30 * S);
    // Staging only (production's checkout and auth stay quiet), every 5 s after a first run within 1 s.
    const staging = t.kind.runs.length;
    expect(staging).toBeGreaterThanOrEqual(6);
    expect(t.runsOf('login')).toBe(0);
    expect(t.monitor.checks().map((c) => c.key)).toEqual(['checkout/ready@staging']);

    // A failure shows the way it would in the app: retries, then down.
    t.kind.set('ready', { status: 'down', reason: '503 from /ready', latencyMs: 2 });
    await t.clock.advance(15 * S);
    expect(t.monitor.services().find((s) => s.environment === 'staging')?.status).toBe('down');

    stopFirst();
    stopFirst(); // twice is once
    const before = t.kind.runs.length;
    await t.clock.advance(20 * S);
    expect(t.kind.runs.length).toBeGreaterThan(before); // the second caller still watches

    stopSecond();
    await t.clock.advance(0);
    const after = t.kind.runs.length;
    await t.clock.advance(60 * S);
    expect(t.kind.runs.length).toBe(after);
    expect(t.monitor.checks()).toHaveLength(4); // the whole plan is back, not running
  });

  it('changes nothing in a monitor that already watches everything', async () => {
    const t = setup();
    t.monitor.start();
    const stop = t.monitor.watchOnly('checkout', 'staging');
    await t.clock.advance(10 * S);
    expect(t.runsOf('login')).toBeGreaterThan(0);
    stop();
    await t.clock.advance(10 * S);
    const runs = t.kind.runs.length;
    await t.clock.advance(10 * S);
    expect(t.kind.runs.length).toBeGreaterThan(runs);
  });

  it("tells a drill the pair's status and each check's timing and state", async () => {
    const t = setup();
    const stop = t.monitor.watchOnly('checkout', 'staging');
    t.kind.set('ready', { status: 'down', reason: '503 from /ready', latencyMs: 2 });
    await t.clock.advance(20 * S);
    const read = () =>
      healthOf(
        { services: t.monitor.services(), planned: t.monitor.planned(), views: t.monitor.checks() },
        'checkout',
        'staging',
      );
    expect(read()).toMatchObject({
      status: { service: 'checkout', environment: 'staging', status: 'down' },
      checks: [
        {
          checkId: 'ready',
          critical: true,
          everyMs: 5_000,
          retries: 1,
          status: 'down',
          reason: '503 from /ready',
        },
      ],
    });
    stop();
    expect(healthOf({ services: [], planned: [], views: [] }, 'checkout', 'staging')).toEqual({
      status: null,
      checks: [],
    });
  });
});
