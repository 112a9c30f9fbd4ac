/**
 * What the drill hears from health: only its own service × environment, a down status or a down alert, and passes
 * in a row counted once per run of each watched check after "Roll back now".
 */
import { describe, expect, it } from 'vitest';
import { type CheckView } from '../../shared/model/health';
import { type EventMessage } from '../../shared/rpc';
import { DrillHealthWatch } from './watch';

function sample(at: number, views: Array<Partial<CheckView> & { checkId: string; lastRunAt: number }>): EventMessage {
  return {
    event: 'health.sample',
    payload: {
      at,
      checks: views.map((v) => ({
        key: `shop/${v.checkId}@staging${v.host ? `#${v.host}` : ''}`,
        service: 'shop',
        environment: 'staging',
        kind: 'http',
        subject: '/',
        critical: true,
        status: 'up',
        since: null,
        reason: null,
        headline: null,
        latencyMs: 1,
        nextRunAt: null,
        consecutiveFailures: 0,
        flapping: false,
        ...v,
      })),
    },
  };
}

describe('DrillHealthWatch', () => {
  it('hears a down status (when it was decided) and a down alert of its own service only', () => {
    const watch = new DrillHealthWatch('shop', 'staging', ['ready'], 2);
    const status = (service: string, environment: string, status: string): EventMessage => ({
      event: 'health.status',
      payload: {
        at: 5,
        worst: status,
        service: { service, environment, status, reason: 'r', since: 4, flapping: false, checks: [] },
      },
    });
    expect(watch.hear(status('shop', 'production', 'down'))).toEqual({});
    expect(watch.hear(status('shop', 'staging', 'up'))).toEqual({});
    // Detected when the status was decided (5), not backdated to its first failing sample (4).
    expect(watch.hear(status('shop', 'staging', 'down')).down).toEqual({ at: 5, status: 'down', reason: 'r' });
    const alert = (kind: string): EventMessage => ({
      event: 'health.alert',
      payload: {
        at: 9,
        service: 'shop',
        environment: 'staging',
        kind,
        title: 't',
        practice: { drillId: 'd', delivered: false },
      },
    });
    expect(watch.hear(alert('recovered'))).toEqual({});
    expect(watch.hear(alert('down')).alert).toEqual({ at: 9, title: 't', delivered: false });
  });

  it('counts passes in a row per run, after the press, for every instance of every watched check', () => {
    const watch = new DrillHealthWatch('shop', 'staging', ['ready', 'home'], 2);
    expect(watch.hear(sample(1, [{ checkId: 'ready', lastRunAt: 1 }]))).toEqual({});
    watch.startCounting(10);
    // Before the press: ignored. One check up is not all of them.
    expect(watch.hear(sample(11, [{ checkId: 'ready', lastRunAt: 9 }]))).toEqual({});
    expect(watch.hear(sample(12, [{ checkId: 'ready', lastRunAt: 12 }]))).toEqual({});
    expect(watch.hear(sample(13, [{ checkId: 'home', lastRunAt: 13 }])).allUp).toEqual({ at: 13 });
    // The same run seen again is not a second pass.
    expect(watch.hear(sample(14, [{ checkId: 'ready', lastRunAt: 12 }]))).toEqual({});
    expect(watch.hear(sample(15, [{ checkId: 'ready', lastRunAt: 15 }])).allPassed).toBeUndefined();
    // A failure starts the count again.
    watch.hear(sample(16, [{ checkId: 'home', lastRunAt: 16, status: 'down' }]));
    expect(watch.progress()).toBe('ready 2/2, home 0/2');
    watch.hear(sample(17, [{ checkId: 'home', lastRunAt: 17 }]));
    expect(watch.hear(sample(18, [{ checkId: 'home', lastRunAt: 18 }])).allPassed).toEqual({ at: 18 });
  });
});
