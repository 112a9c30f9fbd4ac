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
