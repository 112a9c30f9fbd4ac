/**
 * Native desktop notifications with a severity. Where the system has none (`Notification.isSupported()` is false,
 * e.g. a Linux box without a notification daemon) a notification becomes one log line instead. An action ("I'm on
 * it") becomes a button where the system draws one (macOS); elsewhere clicking the notification opens the screen
 * where the same button is.
 */

export type Severity = 'info' | 'warning' | 'critical';

export interface NotifyOptions {
  title: string;
  body: string;
  severity: Severity;
  onClick?: () => void;
  action?: { label: string; run: () => void };
}

export interface NotificationOptionsLike {
  title: string;
  body: string;
  /** Linux: how insistent the notification daemon should be. */
  urgency: 'low' | 'normal' | 'critical';
  /** 'never': a critical notification stays until the user acts on it. */
  timeoutType: 'default' | 'never';
  /** macOS only: buttons on the notification. */
  actions?: Array<{ type: 'button'; text: string }>;
}

export interface NotificationLike {
  on(event: 'click' | 'close' | 'action', listener: () => void): unknown;
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
  platform: NodeJS.Platform = process.platform,
): Notify {
  // Only macOS draws notification buttons; elsewhere an action would be a promise the system does not keep.
  const buttons = platform === 'darwin';
  // Electron drops click handlers of notifications that were garbage-collected: hold each until it closes.
  const live = new Set<N>();
  return ({ title, body, severity, onClick, action }) => {
    if (!Notification.isSupported()) {
      log(`[cockpit] notification (${severity}, not supported here): ${title} — ${body}`);
      return false;
    }
    const notification = new Notification({
      title,
      body,
      urgency: urgency[severity],
      timeoutType: severity === 'critical' ? 'never' : 'default',
      ...(action && buttons ? { actions: [{ type: 'button' as const, text: action.label }] } : {}),
    });
    live.add(notification);
    notification.on('close', () => live.delete(notification));
    if (onClick) {
      notification.on('click', () => {
        live.delete(notification);
        onClick();
      });
    }
    if (action && buttons) {
      notification.on('action', () => {
        live.delete(notification);
        action.run();
      });
    }
    notification.show();
    return true;
  };
}
