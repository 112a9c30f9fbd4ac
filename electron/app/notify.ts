/**
 * Native desktop notifications with a severity. Where the system has none (`Notification.isSupported()` is false,
 * e.g. a Linux box without a notification daemon) a notification becomes one log line instead.
 */

export type Severity = 'info' | 'warning' | 'critical';

export interface NotifyOptions {
  title: string;
  body: string;
  severity: Severity;
  onClick?: () => void;
}

export interface NotificationOptionsLike {
  title: string;
  body: string;
  /** Linux: how insistent the notification daemon should be. */
  urgency: 'low' | 'normal' | 'critical';
  /** 'never': a critical notification stays until the user acts on it. */
  timeoutType: 'default' | 'never';
}

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** The slice of Electron's Notification class we use; a fake in tests. */
export interface NotificationCtor<N extends NotificationLike> {
  new (options: NotificationOptionsLike): N;
  isSupported(): boolean;
}

export type Notify = (options: NotifyOptions) => boolean;

const urgency: Record<Severity, NotificationOptionsLike['urgency']> = {
  info: 'low',
  warning: 'normal',
  critical: 'critical',
};

export function createNotifier<N extends NotificationLike>(
  Notification: NotificationCtor<N>,
  log: (line: string) => void = (line) => console.log(line),
): Notify {
  // Electron drops click handlers of notifications that were garbage-collected: hold each until it closes.
  const live = new Set<N>();
  return ({ title, body, severity, onClick }) => {
    if (!Notification.isSupported()) {
      log(`[cockpit] notification (${severity}, not supported here): ${title} — ${body}`);
      return false;
    }
    const notification = new Notification({
      title,
      body,
      urgency: urgency[severity],
      timeoutType: severity === 'critical' ? 'never' : 'default',
    });
    live.add(notification);
    notification.on('close', () => live.delete(notification));
    if (onClick) {
      notification.on('click', () => {
        live.delete(notification);
        onClick();
      });
    }
    notification.show();
    return true;
  };
}
