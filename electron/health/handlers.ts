/**
 * The health contract's handlers: thin reads of the monitor (statuses, checks, history, SLOs), the one action,
 * "run now", and the alert settings made in the app (quiet hours, keychain entries; each change journaled). They
 * never decide anything themselves: wording lives in overview.ts and status.ts, timing in the scheduler.
 */
import { type healthMethods } from '../../shared/api/health';
import { type Alert, type CheckRow, type HealthOverview, type SloRow, healthRangeMs } from '../../shared/model/health';
import { CockpitError } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { journalAlertSetting } from '../alerts/journal';
import { NO_CIPHER } from '../alerts/keychain-store';
import { type AlertOverridesStore } from '../alerts/overrides';
import { alertSettings } from '../alerts/settings';
import { type Keychain } from '../alerts/types';
import { type Journal } from '../journal/types';
import { type Capabilities } from '../features/types';
import { type HealthMonitor } from './monitor';
import { type CheckOnceResult } from './one-shot';
import { checkKey, matchesFilter } from './plan';
import { markersBetween } from './recent-deploy';

export type HealthContractName = keyof typeof healthMethods & string;

export interface HealthHandlerDeps {
  monitor: HealthMonitor;
  capabilities: Pick<Capabilities, 'deployMarkers'>;
  /** The overview as the monitor sees it now, or from a one-shot run's results. */
  overview(oneShot?: CheckOnceResult): HealthOverview;
  recentAlerts(): Alert[];
  alertsConfig(): Parameters<typeof alertSettings>[0];
  secrets: { env?: Record<string, string | undefined>; keychain?: Keychain };
  /** Alert settings made in the app (quiet hours), kept with the user's settings. */
  overrides: AlertOverridesStore;
  /** The app's alert settings changed: the rules follow them now. */
  overridesChanged(): void;
  journal: Pick<Journal, 'begin'>;
  now(): number;
  /** Resolves once the monitor follows the workspace opened last. */
  settled(): Promise<void>;
}

export function createHealthHandlers(deps: HealthHandlerDeps): Pick<Handlers, HealthContractName> {
  const { monitor } = deps;
  const settings = () =>
    alertSettings(deps.alertsConfig(), deps.secrets, monitor.flapPolicy, deps.now(), deps.overrides.get());

  const checkRows = (filter: { service?: string; environment?: string }): CheckRow[] =>
    monitor.planned().flatMap((check) => {
      if (!matchesFilter(check, filter)) return [];
      const view = monitor.scheduler.view(check.key);
      if (!view) return [];
      return [
        {
          ...view,
          everyMs: check.everyMs,
          everyFailingMs: check.everyFailingMs,
          timeoutMs: check.timeoutMs,
          retries: check.retries,
          uptime: monitor.uptimes(check.key),
        },
      ];
    });

  const sloRows = (filter: { service?: string; environment?: string }): SloRow[] => {
    const pairs = new Map<string, [string, string]>();
    for (const c of monitor.planned()) {
      if (matchesFilter(c, filter)) pairs.set(`${c.service}@${c.environment}`, [c.service, c.environment]);
    }
    return [...pairs.values()].flatMap(([service, environment]) => {
      const report = monitor.slo(service, environment);
      return report ? [{ service, environment, checks: monitor.sloChecks(service, environment), report }] : [];
    });
  };

  return {
    'health.overview': () => deps.overview(),
    'health.checks': (filter) => ({ checks: checkRows(filter) }),
    'health.series': ({ service, environment, checkId, host, range }) => {
      const key = checkKey(service, checkId, environment, host);
      const known = monitor.planned().some((c) => c.key === key) || monitor.store.existingId(key) !== undefined;
      if (!known) {
        const where = host ? ` on ${host}` : '';
        throw new CockpitError('NOT_FOUND', `no check ${checkId} for ${service} in ${environment}${where}`);
      }
      const to = deps.now();
      const from = to - healthRangeMs[range];
      return {
        range,
        series: monitor.series(key, from, to),
        markers: markersBetween(deps.capabilities, service, environment, from, to),
      };
    },
    'health.slo': (filter) => ({ slos: sloRows(filter) }),
    'health.runNow': async ({ wait, ...filter }) => {
      await deps.settled();
      if (monitor.watching) {
        const checks = await monitor.runNow(filter, wait);
        return { ran: checks.length, checks, overview: deps.overview() };
      }
      const once = await monitor.checkOnce(filter);
      return { ran: once.checks.length, checks: once.checks, overview: deps.overview(once) };
    },
    'health.alerts': ({ limit }) => ({ alerts: deps.recentAlerts().slice(0, limit) }),
    'health.settings': () => settings(),
    'health.setKeychainSecret': ({ name, value }) => {
      const keychain = deps.secrets.keychain;
      const why = keychain ? keychain.unavailable() : NO_CIPHER;
      if (!keychain || why) throw new CockpitError('UNSUPPORTED', `keychain:${name} cannot be stored: ${why}`);
      keychain.set(name, value);
      journalAlertSetting(deps.journal, `Stored keychain:${name} in the OS keychain`, `keychain:${name}`);
      return { name, stored: keychain.has(name) };
    },
    'health.deleteKeychainSecret': ({ name }) => {
      if (deps.secrets.keychain?.delete(name)) {
        journalAlertSetting(deps.journal, `Forgot keychain:${name}`, `keychain:${name}`);
      }
      return { name, stored: false };
    },
    'health.setQuietHours': ({ quietHours }) => {
      deps.overrides.setQuietHours(quietHours);
      deps.overridesChanged();
      journalAlertSetting(
        deps.journal,
        quietHours === null
          ? 'Quiet hours follow the workspace file again'
          : `Quiet hours set in the app: ${quietHours}`,
        'alerts.quietHours',
      );
      return settings();
    },
  };
}
