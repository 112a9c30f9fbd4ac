/** Desktop notifications, through the function the Electron shell provides (services never import electron). */
import { type Alert } from '../../shared/model/health';
import { type DesktopNotify, type Notifier } from './types';

export function createDesktopNotifier(notify: DesktopNotify): Notifier {
  return {
    name: 'desktop',
    async send(alert: Alert) {
      await notify({
        title: alert.title,
        body: alert.body,
        severity: alert.severity,
        service: alert.service,
        environment: alert.environment,
      });
    },
  };
}
