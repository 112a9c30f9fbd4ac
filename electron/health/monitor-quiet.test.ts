import { Database } from '../journal/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type Alert } from '../../shared/model/health';
import { workspaceSchema } from '../../shared/workspace';
import { type Notifier } from '../alerts/types';
import { ManualClock } from './manual-clock';
import { HealthMonitor } from './monitor';
import { createRegistry } from './registry';
import { migrateHealth } from './store-schema';
import { scriptedKind } from './testing/scripted-kind';

// Local 23:00, so quiet hours (local wall clock) are predictable wherever the test runs.
const LATE = new Date(2026, 0, 5, 23, 0).getTime();
const MIN = 60_000;
const slow = { status: 'degraded', reason: 'slow: 1.6 s (max 800 ms)', latencyMs: 1_600 } as const;

const open: Array<{ monitor: HealthMonitor; db: Database }> = [];
afterEach(async () => {
  for (const { monitor, db } of open.splice(0)) {
    await monitor.stop();
    db.close();
  }
});

/** One service, one check, alerts to a recording notifier; quiet hours from the file and from the app. */
function setup(workspaceQuietHours: string | undefined, appQuietHours: string | null) {
  const clock = new ManualClock(LATE);
  const kind = scriptedKind(clock);
  const db = new Database(':memory:');
  migrateHealth(db);
  const sent: Alert[] = [];
  const notifier: Notifier = { name: 'test', send: async (alert) => void sent.push(alert) };
  const app = { quietHours: appQuietHours };
  const monitor = new HealthMonitor({
    db,
    clock,
    registry: createRegistry({ http: kind }),
    random: () => 0.5,
    initialSpreadMs: 1_000,
    notifiers: [notifier],
    quietHoursOverride: () => app.quietHours,
  });
  open.push({ monitor, db });
  monitor.setWorkspace(
    workspaceSchema.parse({
      version: 1,
      name: 'Quiet',
      environments: { production: {} },
      services: { checkout: { health: [{ id: 'ready', http: 'http://127.0.0.1:9/ready', every: '1m' }] } },
      alerts: { desktop: false, ...(workspaceQuietHours ? { quietHours: workspaceQuietHours } : {}) },
    }),
  );
  monitor.start();
  return { clock, kind, monitor, sent, app };
}

describe('quiet hours set in the app', () => {
  it('hold warnings even when the workspace file sets none', async () => {
    const t = setup(undefined, '22:00-07:00');
    await t.clock.advance(2 * MIN);
    t.kind.set('ready', slow);
    await t.clock.advance(5 * MIN);
    expect(t.monitor.services()[0]?.status).toBe('degraded');
    expect(t.sent).toEqual([]);
    await t.clock.advance(8 * 60 * MIN); // past 07:00
    expect(t.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['degraded true']);
  });

  it("win over the workspace's, and apply at once when changed", async () => {
    const t = setup('22:00-07:00', null);
    await t.clock.advance(2 * MIN);
    t.kind.set('ready', slow);
    await t.clock.advance(5 * MIN);
    expect(t.sent).toEqual([]); // the file's quiet hours hold it

    t.app.quietHours = '12:00-13:00';
    t.monitor.reconfigureAlerts();
    await t.clock.advance(0);
    expect(t.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['degraded true']);

    t.kind.set('ready', { status: 'up', reason: '200 in 3 ms', latencyMs: 3 });
    await t.clock.advance(5 * MIN);
    expect(t.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['degraded true', 'recovered false']);
  });
});
