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

const SEC = 1_000;
const MIN = 60 * SEC;
// The check below: every 5 s (5 s apart while failing too), retries 1, timeout 10 s.
const DETECTION_MS = 5 * SEC + 1 * 5 * SEC + 10 * SEC;
const failing = { status: 'down', reason: '503 Service Unavailable', latencyMs: 4 } as const;
const passing = { status: 'up', reason: '200 in 3 ms', latencyMs: 3 } as const;

const open: Array<{ monitor: HealthMonitor; db: Database }> = [];
afterEach(async () => {
  for (const { monitor, db } of open.splice(0)) {
    await monitor.stop();
    db.close();
  }
});

/** checkout in production with one critical check, as the demo has it; alerts to a recording notifier. */
function setup() {
  // Midday, so no quiet hours anywhere matter.
  const clock = new ManualClock(new Date(2026, 0, 5, 12, 0).getTime());
  const kind = scriptedKind(clock);
  const db = new Database(':memory:');
  migrateHealth(db);
  const sent: Alert[] = [];
  const notifier: Notifier = { name: 'test', send: async (alert) => void sent.push(alert) };
  const monitor = new HealthMonitor({
    db,
    clock,
    registry: createRegistry({ http: kind }),
    random: () => 0.5,
    initialSpreadMs: 1_000,
    notifiers: [notifier],
  });
  open.push({ monitor, db });
  monitor.setWorkspace(
    workspaceSchema.parse({
      version: 1,
      name: 'Flaps',
      environments: { production: {} },
      services: {
        checkout: {
          health: [{ id: 'ready', http: 'http://127.0.0.1:9/ready', every: '5s', retries: 1, critical: true }],
        },
      },
      alerts: { desktop: false },
    }),
  );
  monitor.start();
  const status = () => monitor.services()[0];
  return {
    clock,
    monitor,
    sent,
    status,
    kinds: () => sent.map((a) => a.kind),
    async breakFor(ms: number) {
      kind.set('ready', failing);
      await clock.advance(ms);
    },
    async healFor(ms: number) {
      kind.set('ready', passing);
      await clock.advance(ms);
    },
  };
}

describe('flap suppression never hides a state that lasts', () => {
  it('break → heal → break that stays down: one "down (after flapping)", within the check\'s detection time', async () => {
    const t = setup();
    await t.healFor(30 * SEC);
    // Two short outages make checkout flap (4 status changes within 10 minutes)…
    await t.breakFor(15 * SEC);
    await t.healFor(10 * SEC);
    await t.breakFor(15 * SEC);
    await t.healFor(10 * SEC);
    expect(t.status()?.flapping).toBe(true);
    expect(t.kinds()).toEqual(['down', 'recovered', 'down', 'flapping']);

    // …then it breaks for real and stays down.
    const told = t.sent.length;
    await t.breakFor(10 * SEC);
    expect(t.status()?.status).toBe('down');
    const downSince = t.status()?.since ?? 0;
    expect(t.sent).toHaveLength(told); // a blip, so far: suppression merges it
    await t.clock.advance(5 * MIN);

    const after = t.sent.slice(told);
    expect(after.map((a) => [a.kind, a.severity, a.title])).toEqual([
      ['down', 'critical', 'checkout (production) is down (after flapping)'],
    ]);
    // Not before the hold, and never later than the critical check's own detection time.
    expect(after[0]?.at).toBe(downSince + DETECTION_MS);
    expect(after[0]?.body).toBe('checkout: /ready: 503 Service Unavailable for 20 s');

    // It settles while still down: no second "down". Healing sends one "recovered".
    await t.clock.advance(10 * MIN);
    expect(t.status()?.flapping).toBe(false);
    expect(t.sent).toHaveLength(told + 1);
    await t.healFor(MIN);
    expect(t.sent.slice(told).map((a) => a.kind)).toEqual(['down', 'recovered']);
    expect(t.sent.at(-1)?.reason).toMatch(/^checkout is up again after \d+ min \(was down\)$/);
  });

  it('a true flap gets one "flapping" notice and no storm', async () => {
    const t = setup();
    await t.healFor(30 * SEC);
    for (let i = 0; i < 20; i++) {
      await t.breakFor(15 * SEC); // down for 5–10 s of each cycle: shorter than its detection time
      await t.healFor(10 * SEC);
    }
    expect(t.kinds()).toEqual(['down', 'recovered', 'down', 'flapping']);
  });

  it('a down that heals within its detection time while flapping sends nothing more', async () => {
    const t = setup();
    await t.healFor(30 * SEC);
    await t.breakFor(15 * SEC);
    await t.healFor(10 * SEC);
    await t.breakFor(15 * SEC);
    await t.healFor(10 * SEC);
    expect(t.kinds()).toEqual(['down', 'recovered', 'down', 'flapping']);
    await t.breakFor(15 * SEC);
    expect(t.status()?.status).toBe('down');
    await t.healFor(10 * MIN); // stable again: it was told down, it is up, so one "recovered"
    expect(t.kinds()).toEqual(['down', 'recovered', 'down', 'flapping', 'recovered']);
  });
});
