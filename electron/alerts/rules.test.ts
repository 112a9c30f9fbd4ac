import { describe, expect, it } from 'vitest';
import { type Alert, type HealthStatus, type ServiceHealth } from '../../shared/model/health';
import { ManualClock } from '../health/manual-clock';
import { AlertEngine } from './rules';
import { type Notifier } from './types';

const MIN = 60_000;
// Local 20:00, so quiet hours (local wall clock) are predictable wherever the test runs.
const EVENING = new Date(2026, 0, 5, 20, 0).getTime();

function service(status: HealthStatus, overrides: Partial<ServiceHealth> = {}): ServiceHealth {
  const reasons: Record<HealthStatus, string> = {
    down: 'checkout: /health/ready 503 for 1 min',
    degraded: 'checkout: /health/ready slow: 1.6 s (max 800 ms) for 1 min',
    up: 'all 2 checks passing',
    unknown: 'not checked yet',
  };
  return {
    service: 'checkout',
    environment: 'production',
    status,
    reason: reasons[status],
    since: null,
    flapping: false,
    checks: [],
    ...overrides,
  };
}

function setup(
  options: {
    quietHours?: string;
    start?: number;
    failing?: boolean;
    practice?: { drillId: string; notify: boolean } | null;
    flapHoldMs?: number;
  } = {},
) {
  const clock = new ManualClock(options.start ?? EVENING);
  const sent: Alert[] = [];
  const errors: string[] = [];
  const notifier: Notifier = {
    name: 'test',
    async send(alert) {
      if (options.failing) throw new Error('no network');
      sent.push(alert);
    },
  };
  const engine = new AlertEngine({
    notifiers: [notifier],
    clock,
    quietHours: options.quietHours,
    recentDeploy: (svc, env) =>
      svc === 'checkout' && env === 'production'
        ? { at: clock.now() - 12 * MIN, release: '8b71ff7', by: 'ana' }
        : undefined,
    onError: (name, error) => errors.push(`${name}: ${(error as Error).message}`),
    practice: (svc, env) => (svc === 'checkout' && env === 'production' ? (options.practice ?? null) : null),
    flapHold: () => options.flapHoldMs ?? null,
  });
  return { clock, engine, sent, errors, notifier };
}

describe('alert rules', () => {
  it('alerts once when a service goes down, naming what failed and the last deploy', async () => {
    const t = setup();
    await t.engine.onServiceChange(service('up'));
    expect(t.sent).toEqual([]); // learning the first status is not news
    await t.engine.onServiceChange(service('down', { since: EVENING }));
    await t.engine.onServiceChange(service('down', { since: EVENING }));
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({
      kind: 'down',
      severity: 'critical',
      title: 'checkout (production) is down',
      body: 'checkout: /health/ready 503 for 1 min\nLast deploy 12 min ago: 8b71ff7 by ana',
      recentChange: 'last deploy 12 min ago: 8b71ff7 by ana',
    });
  });

  it('sends one "recovered" message, and only after a failure was told', async () => {
    const t = setup();
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('degraded', { since: EVENING }));
    await t.clock.advance(7 * MIN);
    await t.engine.onServiceChange(service('down', { since: EVENING }));
    await t.clock.advance(3 * MIN);
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('up'));
    expect(t.sent.map((a) => [a.kind, a.severity])).toEqual([
      ['degraded', 'warning'],
      ['down', 'critical'],
      ['recovered', 'info'],
    ]);
    expect(t.sent[2]).toMatchObject({
      title: 'checkout (production) recovered',
      reason: 'checkout is up again after 10 min (was down)',
    });
  });

  it('pauses while a service flaps: one notice, then the settled status if it changed', async () => {
    const t = setup();
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down'));
    await t.engine.onServiceChange(service('up', { flapping: true }));
    await t.engine.onServiceChange(service('down', { flapping: true }));
    await t.engine.onServiceChange(service('up', { flapping: true }));
    expect(t.sent.map((a) => a.kind)).toEqual(['down', 'flapping']);
    await t.engine.onServiceChange(service('up'));
    expect(t.sent.map((a) => a.kind)).toEqual(['down', 'flapping', 'recovered']);
  });

  it('holds warnings during quiet hours and sends them when the window ends; critical never waits', async () => {
    const t = setup({ quietHours: '22:00-07:00', start: new Date(2026, 0, 5, 23, 0).getTime() });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('degraded'));
    await t.engine.onServiceChange(service('up', { service: 'auth', reason: 'ok' }));
    await t.engine.onServiceChange(service('down', { service: 'auth', reason: 'auth: /login 502' }));
    expect(t.sent.map((a) => `${a.service} ${a.kind}`)).toEqual(['auth down']);
    // 07:00 the next morning
    await t.clock.advance(8 * 60 * MIN);
    expect(t.sent.map((a) => `${a.service} ${a.kind} ${a.delayed}`)).toEqual([
      'auth down false',
      'checkout degraded true',
    ]);
  });

  it('folds a failure and its recovery during quiet hours into one morning message', async () => {
    const t = setup({ quietHours: '22:00-07:00', start: new Date(2026, 0, 5, 23, 0).getTime() });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('degraded'));
    await t.clock.advance(30 * MIN);
    await t.engine.onServiceChange(service('up'));
    await t.clock.advance(8 * 60 * MIN);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({ kind: 'recovered', delayed: true });
    expect(t.sent[0]?.body).toContain('During quiet hours: checkout: /health/ready slow');
  });

  it("follows quiet hours changed while alerts wait: released now, or at the new window's end", async () => {
    const t = setup({ quietHours: '22:00-07:00', start: new Date(2026, 0, 5, 23, 0).getTime() });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('degraded'));
    t.engine.configure({ notifiers: [t.notifier], quietHours: '22:00-01:00' });
    await t.clock.advance(60 * MIN); // 00:00: still quiet under the new window
    expect(t.sent).toEqual([]);
    await t.clock.advance(60 * MIN); // 01:00: the new window ended, six hours before the old one would have
    expect(t.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['degraded true']);

    const u = setup({ quietHours: '22:00-07:00', start: new Date(2026, 0, 5, 23, 0).getTime() });
    await u.engine.onServiceChange(service('up'));
    await u.engine.onServiceChange(service('degraded'));
    u.engine.configure({ notifiers: [u.notifier], quietHours: undefined });
    await u.clock.advance(0);
    expect(u.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['degraded true']);
    await u.clock.advance(8 * 60 * MIN);
    expect(u.sent).toHaveLength(1);
  });

  it('reports a notifier failure without stopping the rules', async () => {
    const t = setup({ failing: true });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down'));
    expect(t.errors).toEqual(['test: no network']);
    expect(t.engine.history().map((a) => a.kind)).toEqual(['down']);
  });

  it('records a practice alert without telling anyone when the drill keeps quiet', async () => {
    const t = setup({ practice: { drillId: 'drill-1', notify: false }, quietHours: '22:00-07:00' });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down', { since: EVENING }));
    await t.engine.onServiceChange(service('up', { service: 'auth' }));
    await t.engine.onServiceChange(service('down', { service: 'auth', reason: 'auth: /login 502' }));
    expect(t.sent.map((a) => a.service)).toEqual(['auth']); // the real one still goes out
    expect(t.engine.history().map((a) => [a.service, a.title, a.practice])).toEqual([
      ['checkout', 'checkout (production) is down', { drillId: 'drill-1', delivered: false }],
      ['auth', 'auth (production) is down', undefined],
    ]);
  });

  it('sends a practice alert marked "Practice:" when the drill asks for it', async () => {
    const t = setup({ practice: { drillId: 'drill-2', notify: true } });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down', { since: EVENING }));
    await t.engine.onServiceChange(service('up'));
    expect(t.sent.map((a) => [a.title, a.practice?.delivered])).toEqual([
      ['Practice: checkout (production) is down', true],
      ['Practice: checkout (production) recovered', true],
    ]);
  });
});

describe('flap suppression never hides a state that lasts', () => {
  const SEC = 1_000;
  // The checks' detection time: every 5 s + 1 retry × 5 s + a 10 s timeout.
  const HOLD = 20 * SEC;

  /** Down, up, down, up: flapping from here on, with one notice. */
  async function flapping(t: ReturnType<typeof setup>) {
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down', { since: t.clock.now() }));
    await t.clock.advance(10 * SEC);
    await t.engine.onServiceChange(service('up', { since: t.clock.now() }));
    await t.clock.advance(10 * SEC);
    await t.engine.onServiceChange(service('down', { since: t.clock.now() }));
    await t.clock.advance(10 * SEC);
    await t.engine.onServiceChange(service('up', { since: t.clock.now(), flapping: true }));
    expect(t.sent.map((a) => a.kind)).toEqual(['down', 'recovered', 'down', 'flapping']);
    expect(t.sent[3]?.reason).toBe(
      'its status keeps changing; until it is stable, only a status that lasts is told. Now: all 2 checks passing',
    );
  }

  it('tells a down that outlasts its hold once, "after flapping", and its recovery once', async () => {
    const t = setup({ flapHoldMs: HOLD });
    await flapping(t);
    await t.clock.advance(5 * SEC);
    const brokeAt = t.clock.now();
    await t.engine.onServiceChange(service('down', { since: brokeAt, flapping: true }));
    await t.clock.advance(HOLD - 1);
    expect(t.sent).toHaveLength(4); // not before its hold: until then it may still be a blip
    await t.clock.advance(1);
    expect(t.sent.slice(4)).toMatchObject([
      {
        kind: 'down',
        severity: 'critical',
        afterFlapping: true,
        title: 'checkout (production) is down (after flapping)',
        at: brokeAt + HOLD,
      },
    ]);
    // Settling while still down says nothing new; the recovery is told once.
    await t.clock.advance(5 * MIN);
    await t.engine.onServiceChange(service('down', { since: brokeAt }));
    await t.clock.advance(MIN);
    await t.engine.onServiceChange(service('up', { since: t.clock.now() }));
    await t.engine.onServiceChange(service('up', { since: t.clock.now() }));
    expect(t.sent.slice(4).map((a) => a.kind)).toEqual(['down', 'recovered']);
    expect(t.sent.at(-1)?.reason).toBe('checkout is up again after 6 min (was down)');
    await t.engine.close();
  });

  it('tells a recovery that lasts while still flapping, and nothing more when it settles', async () => {
    const t = setup({ flapHoldMs: HOLD });
    await flapping(t);
    await t.clock.advance(5 * SEC);
    await t.engine.onServiceChange(service('down', { since: t.clock.now(), flapping: true }));
    await t.clock.advance(HOLD);
    await t.engine.onServiceChange(service('up', { since: t.clock.now(), flapping: true }));
    await t.clock.advance(HOLD);
    expect(t.sent.slice(4).map((a) => [a.kind, a.title])).toEqual([
      ['down', 'checkout (production) is down (after flapping)'],
      ['recovered', 'checkout (production) recovered'],
    ]);
    await t.clock.advance(5 * MIN);
    await t.engine.onServiceChange(service('up'));
    expect(t.sent).toHaveLength(6);
    await t.engine.close();
  });

  it('keeps a true flap to its one notice: no storm', async () => {
    const t = setup({ flapHoldMs: HOLD });
    await flapping(t);
    for (let i = 0; i < 30; i++) {
      await t.clock.advance(8 * SEC);
      await t.engine.onServiceChange(service('down', { since: t.clock.now() - 5 * SEC, flapping: true }));
      await t.clock.advance(10 * SEC);
      await t.engine.onServiceChange(service('up', { since: t.clock.now(), flapping: true }));
    }
    expect(t.sent.map((a) => a.kind)).toEqual(['down', 'recovered', 'down', 'flapping']);
    await t.engine.close();
    expect(t.clock.pending).toBe(0);
  });

  it('sends nothing more for a down that heals within its hold while flapping', async () => {
    const t = setup({ flapHoldMs: HOLD });
    await flapping(t);
    await t.engine.onServiceChange(service('degraded', { since: t.clock.now(), flapping: true }));
    await t.clock.advance(HOLD - SEC);
    await t.engine.onServiceChange(service('down', { since: t.clock.now() - SEC, flapping: true }));
    await t.clock.advance(HOLD - 2 * SEC);
    await t.engine.onServiceChange(service('up', { since: t.clock.now(), flapping: true }));
    await t.clock.advance(HOLD / 2);
    expect(t.sent).toHaveLength(4);
    await t.engine.close();
  });

  it('never keeps a critical check silent past its detection time: a down that began long ago is told at once', async () => {
    const t = setup({ flapHoldMs: HOLD });
    await flapping(t);
    // Its critical check has failed for a minute (the service was degraded by another check meanwhile).
    await t.engine.onServiceChange(service('down', { since: t.clock.now() - MIN, flapping: true }));
    await t.clock.advance(0);
    expect(t.sent.slice(4).map((a) => [a.title, a.at])).toEqual([
      ['checkout (production) is down (after flapping)', t.clock.now()],
    ]);
    await t.engine.close();
  });

  it('does not hold a lasting down for quiet hours: it is critical', async () => {
    const t = setup({ flapHoldMs: HOLD, quietHours: '22:00-07:00', start: new Date(2026, 0, 5, 23, 0).getTime() });
    await t.engine.onServiceChange(service('up'));
    await t.engine.onServiceChange(service('down', { flapping: true, since: t.clock.now() }));
    await t.clock.advance(HOLD);
    expect(t.sent.map((a) => `${a.kind} ${a.delayed}`)).toEqual(['down false']); // the notice waits for 07:00
    expect(t.sent[0]?.title).toBe('checkout (production) is down (after flapping)');
    await t.engine.close();
  });
});
