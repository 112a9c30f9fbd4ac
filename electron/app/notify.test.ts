import { describe, expect, it, vi } from 'vitest';
import { type NotificationLike, type NotificationOptionsLike, createNotifier } from './notify';

function fakeNotification(supported: boolean) {
  const shown: FakeNotification[] = [];
  class FakeNotification implements NotificationLike {
    static isSupported = () => supported;
    readonly listeners = new Map<string, () => void>();
    constructor(readonly options: NotificationOptionsLike) {}
    on(event: 'click' | 'close' | 'action', listener: () => void) {
      this.listeners.set(event, listener);
    }
    show() {
      shown.push(this);
    }
  }
  return { FakeNotification, shown };
}

describe('createNotifier', () => {
  it('shows a notification with an urgency matching its severity, and runs onClick', () => {
    const { FakeNotification, shown } = fakeNotification(true);
    const notify = createNotifier(FakeNotification);
    const onClick = vi.fn();
    expect(notify({ title: 'api is down', body: 'api-ready failed 3 times', severity: 'critical', onClick })).toBe(
      true,
    );
    notify({ title: 'Backup is late', body: 'orders-db is 27 h old', severity: 'warning' });
    notify({ title: 'Deployed', body: 'api 8b71ff7', severity: 'info' });
    expect(shown.map((notification) => notification.options)).toEqual([
      { title: 'api is down', body: 'api-ready failed 3 times', urgency: 'critical', timeoutType: 'never' },
      { title: 'Backup is late', body: 'orders-db is 27 h old', urgency: 'normal', timeoutType: 'default' },
      { title: 'Deployed', body: 'api 8b71ff7', urgency: 'low', timeoutType: 'default' },
    ]);
    shown[0]?.listeners.get('click')?.();
    expect(onClick).toHaveBeenCalledOnce();
    expect(shown[1]?.listeners.has('click')).toBe(false);
  });

  it('offers an action as a button where the system draws one (macOS), and only there', () => {
    const mac = fakeNotification(true);
    const run = vi.fn();
    const action = { label: "I'm on it", run };
    createNotifier(
      mac.FakeNotification,
      () => undefined,
      'darwin',
    )({
      title: 'checkout is down',
      body: '503',
      severity: 'critical',
      action,
    });
    expect(mac.shown[0]?.options.actions).toEqual([{ type: 'button', text: "I'm on it" }]);
    mac.shown[0]?.listeners.get('action')?.();
    expect(run).toHaveBeenCalledOnce();

    const linux = fakeNotification(true);
    createNotifier(
      linux.FakeNotification,
      () => undefined,
      'linux',
    )({
      title: 'checkout is down',
      body: '503',
      severity: 'critical',
      action,
    });
    expect(linux.shown[0]?.options.actions).toBeUndefined();
    expect(linux.shown[0]?.listeners.has('action')).toBe(false);
  });

  it('logs one line instead when the system has no notifications', () => {
    const { FakeNotification, shown } = fakeNotification(false);
    const lines: string[] = [];
    const notify = createNotifier(FakeNotification, (line) => lines.push(line));
    expect(notify({ title: 'api is down', body: 'api-ready failed', severity: 'critical' })).toBe(false);
    expect(shown).toEqual([]);
    expect(lines).toEqual(['[cockpit] notification (critical, not supported here): api is down — api-ready failed']);
  });
});
