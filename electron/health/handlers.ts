/**
 * The health contract's handlers: thin reads of the monitor (statuses, checks, history, SLOs) and the one action,
 * "run now". They never decide anything themselves: wording lives in overview.ts and status.ts, timing in the
 * scheduler.
 */
import { type healthMethods } from '../../shared/api/health';
import { type Alert, type CheckRow, type HealthOverview, type SloRow, healthRangeMs } from '../../shared/model/health';
import { CockpitError } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { alertSettings } from '../alerts/settings';
import { type SecretStore } from '../alerts/types';
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
  secrets: { env?: Record<string, string | undefined>; keychain?: SecretStore };
  now(): number;
  /** Resolves once the monitor follows the workspace opened last. */
  settled(): Promise<void>;
}

export function createHealthHandlers(deps: HealthHandlerDeps): Pick<Handlers, HealthContractName> {
  const { monitor } = deps;

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
    'health.series': ({ service, environment, checkId, range }) => {
      const key = checkKey(service, checkId, environment);
      const known = monitor.planned().some((c) => c.key === key) || monitor.store.existingId(key) !== undefined;
      if (!known) throw new CockpitError('NOT_FOUND', `no check ${checkId} for ${service} in ${environment}`);
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
    'health.settings': () => alertSettings(deps.alertsConfig(), deps.secrets, monitor.flapPolicy, deps.now()),
  };
}
